import { Alert, Box, LinearProgress, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { LOSS_COLOUR } from '../../../server/charts/specs/loss-curve';
import { CHART_SIZE } from '../dashboard/chartStyle';
import { useFormats } from './format';
import { useTrainingSteps } from './liveExperiments';

/**
 * Training loss against the optimizer step, growing as `experiment.steps` arrives. Still drawn with recharts; the
 * server's SVG/PNG export draws server/charts/specs/loss-curve.ts (ECharts), whose colour it shares.
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
      <ResponsiveContainer width="100%" height={CHART_SIZE.height} initialDimension={CHART_SIZE}>
        <LineChart data={steps} margin={{ top: 8, right: 16, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} tickFormatter={(v: number) => f.int(v)} />
          <YAxis domain={['auto', 'auto']} tickFormatter={(v: number) => f.num(v, 2)} width={56} />
          <Tooltip
            labelFormatter={(step) => translate('pace.experiments.curve.step', { step: f.int(Number(step)) })}
            formatter={(v) => [f.num(Number(v), 4), translate('pace.experiments.curve.loss')]}
          />
          <Line type="monotone" dataKey="loss" name={translate('pace.experiments.curve.loss')} stroke={LOSS_COLOUR} dot={steps.length <= 50} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </Box>
  );
};
