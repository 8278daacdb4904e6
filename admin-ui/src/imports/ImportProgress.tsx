import { Box, LinearProgress, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { percentDone, type ImportRecord } from './importRecord';

const COLORS = { failed: 'error', cancelled: 'warning', completed: 'success' } as const;

/** `label` is read by the show layout around it; `minWidth` of the bar and its figure (narrower in the list). */
export const ImportProgress = ({ minWidth = 160 }: { label?: string; minWidth?: number }) => {
  const record = useRecordContext<ImportRecord>();
  const translate = useTranslate();
  if (!record) return null;
  const percent = percentDone(record);
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth }}>
      <LinearProgress
        variant="determinate"
        value={percent}
        color={COLORS[record.status as keyof typeof COLORS] ?? 'primary'}
        aria-label={translate('resources.imports.fields.progress')}
        sx={{ flex: 1, height: 8, borderRadius: 4 }}
      />
      <Typography variant="body2" sx={{ minWidth: 48, textAlign: 'right' }}>
        {percent}%
      </Typography>
    </Box>
  );
};
