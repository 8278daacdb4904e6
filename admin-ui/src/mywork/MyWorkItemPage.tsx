import { Alert, Button, Card, CardContent, Chip, Paper, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Title, useLocaleState, useTranslate } from 'react-admin';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../i18n/dates';
import { AbilityLabel } from '../workspace/shared/AbilityLabel';
import { get } from '../workspace/shared/api';
import { Conversation } from '../workspace/shared/Conversation';
import type { MyWorkItem } from './myWorkTypes';

const M = 'pace.my_work';
const H = 'resources.items.history';

/** An item from "My work": its content, status now, and the review rounds the reviewer may see (blind while open). */
export const MyWorkItemPage = () => {
  const { id } = useParams();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [data, setData] = useState<MyWorkItem | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setData(null);
    setError(null);
    get<MyWorkItem>(`/reviews/mine/items/${id}`).then(setData, (e: Error) => setError(e.message));
  }, [id]);
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate(`${M}.item.title`, { id })} />
      <CardContent>
        <Button component={Link} to="/my-work" size="small" sx={{ mb: 2 }}>
          {translate(`${M}.item.back`)}
        </Button>
        {error && <Alert severity="error">{translate(`${M}.load_failed`, { message: error })}</Alert>}
        {data && (
          <Stack spacing={2}>
            <Stack direction="row" spacing={1} alignItems="center">
              <Typography variant="h6" component="h2">
                {translate(`${M}.item.title`, { id: data.item.id })}
              </Typography>
              <AbilityLabel ability={data.ability} />
              <Chip size="small" label={translate(`${M}.item.status`, { status: translate(`pace.item_status.${data.item.status}`) })} />
            </Stack>
            <Conversation messages={data.item.messages} />
            <Typography variant="subtitle1" component="h3">
              {translate(`${M}.item.rounds`)}
            </Typography>
            {data.rounds.length === 0 && <Typography color="text.secondary">{translate(`${M}.item.no_rounds`)}</Typography>}
            {data.rounds.map((round) => (
              <Paper key={round.id} variant="outlined" sx={{ p: 1.5 }} component="section" aria-label={translate(`${H}.round_kind.${round.kind}`)}>
                <Stack direction="row" spacing={1} alignItems="center" sx={{ mb: 1 }}>
                  <Typography variant="subtitle2">{translate(`${H}.round_kind.${round.kind}`)}</Typography>
                  {round.status === 'decided' && round.outcome ? (
                    <Chip size="small" color={round.outcome === 'accepted' ? 'success' : 'error'} label={translate(`${H}.outcome.${round.outcome}`)} />
                  ) : (
                    <Chip size="small" label={translate(`${H}.round_open`, { count: round.reviewsIn, needed: round.reviews_needed })} />
                  )}
                </Stack>
                {round.decisions.map((d) => (
                  <Typography key={d.reviewerId} variant="body2">
                    {d.reviewerName}: {translate(`${H}.decision_value.${d.decision}`)}
                    {d.reasons.length > 0 && ` (${d.reasons.map((r) => translate(`pace.workspace.review.reason.${r}`)).join(', ')})`}
                    {d.comment && ` — ${d.comment}`} · {formatDateTime(d.submittedAt, locale)}
                  </Typography>
                ))}
              </Paper>
            ))}
          </Stack>
        )}
      </CardContent>
    </Card>
  );
};
