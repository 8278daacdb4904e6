import { Alert, Box, LinearProgress } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useTranslate } from 'react-admin';
import type { ChartSpec } from '../../../server/charts/chart-spec';

type Instance = ReturnType<(typeof import('./echartsCore'))['init']>;

/** The names of a spec's series as its legend lists them (each once): what a reader can toggle. */
export function legendNames(option: ChartSpec): string[] {
  const series = Array.isArray(option.series) ? option.series : option.series ? [option.series] : [];
  return [...new Set(series.map((s) => String(s.name ?? '')).filter(Boolean))];
}

/**
 * Draws a chart spec (a pure function's ECharts option, the one the server exports) in the browser. ECharts is a
 * dynamic import (echartsCore.ts): its chunk loads with the first chart, never with the workspace. The figure names
 * its series in `data-series`, and a legend click (ECharts' own toggle) is mirrored in `data-hidden`.
 */
export const EChart = ({ option, label, height = 420 }: { option: ChartSpec; label: string; height?: number }) => {
  const translate = useTranslate();
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<Instance | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const [hidden, setHidden] = useState<string[]>([]);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    import('./echartsCore').then(
      ({ init }) => {
        if (disposed || !ref.current) return;
        const instance = init(ref.current);
        chart.current = instance;
        instance.on('legendselectchanged', (e) => {
          const selected = (e as { selected: Record<string, boolean> }).selected;
          setHidden(Object.keys(selected).filter((name) => !selected[name]));
        });
        if (typeof ResizeObserver !== 'undefined') {
          observer = new ResizeObserver(() => instance.resize());
          observer.observe(ref.current);
        }
        setReady(true);
      },
      (err: Error) => setFailed(err.message),
    );
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (!ready || !chart.current) return;
    // a new option replaces the old one whole (notMerge): a series filtered away must not linger. Its text takes the
    // page's font (Chinese included), as the exporter's takes the Noto CJK font it installs.
    const fontFamily = ref.current ? getComputedStyle(ref.current).fontFamily : '';
    chart.current.setOption(fontFamily ? { ...option, textStyle: { fontFamily, ...(option.textStyle as object | undefined) } } : option, { notMerge: true });
    setHidden([]);
  }, [ready, option]);

  return (
    <Box role="figure" aria-label={label} data-series={JSON.stringify(legendNames(option))} data-hidden={JSON.stringify(hidden)} data-ready={ready}>
      {failed && <Alert severity="error">{translate('pace.growth.chart_failed', { message: failed })}</Alert>}
      {!ready && !failed && <LinearProgress />}
      <Box ref={ref} sx={{ width: '100%', height }} />
    </Box>
  );
};
