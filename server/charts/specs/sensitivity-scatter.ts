import type { LineSeriesOption, ScatterSeriesOption } from 'echarts';
import type { ScatterPoint } from '../../analysis/probe/probe-scatter';
import type { CorrelationNotEstimable, PearsonCorrelation } from '../../analysis/stats/correlation';
import type { ChartSpec } from '../chart-spec';

/**
 * The probe scatters of issue 13 items 4 and 7 as chart specs: Complexity against model-size sensitivity α_N, or
 * Transference against data-volume sensitivity α_D; one labelled point per ability and the least-squares line of y on
 * x, with Pearson's r, p and n in the subtitle. The caller passes the points (probeScatters) and their correlation
 * (pearsonCorrelation over the same points, which carries the line), so this stays a pure, type-only module.
 */

export const SCATTER_COLOUR = '#0072B2';
export const FIT_COLOUR = '#D55E00';

export interface SensitivityScatterLabels {
  title: string;
  x: string;
  y: string;
  /** The points' legend entry. */
  abilities: string;
  /** The fitted line's legend entry. */
  fit: string;
  /** The subtitle: r, p and n, or why there is no correlation. */
  statistics: (correlation: PearsonCorrelation | CorrelationNotEstimable) => string;
  /** Display names per ability key (the abilities' names, e.g. 中文); the key where none is given. */
  abilityNames?: Readonly<Record<string, string>>;
}

export function sensitivityScatterChart(
  points: readonly ScatterPoint[],
  correlation: PearsonCorrelation | CorrelationNotEstimable,
  labels: SensitivityScatterLabels,
): ChartSpec {
  if (correlation.n !== points.length) {
    throw new RangeError(`sensitivityScatterChart: the correlation is over ${correlation.n} points but ${points.length} are drawn`);
  }
  const name = (ability: string) => labels.abilityNames?.[ability] ?? ability;
  const xs = points.map((p) => p.x);
  const series: (ScatterSeriesOption | LineSeriesOption)[] = [
    {
      type: 'scatter',
      name: labels.abilities,
      color: SCATTER_COLOUR,
      symbolSize: 8,
      data: points.map((p) => ({ name: name(p.ability), value: [p.x, p.y] })),
      label: { show: true, position: 'right', formatter: '{b}', fontSize: 11, color: '#222222' },
      labelLayout: { moveOverlap: 'shiftY' },
      z: 3,
    },
  ];
  if (correlation.estimable) {
    const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
    series.push({
      type: 'line',
      name: labels.fit,
      smooth: false,
      showSymbol: false,
      color: FIT_COLOUR,
      lineStyle: { width: 1.5, color: FIT_COLOUR },
      data: [lo, hi].map((x) => [x, correlation.intercept + correlation.slope * x]),
      z: 2,
    });
  }
  return {
    animation: false,
    backgroundColor: '#ffffff',
    title: {
      text: labels.title,
      subtext: labels.statistics(correlation),
      left: 'center',
      top: 8,
      textStyle: { fontSize: 16, fontWeight: 'normal', color: '#222222' },
      subtextStyle: { fontSize: 12, color: '#555555' },
    },
    legend: { bottom: 4, data: series.map((s) => s.name as string) },
    tooltip: { trigger: 'item' },
    grid: { left: 72, right: 96, top: 72, bottom: 72 },
    xAxis: { type: 'value', name: labels.x, nameLocation: 'middle', nameGap: 30, scale: true, splitLine: { lineStyle: { type: 'dashed' } } },
    yAxis: { type: 'value', name: labels.y, nameLocation: 'middle', nameGap: 48, scale: true, splitLine: { lineStyle: { type: 'dashed' } } },
    series,
  };
}
