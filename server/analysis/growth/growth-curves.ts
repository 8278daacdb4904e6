/**
 * Growth curves of issue 13 item 2: each run's score at its reported checkpoint against its training volume, one
 * series per curve × model size × data source (× shots), every point with its 95% interval from the per-item scores,
 * plus the sensitivities of item 3 fitted to them (growth-sensitivity.ts). Pure function, no I/O, deterministic: the
 * same runs always give deep-equal curves (bootstrap intervals use the fixed DEFAULT_SCORE_SEED).
 */
import { selectBestCheckpoint } from '../../experiments/checkpoint-selection';
import { normalQuantile, scoreInterval } from '../stats';
import { fitSensitivities } from './growth-sensitivity';
import type { CurveKind, DataSource, GroupSummary, GrowthCurves, GrowthEpoch, GrowthPoint, GrowthRun, GrowthSeries, PointInterval, ScoreGroup } from './growth-types';

export const IN_DOMAIN = 'in-domain';
const Z95 = normalQuantile(0.975);

/** The runs cannot be drawn as given: every problem, naming the run, epoch and group. */
export class GrowthInputError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`growth curves: bad input: ${problems.join('; ')}`);
    this.name = 'GrowthInputError';
  }
}

export interface GrowthOptions {
  /** The earliest epoch a checkpoint may be reported from; default 5 (DoIT). */
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

const groupName = (g: ScoreGroup) => `${g.suite}/${g.ability}/${g.split}/${g.shots}-shot`;
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
  const minEpoch = options.minEpoch ?? 5;
  if (!Number.isFinite(minEpoch)) throw new GrowthInputError([`minEpoch must be a number, got ${minEpoch}`]);
  const reader = new GroupReader(checkRuns(runs));

  const reported: Reported[] = [];
  const pending: string[] = [];
  for (const run of runs) {
    const candidates = run.epochs.flatMap((epoch) => {
      const at = `run ${run.experimentId} (${run.name}) epoch ${epoch.epoch}`;
      const means = epoch.groups.filter((g) => g.suite === IN_DOMAIN && g.split === 'valid' && g.shots === 0).map((g) => reader.mean(g, at));
      if (means.length === 0 || means.some((m) => m === null)) return [];
      return [{ epoch: epoch.epoch, validation: mean(means as number[]), test: Number.NaN, source: epoch }];
    });
    const best = selectBestCheckpoint(candidates, minEpoch);
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

/** A group's mean, item count and interval from its per-item scores: what an evaluation stores as it lands. */
export function summariseGroup(scores: readonly number[]): GroupSummary {
  const ci = scoreInterval(scores);
  return { mean: plainMean(scores), n: ci.n, interval: { lower: ci.lower, upper: ci.upper, method: ci.method, variance: ci.variance } };
}

/** Σ scores / n in item order: the one mean both the checkpoint choice and the points use, stored or not. */
function plainMean(scores: readonly number[]): number {
  let sum = 0;
  for (const x of scores) sum += x;
  return sum / scores.length;
}

const inUnit = (x: number) => Number.isFinite(x) && x >= 0 && x <= 1;

/** Checks the runs' shape and stored summaries (not the per-item scores: GroupReader checks those it reads). */
function checkRuns(runs: readonly GrowthRun[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const run of runs) {
    const who = `run ${run.experimentId} (${run.name})`;
    if (ids.has(run.experimentId)) problems.push(`${who}: experiment id given twice`);
    ids.add(run.experimentId);
    if (!(Number.isFinite(run.parameters) && run.parameters > 0)) problems.push(`${who}: parameters must be a number > 0, got ${run.parameters}`);
    if (run.source !== 'curated' && run.source !== 'synthetic') problems.push(`${who}: source must be curated or synthetic, got ${JSON.stringify(run.source)}`);
    if (!(Number.isSafeInteger(run.trainTotal) && run.trainTotal >= 0)) problems.push(`${who}: trainTotal must be an integer ≥ 0, got ${run.trainTotal}`);
    for (const [ability, count] of Object.entries(run.trainCounts)) {
      if (!(Number.isSafeInteger(count) && count >= 0)) problems.push(`${who}: trainCounts.${ability} must be an integer ≥ 0, got ${count}`);
    }
    const epochs = new Set<number>();
    for (const epoch of run.epochs) {
      const at = `${who} epoch ${epoch.epoch}`;
      if (!Number.isInteger(epoch.epoch)) problems.push(`${at}: epoch must be an integer`);
      if (epochs.has(epoch.epoch)) problems.push(`${at}: epoch given twice`);
      epochs.add(epoch.epoch);
      const names = new Set<string>();
      for (const g of epoch.groups) {
        const name = groupName(g);
        if (names.has(name)) problems.push(`${at}: group ${name} given twice`);
        names.add(name);
        const where = `${at} group ${name}`;
        if (g.split !== 'valid' && g.split !== 'test') problems.push(`${where}: split must be valid or test`);
        if (!inUnit(g.expected)) problems.push(`${where}: expected must be in [0, 1], got ${g.expected}`);
        const sum = g.summary;
        if (sum === undefined) {
          if (g.scores.length === 0) problems.push(`${where}: no per-item scores`);
        } else {
          const ci = sum.interval;
          if (!inUnit(sum.mean)) problems.push(`${where}: summary.mean must be in [0, 1], got ${sum.mean}`);
          if (!(Number.isSafeInteger(sum.n) && sum.n > 0)) problems.push(`${where}: summary.n must be an integer > 0, got ${sum.n}`);
          if (!(inUnit(ci.lower) && inUnit(ci.upper) && ci.lower <= ci.upper)) problems.push(`${where}: summary.interval must have 0 ≤ lower ≤ upper ≤ 1, got [${ci.lower}, ${ci.upper}]`);
          if (ci.method !== 'wilson' && ci.method !== 'bootstrap') problems.push(`${where}: summary.interval.method must be wilson or bootstrap, got ${JSON.stringify(ci.method)}`);
          if (!(Number.isFinite(ci.variance) && ci.variance >= 0)) problems.push(`${where}: summary.interval.variance must be a number ≥ 0, got ${ci.variance}`);
        }
      }
    }
  }
  return problems;
}

/**
 * Reads groups' means and summaries — the stored summary when there is one, else from the per-item scores, checked
 * (each in [0, 1]) only for the groups the curves read: validation groups for the checkpoint choice, the reported
 * checkpoints' test groups for the points. A bad group adds a problem and reads as null.
 */
class GroupReader {
  constructor(readonly problems: string[]) {}

  private checked(g: ScoreGroup, at: string): boolean {
    if (g.scores.length === 0) return false; // named by checkRuns
    for (let i = 0; i < g.scores.length; i++) {
      const x = g.scores[i];
      if (!(x >= 0 && x <= 1)) {
        this.problems.push(`${at} group ${groupName(g)}: score of item ${i} must be in [0, 1], got ${x}`);
        return false;
      }
    }
    return true;
  }

  mean(g: ScoreGroup, at: string): number | null {
    if (g.summary) return g.summary.mean;
    return this.checked(g, at) ? plainMean(g.scores) : null;
  }

  summary(g: ScoreGroup, at: string): GroupSummary | null {
    if (g.summary) return g.summary;
    return this.checked(g, at) ? summariseGroup(g.scores) : null;
  }
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
  const at = `run ${run.experimentId} (${run.name}) epoch ${epoch.epoch}`;
  const out: Placed[] = [];
  const families = new Map<string, { suite: string; shots: number; members: { point: GrowthPoint; expected: number }[] }>();
  for (const g of epoch.groups) {
    if (g.split !== 'test') continue;
    const summary = reader.summary(g, at);
    if (summary === null) continue;
    const kind: CurveKind = g.suite === IN_DOMAIN ? 'ability' : 'benchmark';
    const volume = kind === 'ability' ? (run.trainCounts[g.ability] ?? 0) : run.trainTotal;
    const p = point(run, epoch.epoch, volume, summary.mean, summary.n, summary.interval);
    if (volume > 0) out.push({ key: seriesKey(kind, g.suite, g.ability, run, g.shots), kind, suite: g.suite, ability: g.ability, shots: g.shots, run, point: p, expected: g.expected });
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
