import { Alert, Box, LinearProgress, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { lazyChart } from '../charts/lazyChart';
import { useFormats } from './format';
import { useTrainingSteps } from './liveExperiments';

const LossChart = lazyChart(() => import('./LossChart').then((m) => m.LossChart));

/**
 * Training loss against the optimizer step, growing as `experiment.steps` arrives. Its chart is drawn with recharts
 * (loaded on first use, see charts/lazyChart.tsx); the server's SVG/PNG export draws server/charts/specs/loss-curve.ts
 * (ECharts), whose colour it shares.
 */
export const LossCurve = ({ experimentId }: { experimentId: string }) => {
  const translate = useTranslate();
  const f = useFormats();
  const { data: steps, error, isPending } = useTrainingSteps(experimentId);
  if (error) return <Alert severity="error">{translate('pace.experiments.load_failed', { message: error.message })}</Alert>;
  if (isPending) return <LinearProgress />;
  if (!steps?.length) return <Typography color="text.secondary">{translate('pace.experiments.curve.empty')}</Typography>;
  const last = steps.at(-1)!;
  const summary = translate('pace.experiments.curve.summary', { steps: f.int(steps.length), step: f.int(last.step), loss: f.num(last.loss, 4) });
  return (
    <Box role="figure" aria-label={summary} data-steps={steps.length}>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {summary}
      </Typography>
      <LossChart steps={steps} />
    </Box>
  );
};
