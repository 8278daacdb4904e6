import { Box, Chip, LinearProgress, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { VersionRecord } from './versionTypes';

const COLORS = { freezing: 'info', frozen: 'success', failed: 'error', cancelled: 'default' } as const;

/** The status chip, and while freezing a bar with how far the one pass over the items has got. */
export const VersionStatus = ({ version }: { version: Pick<VersionRecord, 'status' | 'progress'> }) => {
  const translate = useTranslate();
  const p = version.progress;
  return (
    <Box sx={{ minWidth: 180 }}>
      <Chip size="small" color={COLORS[version.status]} label={translate(`pace.versions.status.${version.status}`)} />
      {version.status === 'freezing' && (
        <Box sx={{ mt: 0.5 }}>
          <LinearProgress variant="determinate" value={p.percent} aria-label={translate('pace.versions.list.status')} />
          <Typography variant="caption" color="text.secondary">
            {translate('pace.versions.list.progress', {
              done: p.done.toLocaleString(),
              total: p.total.toLocaleString(),
              phase: translate(`pace.versions.phase.${p.phase}`),
            })}
          </Typography>
        </Box>
      )}
    </Box>
  );
};
