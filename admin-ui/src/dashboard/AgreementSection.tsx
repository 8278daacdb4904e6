import { Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography, useTheme } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, ErrorBar, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { CHART_SIZE } from './chartSize';
import { coefficient, withInterval } from './format';
import { Section } from './Section';
import type { AgreementSummary, Estimate } from './types';
import type { Loaded } from './useLoaded';
import { useAbilityName } from './useAbilityName';

/** ErrorBar takes [below, above] distances from the bar's top. */
function errorOf(e: Estimate): [number, number] | undefined {
  return e.estimate == null || e.low == null || e.high == null ? undefined : [e.estimate - e.low, e.high - e.estimate];
}

/** Cohen's κ (mean over reviewer pairs), Fleiss' κ and Krippendorff's α per ability, with their intervals. */
export const AgreementSection = ({ agreement }: { agreement: Loaded<AgreementSummary> }) => {
  const translate = useTranslate();
  const theme = useTheme();
  const abilityName = useAbilityName();
  const groups = agreement.data?.groups ?? [];
  const rows = groups.map((g) => ({
    name: abilityName(g.key, g.label),
    cohen: g.meanCohenKappa,
    fleiss: g.fleissKappa.estimate,
    fleissError: errorOf(g.fleissKappa),
    alpha: g.krippendorffAlpha.estimate,
    alphaError: errorOf(g.krippendorffAlpha),
  }));
  const t = (key: string) => translate(`pace.dashboard.agreement.${key}`);
  const computedAt = agreement.data && new Date(agreement.data.computedAt).toLocaleTimeString();
  return (
    <Section title="pace.dashboard.agreement.title" data={agreement.data} error={agreement.error} empty={groups.length === 0 && 'pace.dashboard.agreement.empty'}>
      <ResponsiveContainer width="100%" height={CHART_SIZE.height} initialDimension={CHART_SIZE}>
        <BarChart data={rows} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" interval={0} tick={{ fontSize: 12 }} />
          <YAxis domain={[(min: number) => Math.min(0, Math.floor(min * 10) / 10), 1]} tickFormatter={(v: number) => v.toFixed(1)} />
          <Tooltip formatter={(v) => coefficient(Number(v))} />
          <Legend />
          <Bar dataKey="cohen" name={t('cohen')} fill={theme.palette.info.main} isAnimationActive={false} />
          <Bar dataKey="fleiss" name={t('fleiss')} fill={theme.palette.primary.main} isAnimationActive={false}>
            <ErrorBar dataKey="fleissError" width={4} stroke={theme.palette.text.primary} />
          </Bar>
          <Bar dataKey="alpha" name={t('alpha')} fill={theme.palette.secondary.main} isAnimationActive={false}>
            <ErrorBar dataKey="alphaError" width={4} stroke={theme.palette.text.primary} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      <TableContainer sx={{ mt: 2 }}>
        <Table size="small" aria-label={translate('pace.dashboard.agreement.title')}>
          <TableHead>
            <TableRow>
              {['ability', 'rounds', 'cohen', 'fleiss', 'alpha', 'ac1', 'percent'].map((k) => (
                <TableCell key={k} align={k === 'ability' ? 'left' : 'right'}>
                  {t(k)}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {groups.map((g) => (
              <TableRow key={g.key}>
                <TableCell component="th" scope="row">
                  {abilityName(g.key, g.label)}
                </TableCell>
                <TableCell align="right">{g.rounds}</TableCell>
                <TableCell align="right">{coefficient(g.meanCohenKappa)}</TableCell>
                <TableCell align="right">{withInterval(g.fleissKappa)}</TableCell>
                <TableCell align="right">{withInterval(g.krippendorffAlpha)}</TableCell>
                <TableCell align="right">{withInterval(g.gwetAc1)}</TableCell>
                <TableCell align="right">{withInterval(g.percentAgreement)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
        {t('note')} {computedAt && translate('pace.dashboard.updated', { time: computedAt })}
      </Typography>
    </Section>
  );
};
