import { Chip, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { HistoryState } from './HistoryState';
import { useItemHistory, type ReviewRound } from './itemHistory';
import { ReviewModeChip } from './ReviewModeChip';
import type { ItemRecord } from './itemRecord';
import { useFormatDate } from '../i18n/dates';

const H = 'resources.items.history';

/** Each review round of the item, oldest first, with the decisions the signed-in user may see. `label={false}`: no label above it in a tab. */
export const ItemReviews = (_props: { label?: false }) => {
  const item = useRecordContext<ItemRecord>();
  const query = useItemHistory(item?.id, 'reviews');
  return (
    <HistoryState query={query} empty={`${H}.no_reviews`}>
      {() => (
        <Stack spacing={2}>
          {query.data!.map((round) => (
            <Round key={round.id} round={round} />
          ))}
        </Stack>
      )}
    </HistoryState>
  );
};

const Round = ({ round }: { round: ReviewRound }) => {
  const translate = useTranslate();
  const when = useFormatDate();
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} component="section" aria-label={translate(`${H}.round_kind.${round.kind}`)}>
      <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
        <Typography variant="subtitle1" component="h3">
          {translate(`${H}.round_kind.${round.kind}`)}
        </Typography>
        {round.status === 'decided' && round.outcome ? (
          <Chip size="small" color={round.outcome === 'accepted' ? 'success' : 'error'} label={translate(`${H}.outcome.${round.outcome}`)} />
        ) : (
          <Chip size="small" label={translate(`${H}.round_open`, { count: round.reviewsIn, needed: round.reviews_needed ?? 2 })} />
        )}
        {round.reviews_needed === 1 && <ReviewModeChip mode="single" />}
        <Typography variant="body2" color="text.secondary">
          {when(round.created_at)}
          {round.decided_at ? ` → ${when(round.decided_at)}` : ''}
        </Typography>
      </Stack>
      {round.decisions.length > 0 && (
        <Table size="small" sx={{ mt: 1 }}>
          <TableHead>
            <TableRow>
              {['reviewer', 'decision', 'reasons', 'comment', 'time_spent', 'submitted_at'].map((c) => (
                <TableCell key={c}>{translate(`${H}.${c}`)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {round.decisions.map((d) => (
              <TableRow key={d.reviewerId}>
                <TableCell>{d.reviewerName}</TableCell>
                <TableCell>
                  <Chip size="small" variant="outlined" color={d.decision === 'approve' ? 'success' : 'error'} label={translate(`${H}.decision_value.${d.decision}`)} />
                </TableCell>
                <TableCell>{d.reasons?.map((r) => translate(`${H}.reason.${r}`, { _: r })).join('、') || '—'}</TableCell>
                <TableCell sx={{ whiteSpace: 'pre-wrap' }}>{d.comment || '—'}</TableCell>
                <TableCell>{d.timeSpentMs == null ? '—' : translate(`${H}.seconds`, { n: Math.round(d.timeSpentMs / 1000) })}</TableCell>
                <TableCell>{when(d.submittedAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Paper>
  );
};
