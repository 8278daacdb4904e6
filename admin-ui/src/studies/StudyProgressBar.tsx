import { Box, LinearProgress, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { StudyProgress } from '../../../server/studies/study-views';

/** The mean percent of a study's runs, and how many are queued, running, done, failed or cancelled. */
export const StudyProgressBar = ({ progress }: { progress: StudyProgress }) => {
  const translate = useTranslate();
  const percent = Math.round(progress.percent);
  return (
    <Box sx={{ minWidth: 220 }}>
      <LinearProgress variant="determinate" value={percent} aria-label={translate('pace.studies.progress.label')} />
      <Typography variant="caption" color="text.secondary">
        {translate('pace.studies.progress.summary', { ...progress, percent })}
      </Typography>
    </Box>
  );
};
