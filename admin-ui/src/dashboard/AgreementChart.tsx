import { useTheme } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, ErrorBar, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { CHART_SIZE, coefficientAxis, SERIES_COLOUR } from './chartStyle';
import { coefficient } from './format';
import type { Estimate, GroupAgreement } from './types';
import { useAbilityName } from './useAbilityName';

/** ErrorBar takes [below, above] distances from the bar's top. */
function errorOf(e: Estimate): [number, number] | undefined {
  return e.estimate == null || e.low == null || e.high == null ? undefined : [e.estimate - e.low, e.high - e.estimate];
}

/** Bars per ability with error bars: Cohen's mean pairwise κ, Fleiss' κ and Krippendorff's α. */
export const AgreementChart = ({ groups }: { groups: GroupAgreement[] }) => {
  const translate = useTranslate();
  const { palette } = useTheme();
  const abilityName = useAbilityName();
  const rows = groups.map((g) => ({
    name: abilityName(g.key, g.label),
    cohen: g.meanCohenKappa.estimate,
    cohenError: errorOf(g.meanCohenKappa),
    fleiss: g.fleissKappa.estimate,
    fleissError: errorOf(g.fleissKappa),
    alpha: g.krippendorffAlpha.estimate,
    alphaError: errorOf(g.krippendorffAlpha),
  }));
  const t = (key: string) => translate(`pace.dashboard.agreement.${key}`);
  const axis = coefficientAxis(groups.flatMap((g) => [g.meanCohenKappa.low, g.fleissKappa.low, g.krippendorffAlpha.low]));
  return (
    <ResponsiveContainer width="100%" height={CHART_SIZE.height} initialDimension={CHART_SIZE}>
      <BarChart data={rows} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" interval={0} tick={{ fontSize: 12 }} />
        <YAxis domain={axis.domain} ticks={axis.ticks} tickFormatter={(v: number) => v.toFixed(1)} />
        <Tooltip formatter={(v) => coefficient(Number(v))} />
        <Legend />
        <Bar dataKey="cohen" name={t('cohen')} fill={SERIES_COLOUR.cohen} isAnimationActive={false}>
          <ErrorBar dataKey="cohenError" width={4} stroke={palette.text.primary} />
        </Bar>
        <Bar dataKey="fleiss" name={t('fleiss')} fill={SERIES_COLOUR.fleiss} isAnimationActive={false}>
          <ErrorBar dataKey="fleissError" width={4} stroke={palette.text.primary} />
        </Bar>
        <Bar dataKey="alpha" name={t('alpha')} fill={SERIES_COLOUR.alpha} isAnimationActive={false}>
          <ErrorBar dataKey="alphaError" width={4} stroke={palette.text.primary} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
};
