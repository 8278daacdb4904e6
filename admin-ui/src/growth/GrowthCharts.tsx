import DownloadIcon from '@mui/icons-material/Download';
import { Alert, Box, Button, Grid, Stack, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import type { GrowthChartName, GrowthView } from '../../../server/growth/growth-views';
import { chartMessages, growthCurveLabels } from '../../../server/charts/chart-messages';
import { growthCurveChart } from '../../../server/charts/specs/growth-curve';
import { EChart } from './EChart';
import { chartFilter, filterChoices, type GrowthFilterState } from './growthFilters';
import { growthApi, type ChartQuery, type GrowthSelection } from './growthApi';
import { useChartLocale } from './useGrowth';

const G = 'pace.growth';

/** SVG and PNG of a chart as the server draws it (the same spec), in the page's language. */
export const ChartDownloads = ({ name, selection, query }: { name: GrowthChartName; selection: GrowthSelection; query: Omit<ChartQuery, 'locale'> }) => {
  const translate = useTranslate();
  const locale = useChartLocale();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const download = async (format: 'svg' | 'png') => {
    setBusy(true);
    try {
      await growthApi.downloadChart(name, format, selection, { ...query, locale });
    } catch (err) {
      notify(`${G}.download_failed`, { type: 'error', messageArgs: { message: (err as Error).message } });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack direction="row" spacing={1}>
      {(['svg', 'png'] as const).map((format) => (
        <Button key={format} size="small" startIcon={<DownloadIcon />} disabled={busy} onClick={() => download(format)}>
          {translate(`${G}.download_${format}`)}
        </Button>
      ))}
    </Stack>
  );
};

/** One growth-curve chart: the server's spec function, drawn by ECharts in the browser. */
const GrowthChart = ({ curves, state, ability, title, selection }: { curves: GrowthView; state: GrowthFilterState; ability: string; title: string; selection: GrowthSelection }) => {
  const translate = useTranslate();
  const locale = useChartLocale();
  const filter = chartFilter(curves, state, ability);
  const result = useMemo(() => {
    try {
      return { option: growthCurveChart(curves, filter, growthCurveLabels(locale, title, curves.minEpoch)) };
    } catch (err) {
      return { error: (err as Error).message };
    }
    // the filter is rebuilt each render from the state: compare by value
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [curves, JSON.stringify(filter), locale, title]);
  const c = filterChoices(curves);
  const one = <T,>(all: readonly T[], on: readonly T[] | undefined) => (on && on.length === 1 && all.length > 1 ? on[0] : undefined);
  return (
    <Box component="section" aria-label={title} data-testid={`growth-chart-${ability}`}>
      {'error' in result ? (
        <Alert severity="error">{translate(`${G}.chart_refused`, { message: result.error })}</Alert>
      ) : (
        <EChart option={result.option!} label={translate(`${G}.chart_label`, { curve: title })} />
      )}
      <ChartDownloads
        name="growth-curve"
        selection={selection}
        query={{ ability, suite: state.family, parameters: one(c.sizes, filter.parameters), source: one(c.sources, filter.sources) }}
      />
    </Box>
  );
};

/** One chart per selected ability (or subset, or the average) of the chosen split or benchmark. */
export const GrowthCharts = ({ curves, state, selection, abilityNames }: { curves: GrowthView; state: GrowthFilterState; selection: GrowthSelection; abilityNames: Readonly<Record<string, string>> }) => {
  const translate = useTranslate();
  const locale = useChartLocale();
  if (!curves.series.length) return <Typography color="text.secondary">{translate(`${G}.no_points`)}</Typography>;
  if (!state.abilities.length) return <Typography color="text.secondary">{translate(`${G}.no_ability_selected`)}</Typography>;
  const titleOf = (a: string) => (a === 'average' ? chartMessages(locale).growthCurve.average : (abilityNames[a] ?? a));
  return (
    <Grid container spacing={2}>
      {state.abilities.map((a) => (
        <Grid key={`${state.family}:${a}`} size={{ xs: 12, xl: 6 }}>
          <GrowthChart curves={curves} state={state} ability={a} title={titleOf(a)} selection={selection} />
        </Grid>
      ))}
    </Grid>
  );
};
