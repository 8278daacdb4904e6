import { Alert, Grid, LinearProgress, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslate } from 'react-admin';
import type { CorrelationView, ProbeView } from '../../../server/growth/growth-views';
import type { ScatterPoint } from '../../../server/analysis/probe/probe-scatter';
import type { CorrelationNotEstimable, PearsonCorrelation } from '../../../server/analysis/stats/correlation';
import { chartMessages } from '../../../server/charts/chart-messages';
import { sensitivityScatterChart } from '../../../server/charts/specs/sensitivity-scatter';
import { useFormats } from '../experiments/format';
import { ChartDownloads } from './GrowthCharts';
import { EChart } from './EChart';
import { growthApi } from './growthApi';
import { growthKeys, useChartLocale } from './useGrowth';

const G = 'pace.growth.probe';

/** The API's correlation (null: not estimable) as the scatter spec takes it, over the points drawn. */
function asCorrelation(c: CorrelationView | null, points: readonly ScatterPoint[]): PearsonCorrelation | CorrelationNotEstimable {
  if (c && c.n === points.length) return { estimable: true, r: c.r, p: c.p, n: c.n, df: c.n - 2, slope: c.slope, intercept: c.intercept };
  return { estimable: false, n: points.length, reason: points.length < 3 ? `fewer than 3 abilities` : 'a constant' };
}

const Scatter = ({ probe, kind, abilityNames }: { probe: ProbeView; kind: 'complexity' | 'transference'; abilityNames: Readonly<Record<string, string>> }) => {
  const translate = useTranslate();
  const locale = useChartLocale();
  const points = kind === 'complexity' ? probe.scatters.complexityVsSize : probe.scatters.transferenceVsData;
  const correlation = kind === 'complexity' ? probe.correlations.complexityVsSize : probe.correlations.transferenceVsData;
  const option = useMemo(() => {
    const m = chartMessages(locale);
    const labels = kind === 'complexity' ? m.complexityScatter : m.transferenceScatter;
    return sensitivityScatterChart(points, asCorrelation(correlation, points), { ...labels, abilityNames });
  }, [points, correlation, locale, kind, abilityNames]);
  const scatter = kind === 'complexity' ? 'complexityVsSize' : 'transferenceVsData';
  const leftOut = probe.scatters.leftOut.filter((l) => l.scatter === scatter);
  return (
    <section aria-label={translate(`${G}.${kind}`)}>
      <EChart option={option} label={translate(`${G}.${kind}`)} height={380} />
      {leftOut.length > 0 && (
        <Typography variant="body2" color="text.secondary">
          {translate(`${G}.left_out`, { list: leftOut.map((l) => `${abilityNames[l.ability] ?? l.ability} (${translate(`${G}.left_out_reason.${l.reason}`)})`).join(translate('pace.growth.list_separator')) })}
        </Typography>
      )}
      <ChartDownloads name={kind} selection={{ studyId: probe.studyId }} query={{}} />
    </section>
  );
};

/** Complexity and Transference of a probe study: the measures per ability and the two scatters against the sensitivities. */
export const ProbeSection = ({ studyId, abilityNames }: { studyId: number; abilityNames: Readonly<Record<string, string>> }) => {
  const translate = useTranslate();
  const f = useFormats();
  const { data, error, isPending } = useQuery({ queryKey: growthKeys.probe(studyId), queryFn: () => growthApi.probe(studyId) });
  if (error) return <Alert severity="info">{translate(`${G}.unavailable`, { message: error.message })}</Alert>;
  if (isPending) return <LinearProgress />;
  if (data.missing.length) {
    return (
      <Alert severity="info">
        {translate(`${G}.missing`)}
        <ul>
          {data.missing.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      </Alert>
    );
  }
  return (
    <Grid container spacing={2}>
      <Grid size={12}>
        <Typography variant="body2" color="text.secondary">
          {translate(`${G}.weights`, { w1: data.weights.lossWeight, w2: data.weights.liftWeight, w: data.weights.transferWeight, epoch: data.minEpoch })}
        </Typography>
        <TableContainer>
          <Table size="small" aria-label={translate(`${G}.title`)}>
            <TableHead>
              <TableRow>
                <TableCell>{translate(`${G}.ability`)}</TableCell>
                <TableCell>{translate(`${G}.loss`)}</TableCell>
                <TableCell>{translate(`${G}.lift`)}</TableCell>
                <TableCell>{translate(`${G}.transfer`)}</TableCell>
                <TableCell>{translate(`${G}.complexity`)}</TableCell>
                <TableCell>{translate(`${G}.transference`)}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.measures.map((m) => (
                <TableRow key={m.ability}>
                  <TableCell component="th" scope="row">
                    {abilityNames[m.ability] ?? m.ability}
                  </TableCell>
                  <TableCell>{f.fixed(m.loss, 3)}</TableCell>
                  <TableCell>{f.fixed(m.liftFromOthers, 3)}</TableCell>
                  <TableCell>{f.fixed(m.transferToOthers, 3)}</TableCell>
                  <TableCell>{f.fixed(m.complexity, 3)}</TableCell>
                  <TableCell>{f.fixed(m.transference, 3)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      </Grid>
      <Grid size={{ xs: 12, lg: 6 }}>
        <Scatter probe={data} kind="complexity" abilityNames={abilityNames} />
      </Grid>
      <Grid size={{ xs: 12, lg: 6 }}>
        <Scatter probe={data} kind="transference" abilityNames={abilityNames} />
      </Grid>
    </Grid>
  );
};
