import { useTranslate } from 'react-admin';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { CHART_SIZE } from './chartStyle';
import { coefficient } from './format';

export interface TrendRow {
  week: string;
  passRate: number | null;
  percent: number | null;
  fleiss: number | null;
  alpha: number | null;
}

interface TrendChartProps {
  rows: TrendRow[];
  lines: { key: string; label: string; colour: string }[];
  axis: { domain: [number, number]; ticks: number[] };
}

/** The weekly trend's lines (loaded with recharts, see charts/lazyChart.tsx). */
export const TrendChart = ({ rows, lines, axis }: TrendChartProps) => {
  const translate = useTranslate();
  return (
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
  );
};
