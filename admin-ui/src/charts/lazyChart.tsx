import { Box, CircularProgress } from '@mui/material';
import { lazy, Suspense, type ComponentType } from 'react';
import { CHART_SIZE } from '../dashboard/chartStyle';

/**
 * A chart drawn with recharts, whose code (recharts, its store, the d3 helpers: a fifth of the app's library code)
 * vite.config.mts puts in a chunk of its own that loads when a chart first draws: the pages that open first (the
 * dashboard's first cards, the lists, the workspace) draw none, and evaluating that code held back their first paint.
 * Until the chunk is in, the chart's place shows a spinner of the chart's height.
 */
const loaders: (() => Promise<unknown>)[] = [];

export function lazyChart<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let started: Promise<{ default: ComponentType<P> }> | null = null;
  const start = () => (started ??= load().then((c) => ({ default: c })));
  loaders.push(start);
  const Chart = lazy(start);
  const LazyChart = (props: P) => (
    <Suspense
      fallback={
        <Box sx={{ height: CHART_SIZE.height, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          <CircularProgress size={16} />
        </Box>
      }
    >
      <Chart {...props} />
    </Suspense>
  );
  return LazyChart;
}

/** Starts loading every chart (idempotent): main.tsx calls it once the browser is idle after the first paint. */
export function preloadCharts(): Promise<unknown> {
  return Promise.all(loaders.map((l) => l()));
}
