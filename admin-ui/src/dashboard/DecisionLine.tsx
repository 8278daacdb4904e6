import { Chip, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { PublicDecision } from './types';

/** One reviewer's decision: who, approve or reject, the reasons and the comment. */
export const DecisionLine = ({ decision: d }: { decision: PublicDecision }) => {
  const translate = useTranslate();
  const approved = d.decision === 'approve';
  return (
    <Stack direction="row" spacing={1} alignItems="baseline" flexWrap="wrap">
      <Typography variant="body2" fontWeight={500}>
        {d.reviewerName}
      </Typography>
      <Chip
        size="small"
        color={approved ? 'success' : 'error'}
        variant="outlined"
        label={translate(`pace.dashboard.disagreements.${approved ? 'approve' : 'reject'}`)}
      />
      {/* named as an item's review history names them */}
      {d.reasons.map((r) => (
        <Typography key={r} variant="body2" color="text.secondary">
          {translate(`resources.items.history.reason.${r}`, { _: r })}
        </Typography>
      ))}
      {d.comment && (
        <Typography variant="body2" fontStyle="italic">
          “{d.comment}”
        </Typography>
      )}
    </Stack>
  );
};
