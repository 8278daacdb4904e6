import type { CustomSeriesOption, LineSeriesOption } from 'echarts';
import { describe, expect, it } from 'vitest';
import { handCurves, TRICKY_RUN_NAME } from '../../analysis/growth/hand-curves.fixture';
import { chartMessages, growthCurveLabels, scoreByEpochLabels } from '../chart-messages';
import type { ChartSpec } from '../chart-spec';
import { formatParameters, formatVolumeTick, GUESS_COLOUR, growthCurveChart, growthPointTooltip, scoreByEpochChart, SIZE_COLOURS, type GrowthChartFilter } from './growth-curve';

const CHINESE: GrowthChartFilter = { kind: 'ability', suite: 'in-domain', ability: 'chinese' };
const EN = growthCurveLabels('en', 'Chinese', 5);
const ZH = growthCurveLabels('zh-CN', '中文', 5);

const seriesOf = (spec: ChartSpec) => spec.series as (LineSeriesOption | CustomSeriesOption)[];
const lines = (spec: ChartSpec) => seriesOf(spec).filter((s): s is LineSeriesOption => s.type === 'line');
const bars = (spec: ChartSpec) => seriesOf(spec).filter((s): s is CustomSeriesOption => s.type === 'custom');
/** What the tooltip shows for a series' datum, as the UI would call it. */
const hover = (spec: ChartSpec, seriesIndex: number, dataIndex: number) => {
  const tooltip = spec.tooltip as { formatter: (p: unknown) => string };
  return tooltip.formatter({ seriesIndex, dataIndex });
};

describe(growthCurveChart.name, () => {
  it('issue 13 item 2: one unsmoothed line per model size × source, curated solid and synthetic dashed, in size order', () => {
    const spec = growthCurveChart(handCurves(), CHINESE, EN);
    const curves = lines(spec).filter((s) => s.name !== EN.randomGuess);
    expect(curves.map((s) => s.name)).toEqual(['7B · curated', '7B · synthetic', '13B · curated']);
    expect(curves.map((s) => (s.lineStyle as { type: string }).type)).toEqual(['solid', 'dashed', 'solid']);
    expect(curves.every((s) => s.smooth === false)).toBe(true);
    // one colour per size: curated and synthetic 7B share it, the dash tells them apart
    expect(curves.map((s) => s.color)).toEqual([SIZE_COLOURS[0], SIZE_COLOURS[0], SIZE_COLOURS[1]]);
    // raw scores in %, in volume order; two seeds at one volume meet at their mean
    expect(curves[0].data).toEqual([[1, 28], [4, 33], [16, 41], [64, 47], [1000, 60]]);
    expect(curves[2].data).toEqual([[1, 30], [4, 40], [16, 53]]);
  });

  it('issue 13 item 2: every point (every seed) has its 95% interval as an error bar of its line, toggled with it', () => {
    const spec = growthCurveChart(handCurves(), CHINESE, EN);
    const b = bars(spec);
    expect(b.map((s) => s.name)).toEqual(['7B · curated', '7B · synthetic', '13B · curated']);
    // [volume, lower %, upper %, score %, dodge px]: the bootstrap point keeps its own interval
    expect(b[0].data).toContainEqual([16, 35, 47, 41, 0]);
    // the two seeds at volume 16 stand side by side, each with its own interval
    expect((b[2].data as number[][]).filter((d) => d[0] === 16)).toEqual([
      [16, 40, 60, 50, -2.5],
      [16, 46, 66, 56, 2.5],
    ]);
    expect(b.every((s) => typeof s.renderItem === 'function')).toBe(true);
  });

  it('issue 13 item 2: a log x axis with base-4 ticks labelled 1, 4, 16, 64, 256, 1k …, and y in %', () => {
    const spec = growthCurveChart(handCurves(), CHINESE, EN);
    expect(spec.xAxis).toMatchObject({ type: 'log', logBase: 4, min: 1, max: 1024, name: EN.volume });
    const format = (spec.xAxis as { axisLabel: { formatter: (v: number) => string } }).axisLabel.formatter;
    expect([1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576].map(format)).toEqual(['1', '4', '16', '64', '256', '1k', '4k', '16k', '64k', '256k', '1M']);
    expect(spec.yAxis).toMatchObject({ type: 'value', min: 10, max: 70, axisLabel: { formatter: '{value}%' } });
  });

  it('issue 13 item 2: the random-guess line, dashed grey and labelled, across the axis', () => {
    const guess = lines(growthCurveChart(handCurves(), CHINESE, ZH)).find((s) => s.name === '随机猜测');
    expect(guess).toMatchObject({ color: GUESS_COLOUR, lineStyle: { type: 'dashed' }, endLabel: { show: true, formatter: '随机猜测' } });
    expect(guess!.data).toEqual([[1, 25], [1024, 25]]);
  });

  it('issue 13 item 7: the hover shows run, seed, checkpoint epoch, n and the interval with its method', () => {
    const spec = growthCurveChart(handCurves(), CHINESE, EN);
    // series 0 is 7B curated's line; its first point's run name is escaped for the tooltip's HTML
    expect(hover(spec, 0, 0)).toBe(
      ['7B · curated', 'Run: 中文, &#34;第一&#34; 版\n二', 'Seed: 1', 'Checkpoint epoch: 5', 'Training items: 1', 'Score: 28.0%', 'Items scored (n): 40', '95% interval: [18.0%, 38.0%] (Wilson)'].join(
        '<br/>',
      ),
    );
    expect(hover(spec, 1, 2)).toContain('95% interval: [35.0%, 47.0%] (bootstrap over items)');
    // 13B's line at volume 16 is the mean of two seeds, and names both runs
    expect(hover(spec, 4, 2)).toBe(['13B · curated', 'Training items: 16', 'Score: 53.0% (mean of 2 seeds)', 'Run: curated-160 (Seed 1): 50.0%', 'Run: curated-160 s2 (Seed 2): 56.0%'].join('<br/>'));
    const point = handCurves().series[2].points[0];
    expect(growthPointTooltip(point, 'x', ZH)).toContain(`运行: ${TRICKY_RUN_NAME}`);
  });

  it('issue 13 item 7: every word comes from the locale (en and zh-CN)', () => {
    const zh = growthCurveChart(handCurves(), CHINESE, ZH);
    expect(zh.title).toMatchObject({ text: '增长曲线 — 中文', subtext: '最佳检查点（第 5 轮及以后）的测试得分，含 95% 区间' });
    expect(zh.xAxis).toMatchObject({ name: '训练条数（对数刻度）' });
    expect(zh.yAxis).toMatchObject({ name: '得分' });
    expect((zh.legend as { data: string[] }).data).toEqual(['7B · 人工整理', '7B · 合成', '13B · 人工整理', '随机猜测']);
    expect(hover(zh, 1, 2)).toContain('95% 区间: [35.0%, 47.0%] (按条目自助法)');
    const en = growthCurveChart(handCurves(), CHINESE, EN);
    expect(en.title).toMatchObject({ text: 'Growth curve — Chinese', subtext: 'Test score at the best checkpoint (epoch ≥ 5), with 95% intervals' });
    // both locales have the same words, none left empty
    const keys = (m: object): string[] => Object.entries(m).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v).map((s) => `${k}.${s}`) : [k]));
    expect(keys(chartMessages('zh-CN'))).toEqual(keys(chartMessages('en')));
  });

  it('filters by size and source (the page toggles), and names the shots when a benchmark family has both', () => {
    const only7b = growthCurveChart(handCurves(), { ...CHINESE, parameters: [7e9], sources: ['synthetic'] }, EN);
    expect(lines(only7b).map((s) => s.name)).toEqual(['7B · synthetic', 'Random guess']);
    // the colour stays that of its size, whatever else is filtered out
    expect(lines(only7b)[0].color).toBe(SIZE_COLOURS[0]);
    const cmmlu = growthCurveChart(handCurves(), { kind: 'benchmark', suite: 'cmmlu', ability: 'average' }, EN);
    expect(lines(cmmlu).map((s) => s.name)).toEqual(['7B · curated · 0-shot', '7B · curated · 5-shot', 'Random guess']);
    expect(lines(growthCurveChart(handCurves(), { kind: 'benchmark', suite: 'cmmlu', ability: 'average', shots: 5 }, EN))[0]).toMatchObject({
      name: '7B · curated',
      data: [[2560, 43], [10000, 50]],
    });
    expect(cmmlu.xAxis).toMatchObject({ min: 1024, max: 16384 });
  });

  it('says when there is no point yet, and does not drop a volume-0 point silently', () => {
    const empty = growthCurveChart(handCurves(), { ...CHINESE, ability: 'history' }, EN);
    expect(empty.title).toMatchObject({ subtext: 'No evaluated run yet.' });
    expect(empty.series).toEqual([]);
    const curves = handCurves();
    curves.series[2].points.unshift({ ...curves.series[2].points[0], volume: 0 });
    const spec = growthCurveChart(curves, CHINESE, EN);
    expect(spec.title).toMatchObject({ subtext: `${EN.subtitle} · 1 point(s) at volume 0 not drawn on the log axis` });
    expect(lines(spec)[0].data).toHaveLength(5);
  });

  it('refuses a score or interval that is not a fraction, naming the series and run', () => {
    const curves = handCurves();
    curves.series[2].points[1].score = Number.NaN;
    expect(() => growthCurveChart(curves, CHINESE, EN)).toThrow(
      'growth series ability:in-domain:chinese|7000000000|curated|0, run curated-40 at volume 4: score NaN and interval [',
    );
    const flipped = handCurves();
    flipped.series[0].points[0].interval = { ...flipped.series[0].points[0].interval, lower: 0.5, upper: 0.4 };
    expect(() => growthCurveChart(flipped, CHINESE, EN)).toThrow('run curated-10 at volume 1: score 0.3 and interval [0.5, 0.4]');
    // another family's bad point does not stop this one from drawing
    expect(() => growthCurveChart(curves, { kind: 'benchmark', suite: 'cmmlu', ability: 'average' }, EN)).not.toThrow();
  });

  it('is a pure function of its input: the same data gives the same option, and the input is not changed', () => {
    const curves = handCurves();
    const before = JSON.stringify(curves);
    const a = growthCurveChart(curves, CHINESE, ZH);
    const b = growthCurveChart(handCurves(), CHINESE, ZH);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(curves)).toBe(before);
  });
});

describe('growth-curve number formats', () => {
  it('model sizes as 7B, 1.5B, 560M, 125K', () => {
    expect([7e9, 1.5e9, 13e9, 5.6e8, 1.25e5, 70e9, 512].map(formatParameters)).toEqual(['7B', '1.5B', '13B', '560M', '125K', '70B', '512']);
  });
  it('a value off the base-4 ladder keeps its digits', () => {
    expect([1000, 2560, 10, 2.5].map(formatVolumeTick)).toEqual(['1000', '2560', '10', '2.5']);
  });
});

describe(scoreByEpochChart.name, () => {
  const interval = (lower: number, upper: number) => ({ lower, upper, method: 'wilson' as const, variance: 0.001 });
  const data = {
    reportedEpoch: 6,
    lines: [
      { ability: 'chinese', points: [{ epoch: 6, score: 0.5, n: 40, interval: interval(0.4, 0.6) }, { epoch: 5, score: 0.45, n: 40, interval: interval(0.35, 0.55) }] },
      { ability: 'code', points: [{ epoch: 5, score: 0.3, n: 20, interval: interval(0.15, 0.5) }] },
    ],
  };

  it('issue 13 item 2: one line per ability against epoch with interval bars and a marker at the reported checkpoint, in zh-CN', () => {
    const spec = scoreByEpochChart(data, scoreByEpochLabels('zh-CN', 'curated-640', 5, { chinese: '中文' }));
    expect(spec.title).toMatchObject({ text: '各轮得分 — curated-640' });
    expect(lines(spec).map((s) => [s.name, s.data, s.smooth])).toEqual([
      ['中文', [[5, 45], [6, 50]], false],
      ['code', [[5, 30]], false],
    ]);
    expect(bars(spec).map((s) => s.data)).toEqual([[[5, 35, 55, 45, 0], [6, 40, 60, 50, 0]], [[5, 15, 50, 30, 0]]]);
    expect(lines(spec)[0].markLine).toMatchObject({ data: [{ xAxis: 6 }], label: { formatter: '报告（第 6 轮）' } });
    expect(spec.xAxis).toMatchObject({ name: '轮次', minInterval: 1 });
    expect(hover(spec, 2, 0)).toBe(['code', '检查点轮次: 5', '得分: 30.0%', '评分条数 (n): 20', '95% 区间: [15.0%, 50.0%] (Wilson)'].join('<br/>'));
  });

  it('has no marker before a checkpoint qualifies, and says when nothing is evaluated yet', () => {
    expect(lines(scoreByEpochChart({ ...data, reportedEpoch: null }, scoreByEpochLabels('en', 'r', 5)))[0].markLine).toBeUndefined();
    expect(scoreByEpochChart({ lines: [], reportedEpoch: null }, scoreByEpochLabels('en', 'r', 5)).title).toMatchObject({ subtext: 'No evaluated checkpoint yet.' });
  });
});
