import { Chip, Paper, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { RevisionTask } from '../shared/types';

/** The earlier rounds' decisions on the item: why it came to revision. */
export const ReviewHistory = ({ history }: { history: RevisionTask['history'] }) => {
  const translate = useTranslate();
  return (
    <Paper variant="outlined" sx={{ p: 2 }} role="region" aria-label={translate('pace.workspace.revision.why')}>
      <Typography variant="subtitle2" gutterBottom>
        {translate('pace.workspace.revision.why')}
      </Typography>
      {history.length === 0 && <Typography color="text.secondary">{translate('pace.workspace.revision.no_history')}</Typography>}
      <Stack spacing={1.5}>
        {history.map((round) => (
          <Stack key={round.roundId} spacing={0.5}>
            <Typography variant="body2" color="text.secondary">
              {translate('pace.workspace.revision.round', { kind: translate(`pace.workspace.revision.kind.${round.kind}`), outcome: translate(`pace.item_status.${round.outcome ?? 'in_review'}`) })}
            </Typography>
            {round.decisions.map((d, i) => (
              <Stack key={i} direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
                <Chip size="small" color={d.decision === 'approve' ? 'success' : 'error'} label={translate(`pace.workspace.revision.decision.${d.decision}`)} />
                {d.reasons.map((r) => (
                  <Chip key={r} size="small" variant="outlined" label={translate(`pace.workspace.review.reason.${r}`)} />
                ))}
                {d.comment && <Typography variant="body2">“{d.comment}”</Typography>}
              </Stack>
            ))}
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
};
