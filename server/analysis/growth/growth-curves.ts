/**
 * Growth curves of issue 13 item 2: each run's score at its reported checkpoint against its training volume, one
 * series per curve × model size × data source (× shots), every point with its 95% interval from the per-item scores,
 * plus the sensitivities of item 3 fitted to them (growth-sensitivity.ts). Pure function, no I/O, deterministic: the
 * same runs always give deep-equal curves (bootstrap intervals use the fixed DEFAULT_SCORE_SEED).
 */
import { selectBestCheckpoint } from '../../experiments/checkpoint-selection';
import { normalQuantile } from '../stats';
import { checkRuns, GroupReader, GrowthInputError, IN_DOMAIN } from './growth-input';
import { fitSensitivities } from './growth-sensitivity';
import type { CurveKind, DataSource, GrowthCurves, GrowthEpoch, GrowthPoint, GrowthRun, GrowthSeries, PointInterval } from './growth-types';
import { BENCHMARKS, isBenchmarkSuite } from '../../benchmarks/benchmark-registry';

export { GrowthInputError, IN_DOMAIN, summariseGroup } from './growth-input';
const Z95 = normalQuantile(0.975);

export interface GrowthOptions {
  /** The earliest epoch a checkpoint may be reported from, for every run; default each run's own `minEpoch`, else 5 (DoIT). */
  minEpoch?: number;
}

/** A run's reported checkpoint. */
interface Reported {
  run: GrowthRun;
  epoch: GrowthEpoch;
}

/** One point before it joins its series, with the group's expected score. */
interface Placed {
  key: string;
  kind: CurveKind;
  suite: string;
  ability: string;
  shots: number;
  run: GrowthRun;
  point: GrowthPoint;
  expected: number;
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/**
 * Builds the growth curves of a set of runs.
 *
 * - Reported checkpoint: per run, the epoch ≥ `minEpoch` with the highest in-domain validation average — the
 *   unweighted mean over abilities of each ability's mean 0-shot `valid` score, as experiments and evaluations
 *   compute it — ties to the earliest (selectBestCheckpoint). Its `test` groups give the run's points. A run with no
 *   such epoch is listed in `pending` and drawn nowhere.
 * - `ability` series (suite `in-domain`): x = the run's train items of that ability (`trainCounts[ability]`). A run
 *   with 0 items of an ability has no point on that ability's curve (ln 0 is off the log axis; its score on the
 *   ability is still in the run's average). `benchmark` series (one per suite, subset, size, source and shots):
 *   x = the run's `trainTotal`; a run with trainTotal 0 (the untuned model) is on no curve.
 * - Point interval: scoreInterval of the per-item scores — Wilson when every score is 0 or 1, else the seeded
 *   percentile bootstrap over items (2000 replicates) — or the group's stored `summary` of the same (summariseGroup).
 *   An epoch whose in-domain validation groups are not all readable is no candidate.
 * - `average` series, x = trainTotal: per run and shots, the in-domain average (mean over the abilities the
 *   checkpoint was scored on of their test means) and each benchmark suite's average over its subsets. Its interval
 *   propagates the members' variances as independent: Var = Σ var_i / k², score ± 1.96·√Var clipped to [0, 1]
 *   (`variance` stays the propagated one); its `method` is the one most members used (a tie → bootstrap).
 * - `expected`: the mean of the drawn points' groups' expected scores (for an average, each run's mean of them).
 *
 * Throws GrowthInputError listing every problem (duplicate ids, epochs or groups, bad counts or summaries, and
 * per-item scores outside [0, 1] in the groups it reads).
 */
export function buildGrowthCurves(runs: readonly GrowthRun[], options: GrowthOptions = {}): GrowthCurves {
  if (options.minEpoch !== undefined && !Number.isFinite(options.minEpoch)) throw new GrowthInputError([`minEpoch must be a number, got ${options.minEpoch}`]);
  const minEpochOf = (run: GrowthRun) => options.minEpoch ?? run.minEpoch ?? 5;
  const own = new Set(runs.map(minEpochOf));
  const minEpoch = own.size === 1 ? [...own][0] : (options.minEpoch ?? 5);
  const reader = new GroupReader(checkRuns(runs));

  const reported: Reported[] = [];
  const pending: string[] = [];
  for (const run of runs) {
    const candidates: { epoch: number; validation: number; test: number; source: GrowthEpoch }[] = [];
    for (const epoch of run.epochs) {
      const validation = reader.validationAverage(run, epoch);
      if (validation !== null) candidates.push({ epoch: epoch.epoch, validation, test: Number.NaN, source: epoch });
    }
    const best = selectBestCheckpoint(candidates, minEpochOf(run));
    if (best === null) pending.push(run.experimentId);
    else reported.push({ run, epoch: (best as (typeof candidates)[number]).source });
  }

  const placed = reported.flatMap((r) => placeRun(r, reader));
  if (reader.problems.length > 0) throw new GrowthInputError(reader.problems);
  const series = collectSeries(placed);
  return {
    experimentIds: runs.map((r) => r.experimentId),
    minEpoch,
    series,
    sensitivities: fitSensitivities(series),
    pending,
  };
}

function seriesKey(kind: CurveKind, suite: string, ability: string, run: GrowthRun, shots: number): string {
  const curve = kind === 'ability' ? ability : kind === 'benchmark' ? `${suite}/${ability}` : `${suite}/average`;
  return `${kind}:${curve}|${run.parameters}|${run.source}|${shots}`;
}

function point(run: GrowthRun, epoch: number, volume: number, score: number, n: number, interval: PointInterval): GrowthPoint {
  return { experimentId: run.experimentId, runName: run.name, seed: run.seed, volume, epoch, score, n, interval };
}

/** The points one run contributes: one per test group it can be placed by, and one average per suite and shots. */
function placeRun({ run, epoch }: Reported, reader: GroupReader): Placed[] {
  const out: Placed[] = [];
  const families = new Map<string, { suite: string; shots: number; members: { point: GrowthPoint; expected: number }[] }>();
  for (const [g, summary] of reader.testSummaries(run, epoch)) {
    const kind: CurveKind = g.suite === IN_DOMAIN ? 'ability' : 'benchmark';
    const volume = kind === 'ability' ? (run.trainCounts[g.ability] ?? 0) : run.trainTotal;
    const p = point(run, epoch.epoch, volume, summary.mean, summary.n, summary.interval);
    if (volume > 0) out.push({ key: seriesKey(kind, g.suite, g.ability, run, g.shots), kind, suite: g.suite, ability: g.ability, shots: g.shots, run, point: p, expected: g.expected });
    // IFEval's groups are its four metrics, not subsets: no average over them
    if (isBenchmarkSuite(g.suite) && !BENCHMARKS[g.suite].averaged) continue;
    const family = `${g.suite}|${g.shots}`;
    if (!families.has(family)) families.set(family, { suite: g.suite, shots: g.shots, members: [] });
    (families.get(family) as { members: { point: GrowthPoint; expected: number }[] }).members.push({ point: p, expected: g.expected });
  }
  if (run.trainTotal > 0) {
    for (const { suite, shots, members } of families.values()) {
      const k = members.length;
      const score = mean(members.map((m) => m.point.score));
      const variance = members.reduce((s, m) => s + m.point.interval.variance, 0) / (k * k);
      const half = Z95 * Math.sqrt(variance);
      const wilson = members.filter((m) => m.point.interval.method === 'wilson').length;
      const interval: PointInterval = { lower: Math.max(0, score - half), upper: Math.min(1, score + half), method: wilson > k - wilson ? 'wilson' : 'bootstrap', variance };
      const n = members.reduce((s, m) => s + m.point.n, 0);
      out.push({
        key: seriesKey('average', suite, 'average', run, shots),
        kind: 'average',
        suite,
        ability: 'average',
        shots,
        run,
        point: point(run, epoch.epoch, run.trainTotal, score, n, interval),
        expected: mean(members.map((m) => m.expected)),
      });
    }
  }
  return out;
}

const KIND_ORDER: Record<CurveKind, number> = { ability: 0, benchmark: 1, average: 2 };
const SOURCE_ORDER: Record<DataSource, number> = { curated: 0, synthetic: 1 };
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Groups the placed points into series, sorted by kind, suite (in-domain first), curve, size, source, shots. */
function collectSeries(placed: readonly Placed[]): GrowthSeries[] {
  const byKey = new Map<string, { series: GrowthSeries; expected: number[] }>();
  for (const p of placed) {
    let entry = byKey.get(p.key);
    if (!entry) {
      const series: GrowthSeries = { key: p.key, kind: p.kind, suite: p.suite, ability: p.ability, parameters: p.run.parameters, source: p.run.source, shots: p.shots, points: [], expected: 0 };
      entry = { series, expected: [] };
      byKey.set(p.key, entry);
    }
    entry.series.points.push(p.point);
    entry.expected.push(p.expected);
  }
  const series = [...byKey.values()].map(({ series, expected }) => {
    series.points.sort((a, b) => a.volume - b.volume || a.seed - b.seed || cmp(a.experimentId, b.experimentId));
    series.expected = mean(expected);
    return series;
  });
  return series.sort(
    (a, b) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      Number(b.suite === IN_DOMAIN) - Number(a.suite === IN_DOMAIN) ||
      cmp(a.suite, b.suite) ||
      cmp(a.ability, b.ability) ||
      a.parameters - b.parameters ||
      SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source] ||
      a.shots - b.shots,
  );
}
