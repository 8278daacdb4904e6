import type { CustomSeriesOption, CustomSeriesRenderItem, LineSeriesOption } from 'echarts';
import type { CurveKind, DataSource, GrowthCurves, GrowthPoint, GrowthSeries, PointInterval } from '../../analysis/growth/growth-types';
import type { EpochScoreLine } from '../../analysis/growth/run-epoch-scores';
import type { ChartSpec } from '../chart-spec';

/**
 * The growth curve of issue 13 items 2 and 7 as a chart spec: one curve family (an ability, a benchmark subset or an
 * average), score against training volume on a base-4 log axis, one line per model size × data source (curated solid,
 * synthetic dashed), every point's 95% interval as an error bar, the random-guess line, no smoothing. Pure: the UI
 * draws the same option in the browser and the exporter to SVG/PNG. Type-only imports.
 */

/** One colour per model size (Okabe–Ito, safe for colour-blind readers): curated and synthetic of a size share it. */
export const SIZE_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#000000'];
/** The random-guess line's grey. */
export const GUESS_COLOUR = '#888888';

/** Which curve family to draw, and (optionally) which of its lines: the growth page's filters. */
export interface GrowthChartFilter {
  kind: CurveKind;
  /** `in-domain` for abilities and their average, else the benchmark suite. */
  suite: string;
  /** The ability key, the benchmark subset, or `average`. */
  ability: string;
  /** Benchmarks: 0- or 5-shot; all shots when left out (then each line's legend names its shots). */
  shots?: number;
  /** Model sizes to draw (parameter counts); all when left out. */
  parameters?: readonly number[];
  sources?: readonly DataSource[];
}

/** Every word the chart shows, already in the reader's language (chart-messages.ts has them for en and zh-CN). */
export interface GrowthCurveLabels {
  title: string;
  /** e.g. "Best checkpoint at epoch ≥ 5 · 95% intervals" */
  subtitle: string;
  volume: string;
  score: string;
  /** Legend and label of the random-guess line. */
  randomGuess: string;
  source: Record<DataSource, string>;
  /** `5-shot` */
  shots: (shots: number) => string;
  /** Shown under the title when the family has no point yet. */
  empty: string;
  /** Points at volume 0 (nothing trained) cannot sit on a log axis: said in the subtitle, not dropped silently. */
  notDrawn: (count: number) => string;
  tooltip: {
    run: string;
    seed: string;
    epoch: string;
    volume: string;
    score: string;
    n: string;
    interval: string;
    method: Record<GrowthPoint['interval']['method'], string>;
    /** `mean of 3 seeds` */
    meanOf: (seeds: number) => string;
  };
}

/** A parameter count as a model size: 7B, 1.5B, 560M, 125K. */
export function formatParameters(parameters: number): string {
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [scale, unit] of units) {
    if (parameters >= scale) return `${trimNumber(parameters / scale)}${unit}`;
  }
  return String(parameters);
}

/**
 * A base-4 tick's label: 1, 4, 16, 64, 256, 1k, 4k, 16k, 64k, 256k, 1M … (4^k = 2^2k, so binary thousands: 4^5 =
 * 1024 reads "1k", next to the DoIT ladder's 1000). Any other value (the UI's hover) keeps its digits.
 */
export function formatVolumeTick(value: number): string {
  const k = Math.round(Math.log(value) / Math.log(4));
  if (k >= 0 && Math.abs(value - 4 ** k) < 1e-9 * value) {
    const bits = 2 * k;
    const prefix = ['', 'k', 'M', 'G', 'T'][Math.floor(bits / 10)];
    if (prefix !== undefined) return `${2 ** (bits % 10)}${prefix}`;
  }
  return trimNumber(value);
}

function trimNumber(value: number): string {
  return String(Number(value.toFixed(value >= 100 ? 0 : 1)));
}

/** A percentage with one decimal. */
const pct = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;

/** A point's hover lines: its run, seed, reported checkpoint, volume, score, n and interval with its method. */
export function growthPointTooltip(point: GrowthPoint, lineName: string, labels: GrowthCurveLabels): string[] {
  const t = labels.tooltip;
  return [
    lineName,
    `${t.run}: ${point.runName}`,
    `${t.seed}: ${point.seed}`,
    `${t.epoch}: ${point.epoch}`,
    `${t.volume}: ${point.volume}`,
    `${t.score}: ${pct(point.score)}`,
    `${t.n}: ${point.n}`,
    `${t.interval}: [${pct(point.interval.lower)}, ${pct(point.interval.upper)}] (${t.method[point.interval.method]})`,
  ];
}

/** The series of `curves` the filter selects, in legend order: model size ascending, curated before synthetic, shots. */
export function selectGrowthSeries(curves: GrowthCurves, filter: GrowthChartFilter): GrowthSeries[] {
  return curves.series
    .filter(
      (s) =>
        s.kind === filter.kind &&
        s.suite === filter.suite &&
        s.ability === filter.ability &&
        (filter.shots === undefined || s.shots === filter.shots) &&
        (filter.parameters === undefined || filter.parameters.includes(s.parameters)) &&
        (filter.sources === undefined || filter.sources.includes(s.source)),
    )
    .sort((a, b) => a.parameters - b.parameters || sourceOrder(a.source) - sourceOrder(b.source) || a.shots - b.shots);
}

const sourceOrder = (source: DataSource) => (source === 'curated' ? 0 : 1);

interface Hover {
  lines: string[];
}

/** The error-bar half-width in pixels, and how far apart the bars of several seeds at one volume stand. */
const CAP = 3;
const SEED_DODGE = 5;

export function growthCurveChart(curves: GrowthCurves, filter: GrowthChartFilter, labels: GrowthCurveLabels): ChartSpec {
  const selected = selectGrowthSeries(curves, filter);
  selected.forEach(checkSeries);
  const manyShots = new Set(selected.map((s) => s.shots)).size > 1;
  const sizes = [...new Set(curves.series.map((s) => s.parameters))].sort((a, b) => a - b);
  const colourOf = (parameters: number) => SIZE_COLOURS[sizes.indexOf(parameters) % SIZE_COLOURS.length];

  const drawable = (p: GrowthPoint) => p.volume > 0;
  const notDrawn = selected.reduce((count, s) => count + s.points.filter((p) => !drawable(p)).length, 0);
  const points = selected.flatMap((s) => s.points.filter(drawable));

  // hover text per [series index][data index], read by the tooltip formatter: the option stays a function of the data
  const hovers: Hover[][] = [];
  const series: (LineSeriesOption | CustomSeriesOption)[] = [];

  for (const s of selected) {
    const name = [formatParameters(s.parameters), labels.source[s.source], ...(manyShots ? [labels.shots(s.shots)] : [])].join(' · ');
    const colour = colourOf(s.parameters);
    const dashed = s.source === 'synthetic';
    const byVolume = groupByVolume(s.points.filter(drawable));

    // the line joins each volume's score (the mean over seeds where a volume has several): raw values, no smoothing
    hovers.push(
      byVolume.map(([volume, group]) =>
        group.length === 1
          ? { lines: growthPointTooltip(group[0], name, labels) }
          : {
              lines: [
                name,
                `${labels.tooltip.volume}: ${volume}`,
                `${labels.tooltip.score}: ${pct(mean(group.map((p) => p.score)))} (${labels.tooltip.meanOf(group.length)})`,
                ...group.map((p) => `${labels.tooltip.run}: ${p.runName} (${labels.tooltip.seed} ${p.seed}): ${pct(p.score)}`),
              ],
            },
      ),
    );
    series.push({
      type: 'line',
      name,
      smooth: false,
      color: colour,
      symbol: dashed ? 'emptyCircle' : 'circle',
      symbolSize: 6,
      showSymbol: true,
      lineStyle: { width: 2, type: dashed ? 'dashed' : 'solid', color: colour },
      data: byVolume.map(([volume, group]) => [volume, round(mean(group.map((p) => p.score)) * 100)]),
      z: 3,
    });

    // one bar per point (per seed), from its interval's lower to upper end; seeds at one volume stand side by side
    hovers.push(byVolume.flatMap(([, group]) => group.map((p) => ({ lines: growthPointTooltip(p, name, labels) }))));
    series.push({
      type: 'custom',
      name,
      color: colour,
      renderItem: errorBar(colour),
      encode: { x: 0, y: [1, 2] },
      data: byVolume.flatMap(([volume, group]) =>
        group.map((p, i) => [volume, round(p.interval.lower * 100), round(p.interval.upper * 100), round(p.score * 100), (i - (group.length - 1) / 2) * SEED_DODGE]),
      ),
      z: 2,
    });
  }

  const [xMin, xMax] = volumeRange(points);
  const guesses = [...new Set(selected.map((s) => round(s.expected * 100)))].sort((a, b) => a - b);
  for (const guess of guesses) {
    hovers.push([{ lines: [`${labels.randomGuess}: ${guess.toFixed(1)}%`] }, { lines: [`${labels.randomGuess}: ${guess.toFixed(1)}%`] }]);
    series.push({
      type: 'line',
      name: labels.randomGuess,
      smooth: false,
      color: GUESS_COLOUR,
      showSymbol: false,
      lineStyle: { width: 1.5, type: 'dashed', color: GUESS_COLOUR },
      data: [
        [xMin, guess],
        [xMax, guess],
      ],
      endLabel: { show: true, formatter: labels.randomGuess, color: GUESS_COLOUR, fontSize: 11 },
      z: 1,
    });
  }

  const [yMin, yMax] = scoreRange(points, guesses);
  const subtext = [points.length ? labels.subtitle : labels.empty, ...(notDrawn ? [labels.notDrawn(notDrawn)] : [])].join(' · ');

  return {
    ...titledWithHovers(labels.title, subtext, hovers),
    legend: { bottom: 4, data: [...new Set(series.map((s) => s.name as string))] },
    grid: { left: 72, right: 120, top: 72, bottom: 72 },
    xAxis: {
      type: 'log',
      logBase: 4,
      name: labels.volume,
      nameLocation: 'middle',
      nameGap: 30,
      min: xMin,
      max: xMax,
      axisLabel: { formatter: (value: number) => formatVolumeTick(value) },
      splitLine: { lineStyle: { type: 'dashed' } },
    },
    yAxis: {
      type: 'value',
      name: labels.score,
      nameLocation: 'middle',
      nameGap: 44,
      min: yMin,
      max: yMax,
      axisLabel: { formatter: '{value}%' },
      splitLine: { lineStyle: { type: 'dashed' } },
    },
    series,
  };
}

/** One colour per ability in the score-by-epoch view (Tableau 10: ten abilities, ten distinguishable colours). */
export const ABILITY_COLOURS = ['#4E79A7', '#F28E2B', '#E15759', '#76B7B2', '#59A14F', '#EDC948', '#B07AA1', '#FF9DA7', '#9C755F', '#BAB0AC'];

/** A run's checkpoints and their scores per ability (runEpochScores), and the epoch its growth points report. */
export interface ScoreByEpochData {
  lines: readonly EpochScoreLine[];
  /** The checkpoint the best-checkpoint rule chose (a growth point's epoch); null while no epoch qualifies. */
  reportedEpoch: number | null;
}

export interface ScoreByEpochLabels {
  /** e.g. "Score by epoch — curated-640" */
  title: string;
  subtitle: string;
  epoch: string;
  score: string;
  /** The marker at the reported checkpoint. */
  reported: (epoch: number) => string;
  empty: string;
  tooltip: GrowthCurveLabels['tooltip'];
  /** Display names per ability key; the key where none is given. */
  abilityNames?: Readonly<Record<string, string>>;
}

/**
 * A run's score against epoch, one line per ability with each checkpoint's 95% interval as an error bar and a
 * vertical marker at the reported checkpoint (issue 13 item 2's second view). Pure, like growthCurveChart.
 */
export function scoreByEpochChart(data: ScoreByEpochData, labels: ScoreByEpochLabels): ChartSpec {
  const t = labels.tooltip;
  const hovers: Hover[][] = [];
  const series: (LineSeriesOption | CustomSeriesOption)[] = [];
  const interval = (i: PointInterval) => `${t.interval}: [${pct(i.lower)}, ${pct(i.upper)}] (${t.method[i.method]})`;
  data.lines.forEach((line, index) => {
    const name = labels.abilityNames?.[line.ability] ?? line.ability;
    const colour = ABILITY_COLOURS[index % ABILITY_COLOURS.length];
    const points = [...line.points].sort((a, b) => a.epoch - b.epoch);
    const hover = points.map((p) => ({ lines: [name, `${t.epoch}: ${p.epoch}`, `${t.score}: ${pct(p.score)}`, `${t.n}: ${p.n}`, interval(p.interval)] }));
    hovers.push(hover, hover);
    series.push(
      {
        type: 'line',
        name,
        smooth: false,
        color: colour,
        symbol: 'circle',
        symbolSize: 5,
        lineStyle: { width: 2, color: colour },
        data: points.map((p) => [p.epoch, round(p.score * 100)]),
        ...(index === 0 && data.reportedEpoch !== null
          ? {
              markLine: {
                silent: true,
                symbol: 'none',
                lineStyle: { type: 'dashed', color: '#444444', width: 1 },
                label: { formatter: labels.reported(data.reportedEpoch), color: '#444444', fontSize: 11 },
                data: [{ xAxis: data.reportedEpoch }],
              },
            }
          : {}),
        z: 3,
      },
      {
        type: 'custom',
        name,
        color: colour,
        renderItem: errorBar(colour),
        encode: { x: 0, y: [1, 2] },
        data: points.map((p) => [p.epoch, round(p.interval.lower * 100), round(p.interval.upper * 100), round(p.score * 100), 0]),
        z: 2,
      },
    );
  });
  const empty = !data.lines.some((l) => l.points.length);
  return {
    ...titledWithHovers(labels.title, empty ? labels.empty : labels.subtitle, hovers),
    legend: { bottom: 4, data: data.lines.map((l) => labels.abilityNames?.[l.ability] ?? l.ability) },
    grid: { left: 72, right: 32, top: 72, bottom: 72 },
    xAxis: { type: 'value', name: labels.epoch, nameLocation: 'middle', nameGap: 30, minInterval: 1, min: 'dataMin', max: 'dataMax', splitLine: { lineStyle: { type: 'dashed' } } },
    yAxis: { type: 'value', name: labels.score, nameLocation: 'middle', nameGap: 44, min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { lineStyle: { type: 'dashed' } } },
    series,
  };
}

/** The frame both charts share: title and subtitle, and a tooltip that shows each point's own lines (`hovers[series][point]`). */
function titledWithHovers(title: string, subtext: string, hovers: Hover[][]): ChartSpec {
  return {
    animation: false,
    backgroundColor: '#ffffff',
    title: {
      text: title,
      subtext,
      left: 'center',
      top: 8,
      textStyle: { fontSize: 16, fontWeight: 'normal', color: '#222222' },
      subtextStyle: { fontSize: 12, color: '#555555' },
    },
    tooltip: {
      trigger: 'item',
      formatter: (params) => {
        const p = Array.isArray(params) ? params[0] : params;
        return (hovers[p.seriesIndex ?? -1]?.[p.dataIndex] ?? { lines: [] }).lines.map(escapeHtml).join('<br/>');
      },
    },
  };
}

/** An interval drawn as a vertical bar with caps, and a dot at the point's score (the seed's own value). */
function errorBar(colour: string): CustomSeriesRenderItem {
  return (_params, api) => {
    const volume = api.value(0) as number;
    const [x, lower] = api.coord([volume, api.value(1)]);
    const [, upper] = api.coord([volume, api.value(2)]);
    const [, score] = api.coord([volume, api.value(3)]);
    const cx = x + (api.value(4) as number);
    const style = { stroke: colour, lineWidth: 1.2, fill: 'none' };
    return {
      type: 'group',
      children: [
        { type: 'line', shape: { x1: cx, y1: lower, x2: cx, y2: upper }, style },
        { type: 'line', shape: { x1: cx - CAP, y1: lower, x2: cx + CAP, y2: lower }, style },
        { type: 'line', shape: { x1: cx - CAP, y1: upper, x2: cx + CAP, y2: upper }, style },
        { type: 'circle', shape: { cx, cy: score, r: 1.8 }, style: { fill: colour, stroke: 'none' } },
      ],
    };
  };
}

/** A score or bound that is not a fraction would be drawn off the chart or not at all: refused, naming series and run. */
function checkSeries(s: GrowthSeries): void {
  const fraction = (x: number) => Number.isFinite(x) && x >= 0 && x <= 1;
  if (!fraction(s.expected)) throw new RangeError(`growth series ${s.key}: expected score must be in [0, 1], got ${s.expected}`);
  for (const p of s.points) {
    const where = `growth series ${s.key}, run ${p.runName} at volume ${p.volume}`;
    if (!(Number.isFinite(p.volume) && p.volume >= 0)) throw new RangeError(`${where}: volume must be a finite number ≥ 0`);
    if (![p.score, p.interval.lower, p.interval.upper].every(fraction) || p.interval.lower > p.interval.upper) {
      throw new RangeError(`${where}: score ${p.score} and interval [${p.interval.lower}, ${p.interval.upper}] must be fractions in [0, 1], lower ≤ upper`);
    }
  }
}

function groupByVolume(points: readonly GrowthPoint[]): [number, GrowthPoint[]][] {
  const groups = new Map<number, GrowthPoint[]>();
  for (const p of points) groups.set(p.volume, [...(groups.get(p.volume) ?? []), p]);
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([v, g]) => [v, [...g].sort((a, b) => a.seed - b.seed)]);
}

/** The x range as whole powers of 4 around the volumes, so the ticks fall on 1, 4, 16 … and nothing sits on the edge. */
function volumeRange(points: readonly GrowthPoint[]): [number, number] {
  if (!points.length) return [1, 1024];
  const log4 = (v: number) => Math.log(v) / Math.log(4);
  const volumes = points.map((p) => p.volume);
  const lo = Math.floor(log4(Math.min(...volumes)) + 1e-9);
  const hi = Math.ceil(log4(Math.max(...volumes)) - 1e-9);
  return [4 ** lo, 4 ** Math.max(hi, lo + 1)];
}

/** The y range in % to whole tens around every interval and guess line, within 0–100. */
function scoreRange(points: readonly GrowthPoint[], guesses: readonly number[]): [number, number] {
  const values = [...points.flatMap((p) => [p.interval.lower * 100, p.interval.upper * 100]), ...guesses];
  if (!values.length) return [0, 100];
  const lo = Math.max(0, Math.floor(Math.min(...values) / 10) * 10);
  const hi = Math.min(100, Math.ceil(Math.max(...values) / 10) * 10);
  return [lo, hi > lo ? hi : Math.min(100, lo + 10)];
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
/** Percentages to 4 decimals: the same option from the same data, with no float noise in exported files. */
const round = (x: number) => Math.round(x * 1e4) / 1e4;

function escapeHtml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
