import { useTranslate } from 'react-admin';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { CHART_SIZE, coefficientAxis, SERIES_COLOUR } from './chartStyle';
import { coefficient } from './format';
import { Section } from './Section';
import type { AgreementSummary } from './types';
import type { Loaded } from './useLoaded';

/** Pass rate and agreement week by week (the server's weeks start on Monday). */
export const TrendSection = ({ weekly }: { weekly: Loaded<AgreementSummary> }) => {
  const translate = useTranslate();
  const rows = (weekly.data?.groups ?? []).map((g) => ({
    week: g.label,
    passRate: g.passRate,
    percent: g.percentAgreement.estimate,
    fleiss: g.fleissKappa.estimate,
    alpha: g.krippendorffAlpha.estimate,
  }));
  const axis = coefficientAxis(rows.flatMap((r) => [r.percent, r.fleiss, r.alpha]));
  const lines = [
    { key: 'passRate', label: 'pace.dashboard.pass_rate.label', colour: SERIES_COLOUR.passRate },
    { key: 'percent', label: 'pace.dashboard.agreement.percent', colour: SERIES_COLOUR.percent },
    { key: 'fleiss', label: 'pace.dashboard.agreement.fleiss', colour: SERIES_COLOUR.fleiss },
    { key: 'alpha', label: 'pace.dashboard.agreement.alpha', colour: SERIES_COLOUR.alpha },
  ];
  return (
    <Section title="pace.dashboard.trends.title" data={weekly.data} error={weekly.error} empty={rows.length === 0 && 'pace.dashboard.trends.empty'}>
      <ResponsiveContainer width="100%" height={CHART_SIZE.height} initialDimension={CHART_SIZE}>
        <LineChart data={rows} margin={{ top: 8, right: 16, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="week" tick={{ fontSize: 12 }} />
          <YAxis domain={axis.domain} ticks={axis.ticks} tickFormatter={(v: number) => v.toFixed(1)} />
          <Tooltip formatter={(v) => coefficient(Number(v))} />
          <Legend />
          {lines.map((l) => (
            <Line key={l.key} type="monotone" dataKey={l.key} name={translate(l.label)} stroke={l.colour} dot isAnimationActive={false} connectNulls />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </Section>
  );
};
