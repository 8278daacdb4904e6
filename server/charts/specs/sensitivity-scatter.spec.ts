import type { LineSeriesOption, ScatterSeriesOption } from 'echarts';
import { describe, expect, it } from 'vitest';
import type { ScatterPoint } from '../../analysis/probe/probe-scatter';
import { pearsonCorrelation } from '../../analysis/stats/correlation';
import { chartMessages } from '../chart-messages';
import { FIT_COLOUR, sensitivityScatterChart } from './sensitivity-scatter';

/** Transference against α_D for four abilities, one with a Chinese name: x̄ = 0.25, ȳ = 0.5. */
const SCATTER_POINTS: ScatterPoint[] = [
  { ability: 'chinese', x: 0.1, y: 0.2 },
  { ability: 'code', x: 0.2, y: 0.4 },
  { ability: 'history', x: 0.3, y: 0.7 },
  { ability: 'ethics', x: 0.4, y: 0.7 },
];
const NAMES = { chinese: '中文', code: '代码', history: '历史' };
const correlationOf = (points: readonly ScatterPoint[]) =>
  pearsonCorrelation(
    points.map((p) => p.x),
    points.map((p) => p.y),
  );

describe(sensitivityScatterChart.name, () => {
  it('issue 13 item 4: one labelled point per ability (Chinese names drawn, the key where no name is given)', () => {
    const spec = sensitivityScatterChart(SCATTER_POINTS, correlationOf(SCATTER_POINTS), { ...chartMessages('zh-CN').transferenceScatter, abilityNames: NAMES });
    const [points] = spec.series as [ScatterSeriesOption];
    expect(points).toMatchObject({ type: 'scatter', name: '能力', label: { show: true, formatter: '{b}' } });
    expect(points.data).toEqual([
      { name: '中文', value: [0.1, 0.2] },
      { name: '代码', value: [0.2, 0.4] },
      { name: '历史', value: [0.3, 0.7] },
      { name: 'ethics', value: [0.4, 0.7] },
    ]);
    expect(spec.xAxis).toMatchObject({ name: '数据量敏感度 α_D' });
    expect(spec.yAxis).toMatchObject({ name: '迁移度' });
  });

  it('issue 13 item 4: the least-squares line of y on x across the points, and r, p, n in the subtitle', () => {
    const correlation = correlationOf(SCATTER_POINTS);
    if (!correlation.estimable) throw new Error(correlation.reason);
    const spec = sensitivityScatterChart(SCATTER_POINTS, correlation, chartMessages('en').transferenceScatter);
    const line = (spec.series as LineSeriesOption[])[1];
    // by hand: Sxx = 0.05, Sxy = 0.09, Syy = 0.18 → slope 1.8, intercept 0.5 − 1.8·0.25 = 0.05; ends at x = 0.1 and 0.4
    const [[x0, y0], [x1, y1]] = line.data as number[][];
    expect([x0, x1]).toEqual([0.1, 0.4]);
    expect(y0).toBeCloseTo(0.05 + 0.18, 12);
    expect(y1).toBeCloseTo(0.05 + 0.72, 12);
    expect(line).toMatchObject({ type: 'line', name: 'Least-squares line', color: FIT_COLOUR, smooth: false });
    // r = 0.09/√(0.05·0.18) = 0.949; two-sided p on 2 df
    expect(spec.title).toMatchObject({ text: 'Transference vs data-volume sensitivity', subtext: `Pearson r = 0.95, p = ${correlation.p.toFixed(3)}, n = 4` });
    const zh = sensitivityScatterChart(SCATTER_POINTS, correlation, chartMessages('zh-CN').complexityScatter);
    expect(zh.title).toMatchObject({ text: '复杂度与模型规模敏感度', subtext: `皮尔逊 r = 0.95，p = ${correlation.p.toFixed(3)}，n = 4` });
  });

  it('draws no line and says why when r cannot be computed; refuses a correlation over other points', () => {
    const two = SCATTER_POINTS.slice(0, 2);
    const spec = sensitivityScatterChart(two, correlationOf(two), chartMessages('en').complexityScatter);
    expect((spec.series as unknown[]).length).toBe(1);
    expect(spec.title).toMatchObject({ subtext: 'n = 2: no correlation (a correlation test needs at least 3 pairs, got 2)' });
    expect(() => sensitivityScatterChart(two, correlationOf(SCATTER_POINTS), chartMessages('en').complexityScatter)).toThrow(
      'sensitivityScatterChart: the correlation is over 4 points but 2 are drawn',
    );
  });
});
