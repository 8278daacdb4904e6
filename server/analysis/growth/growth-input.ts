/**
 * Reading the growth analysis's input: the runs' shape, and each score group's mean, item count and interval —
 * stored with the group (`summary`) or computed from its per-item scores. Only what the curves read is checked and
 * computed: every epoch's in-domain validation groups (the checkpoint choice) and the reported checkpoints' groups.
 */
import { scoreInterval } from '../stats';
import type { GroupSummary, GrowthEpoch, GrowthRun, ScoreGroup } from './growth-types';

export const IN_DOMAIN = 'in-domain';

/** The runs cannot be drawn as given: every problem, naming the run, epoch and group. */
export class GrowthInputError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`growth curves: bad input: ${problems.join('; ')}`);
    this.name = 'GrowthInputError';
  }
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
const groupName = (g: ScoreGroup) => `${g.suite}/${g.ability}/${g.split}/${g.shots}-shot`;
const runName = (run: GrowthRun) => `run ${run.experimentId} (${run.name})`;
const at = (run: GrowthRun, epoch: GrowthEpoch) => `${runName(run)} epoch ${epoch.epoch}`;

/** Checks the runs and their epochs (ids, counts, sizes, sources, epoch numbers); groups are checked as they are read. */
export function checkRuns(runs: readonly GrowthRun[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const run of runs) {
    const who = runName(run);
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
      if (!Number.isInteger(epoch.epoch)) problems.push(`${who} epoch ${epoch.epoch}: epoch must be an integer`);
      if (epochs.has(epoch.epoch)) problems.push(`${who} epoch ${epoch.epoch}: epoch given twice`);
      epochs.add(epoch.epoch);
    }
  }
  return problems;
}

/** Reads groups, adding a problem (and reading nothing) for each bad one. */
export class GroupReader {
  constructor(readonly problems: string[]) {}

  /** A group's own fields and stored summary; false (with the problems named) when it cannot be read. */
  private checkGroup(g: ScoreGroup, run: GrowthRun, epoch: GrowthEpoch): boolean {
    const before = this.problems.length;
    // The message prefix is built only for a problem: a study page reads ~10⁵ good groups.
    const bad = (what: string) => this.problems.push(`${at(run, epoch)} group ${groupName(g)}: ${what}`);
    if (g.split !== 'valid' && g.split !== 'test') bad('split must be valid or test');
    if (!inUnit(g.expected)) bad(`expected must be in [0, 1], got ${g.expected}`);
    const sum = g.summary;
    if (sum === undefined) {
      if (g.scores.length === 0) bad('no per-item scores');
      for (let i = 0; i < g.scores.length; i++) {
        const x = g.scores[i];
        if (!(x >= 0 && x <= 1)) {
          bad(`score of item ${i} must be in [0, 1], got ${x}`);
          break;
        }
      }
    } else {
      const ci = sum.interval;
      if (!inUnit(sum.mean)) bad(`summary.mean must be in [0, 1], got ${sum.mean}`);
      if (!(Number.isSafeInteger(sum.n) && sum.n > 0)) bad(`summary.n must be an integer > 0, got ${sum.n}`);
      if (!(inUnit(ci.lower) && inUnit(ci.upper) && ci.lower <= ci.upper)) bad(`summary.interval must have 0 ≤ lower ≤ upper ≤ 1, got [${ci.lower}, ${ci.upper}]`);
      if (ci.method !== 'wilson' && ci.method !== 'bootstrap') bad(`summary.interval.method must be wilson or bootstrap, got ${JSON.stringify(ci.method)}`);
      if (!(Number.isFinite(ci.variance) && ci.variance >= 0)) bad(`summary.interval.variance must be a number ≥ 0, got ${ci.variance}`);
    }
    return this.problems.length === before;
  }

  /** Only the mean of a validation group is read (and checked): a page reads 10⁵ of them. */
  private readMean(g: ScoreGroup, run: GrowthRun, epoch: GrowthEpoch): number | null {
    const sum = g.summary;
    if (sum === undefined) return this.checkGroup(g, run, epoch) ? plainMean(g.scores) : null;
    if (inUnit(sum.mean)) return sum.mean;
    this.problems.push(`${at(run, epoch)} group ${groupName(g)}: summary.mean must be in [0, 1], got ${sum.mean}`);
    return null;
  }

  /**
   * The unweighted mean over abilities of the epoch's in-domain 0-shot validation means; null when it has none, or
   * when one cannot be read or an ability is given twice (named).
   */
  validationAverage(run: GrowthRun, epoch: GrowthEpoch): number | null {
    let sum = 0;
    let k = 0;
    let ok = true;
    let seen: Set<string> | null = null;
    for (const g of epoch.groups) {
      if (g.suite !== IN_DOMAIN || g.split !== 'valid' || g.shots !== 0) continue;
      seen ??= new Set();
      if (seen.has(g.ability)) {
        this.problems.push(`${at(run, epoch)}: group ${groupName(g)} given twice`);
        ok = false;
      }
      seen.add(g.ability);
      const m = this.readMean(g, run, epoch);
      if (m === null) ok = false;
      else sum += m;
      k++;
    }
    return ok && k > 0 ? sum / k : null;
  }

  /** The reported checkpoint's test groups with their summaries, after checking every group of that epoch. */
  testSummaries(run: GrowthRun, epoch: GrowthEpoch): [ScoreGroup, GroupSummary][] {
    const names = new Set<string>();
    const out: [ScoreGroup, GroupSummary][] = [];
    for (const g of epoch.groups) {
      const name = groupName(g);
      const twice = names.has(name);
      if (twice) this.problems.push(`${at(run, epoch)}: group ${name} given twice`);
      names.add(name);
      // validation groups at shots 0 in-domain were checked by validationAverage already
      if (g.split === 'valid' && g.suite === IN_DOMAIN && g.shots === 0) continue;
      if (!this.checkGroup(g, run, epoch) || twice || g.split !== 'test') continue;
      out.push([g, g.summary ?? summariseGroup(g.scores)]);
    }
    return out;
  }
}
