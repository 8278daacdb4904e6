import { useTranslate } from 'react-admin';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { LOSS_COLOUR } from '../../../server/charts/specs/loss-curve';
import { CHART_SIZE } from '../dashboard/chartStyle';
import { useFormats } from './format';
import type { useTrainingSteps } from './liveExperiments';

type Step = NonNullable<ReturnType<typeof useTrainingSteps>['data']>[number];

/** The loss curve's chart (loaded with recharts, see charts/lazyChart.tsx). */
export const LossChart = ({ steps }: { steps: Step[] }) => {
  const translate = useTranslate();
  const f = useFormats();
  return (
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
  );
};
