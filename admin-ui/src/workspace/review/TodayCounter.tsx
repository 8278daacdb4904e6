import DoneAll from '@mui/icons-material/DoneAll';
import { Chip } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { Tally } from '../shared/types';

export const TodayCounter = ({ tally }: { tally: Tally | null }) => {
  const translate = useTranslate();
  if (!tally) return null;
  return (
    <Chip
      icon={<DoneAll />}
      variant="outlined"
      label={translate('pace.workspace.review.today', { count: tally.today })}
      title={translate('pace.workspace.review.today_detail', { count: tally.today, approved: tally.approvedToday })}
      aria-label={translate('pace.workspace.review.today_detail', { count: tally.today, approved: tally.approvedToday })}
    />
  );
};
