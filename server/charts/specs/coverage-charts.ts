import type { BarSeriesOption } from 'echarts';
import type { CoverageRow, LengthStats } from '../../synthesis/coverage/coverage-views';
import type { ChartSpec } from '../chart-spec';

/**
 * The charts of a generation run's coverage report (issue 15 item 6) as chart specs: pure functions of the report and
 * the reader's words, drawn by the admin UI (and drawable by the server's renderer). Type-only imports.
 */

/** Okabe–Ito: ingested, excluded, refused; questions, answers. */
const COLOURS = { ingested: '#009E73', excluded: '#D55E00', rejected: '#CC79A7', questions: '#0072B2', answers: '#E69F00' };

export interface CoverageChartLabels {
  title: string;
  ingested: string;
  excluded: string;
  rejected: string;
  pairs: string;
}

/**
 * Pairs per discipline (one bar each, `field / discipline`), stacked by what became of them: ingested, excluded by
 * decontamination, refused at import. Disciplines in the report's order; still-generated pairs are not drawn.
 */
export function coverageByDisciplineChart(rows: readonly CoverageRow[], l: CoverageChartLabels): ChartSpec {
  const names = rows.map((r) => `${r.field} / ${r.discipline ?? ''}`);
  const series = (['ingested', 'excluded', 'rejected'] as const).map(
    (k): BarSeriesOption => ({ type: 'bar', name: l[k], stack: 'pairs', data: rows.map((r) => r[k]), itemStyle: { color: COLOURS[k] } }),
  );
  return {
    title: { text: l.title, left: 'center' },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 8, right: 24, top: 40, bottom: 40, containLabel: true },
    xAxis: { type: 'value', name: l.pairs, minInterval: 1 },
    yAxis: { type: 'category', data: names, inverse: true },
    series,
  };
}

export interface LengthChartLabels {
  title: string;
  questions: string;
  answers: string;
  characters: string;
  count: string;
}

/** `0–50`, …, `3200+`: a bin's label in characters. */
export function binLabel(b: LengthStats['bins'][number]): string {
  return b.to === null ? `${b.from}+` : `${b.from}–${b.to}`;
}

/** Length histograms of questions and answers side by side, on the report's bins (characters). */
export function lengthHistogramChart(lengths: { questions: LengthStats; answers: LengthStats }, l: LengthChartLabels): ChartSpec {
  return {
    title: { text: l.title, left: 'center' },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 8, right: 24, top: 40, bottom: 40, containLabel: true },
    xAxis: { type: 'category', name: l.characters, data: lengths.questions.bins.map(binLabel) },
    yAxis: { type: 'value', name: l.count, minInterval: 1 },
    series: (['questions', 'answers'] as const).map(
      (k): BarSeriesOption => ({ type: 'bar', name: l[k], data: lengths[k].bins.map((b) => b.count), itemStyle: { color: COLOURS[k] } }),
    ),
  };
}
