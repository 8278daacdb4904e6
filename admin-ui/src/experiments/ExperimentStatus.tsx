import { Box, Chip, LinearProgress, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { type ExperimentStatus, type ExperimentView } from './experimentTypes';
import { useFormats } from './format';

const COLORS = { queued: 'default', running: 'info', cancelling: 'warning', cancelled: 'default', completed: 'success', failed: 'error' } as const;

export const StatusChip = ({ status }: { status: ExperimentStatus }) => {
  const translate = useTranslate();
  return <Chip size="small" color={COLORS[status]} label={translate(`pace.experiments.status.${status}`)} />;
};

/** Where training has got: epoch and step, the last loss, throughput and the time left. */
export const ProgressLine = ({ experiment }: { experiment: Pick<ExperimentView, 'id' | 'status' | 'progress'> }) => {
  const translate = useTranslate();
  const f = useFormats();
  const p = experiment.progress;
  if (experiment.status === 'queued' && !p.totalSteps) return null;
  const parts = [
    translate('pace.experiments.progress.epoch', { epoch: f.int(Math.min(Math.ceil(p.epoch || 0), p.epochs) || 0), epochs: f.int(p.epochs) }),
    translate('pace.experiments.progress.step', { step: f.int(p.step), total: f.int(p.totalSteps) }),
    translate('pace.experiments.progress.loss', { loss: f.num(p.loss, 4) }),
    translate('pace.experiments.progress.speed', { speed: f.int(p.tokensPerSecond) }),
  ];
  if (experiment.status === 'running') parts.push(translate('pace.experiments.progress.eta', { eta: f.duration(p.etaSeconds) }));
  return (
    <Box sx={{ minWidth: 220 }} data-testid={`progress-${experiment.id}`}>
      <LinearProgress
        variant="determinate"
        value={Math.max(0, Math.min(100, p.percent || 0))}
        aria-label={translate('pace.experiments.progress.label')}
        color={experiment.status === 'failed' ? 'error' : 'primary'}
      />
      <Typography variant="caption" color="text.secondary">
        {parts.join(' · ')}
      </Typography>
    </Box>
  );
};
