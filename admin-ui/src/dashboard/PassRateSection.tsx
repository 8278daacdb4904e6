import { useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { CHART_SIZE, SERIES_COLOUR } from './chartStyle';
import { percent } from './format';
import { Section } from './Section';
import type { PassRates } from './types';
import type { Loaded } from './useLoaded';
import { useAbilityName } from './useAbilityName';

/** Drawn from GET /agreement/pass-rates (quick) and then from each pushed `agreement.updated` summary. */
export const PassRateSection = ({ rates }: { rates: Loaded<PassRates> }) => {
  const translate = useTranslate();
  const abilityName = useAbilityName();
  const rows = (rates.data?.groups ?? []).map((g) => ({ name: abilityName(g.key, g.label), passRate: g.passRate, rounds: g.rounds }));
  return (
    <Section title="pace.dashboard.pass_rate.title" data={rates.data} error={rates.error} empty={rows.length === 0 && 'pace.dashboard.pass_rate.empty'}>
      <ResponsiveContainer width="100%" height={CHART_SIZE.height} initialDimension={CHART_SIZE}>
        <BarChart data={rows} margin={{ top: 20, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" interval={0} tick={{ fontSize: 12 }} />
          <YAxis domain={[0, 1]} tickFormatter={percent} />
          <Tooltip formatter={(v) => percent(Number(v))} />
          <Bar dataKey="passRate" name={translate('pace.dashboard.pass_rate.label')} fill={SERIES_COLOUR.passRate} isAnimationActive={false}>
            <LabelList dataKey="passRate" position="top" formatter={(v) => percent(Number(v))} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </Section>
  );
};
