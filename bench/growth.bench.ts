import { isDeepStrictEqual } from 'node:util';
import { loadavg } from 'node:os';
import { xoshiro128ss } from '../server/agreement/stats';
import { buildGrowthCurves, summariseGroup } from '../server/analysis/growth/growth-curves';
import type { GrowthEpoch, GrowthRun, ScoreGroup } from '../server/analysis/growth/growth-types';

const ABILITIES = ['biology', 'history', 'code', 'creative_writing', 'chinese', 'dialogue_understanding', 'role_play', 'logical_reasoning', 'cot_math', 'ethics'];
/** The partial-credit ability: real-valued item scores, so its points take the bootstrap path. */
const PARTIAL = 'cot_math';
const BENCHMARKS = ['cmmlu', 'agieval', 'ceval'];
const SIZES = [0.5e9, 1.8e9, 7e9, 13e9];
const VOLUMES = [10, 40, 160, 640, 2560, 10000];

/**
 * A seeded study of `experiments` runs (model size × source × volume × seed) with `epochs` checkpoints each,
 * every checkpoint scoring 10 abilities on `items` valid and `items` test items and 3 benchmarks on `items` test
 * items; 0/1 scores except PARTIAL's (hundredths in [0, 1]).
 */
export function generateGrowthStudy(experiments = 500, epochs = 15, items = 100, seed = 13): GrowthRun[] {
  const random = xoshiro128ss(seed);
  const scores = (p: number, partial: boolean) =>
    Array.from({ length: items }, () => (partial ? Math.round(Math.min(1, Math.max(0, p + (random() - 0.5) * 0.8)) * 100) / 100 : random() < p ? 1 : 0));
  return Array.from({ length: experiments }, (_, i): GrowthRun => {
    const parameters = SIZES[i % SIZES.length];
    const source = i % 8 < 4 ? 'curated' : 'synthetic';
    const volume = VOLUMES[Math.floor(i / 8) % VOLUMES.length];
    const runSeed = Math.floor(i / 48);
    const trainCounts = Object.fromEntries(ABILITIES.map((a) => [a, volume / 10]));
    const base = 0.15 + 0.02 * Math.log(parameters / 1e8) + 0.03 * Math.log(volume);
    const runEpochs = Array.from({ length: epochs }, (_, e): GrowthEpoch => {
      const p = (k: number) => Math.min(0.95, base * (1 - Math.exp(-(e + 1) / 4)) + 0.02 * k);
      const groups: ScoreGroup[] = [
        ...ABILITIES.flatMap((a, k) =>
          (['valid', 'test'] as const).map((split): ScoreGroup => ({ suite: 'in-domain', ability: a, split, shots: 0, scores: scores(p(k), a === PARTIAL), expected: a === PARTIAL ? 0 : 0.25 })),
        ),
        ...BENCHMARKS.map((b, k): ScoreGroup => ({ suite: b, ability: 'all', split: 'test', shots: 0, scores: scores(p(k), false), expected: 0.25 })),
      ];
      return { epoch: e + 1, evaluationId: `ev-${i}-${e + 1}`, groups };
    });
    return { experimentId: `x${i}`, name: `${source}-${volume}-${parameters}-s${runSeed}`, parameters, baseModel: `m${parameters}`, source, seed: runSeed, trainCounts, trainTotal: volume, epochs: runEpochs };
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(repeats: number, f: () => unknown): { median: number; min: number; max: number } {
  f(); // warm-up
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times) };
}
const ms = (t: { median: number; min: number; max: number }) => `${t.median.toFixed(1)} ms (min ${t.min.toFixed(1)}, max ${t.max.toFixed(1)})`;

/**
 * `npm run bench -- growth [--runs 5]`: one study page's curves, intervals and fits (target < 200 ms), from the
 * group summaries stored as each evaluation lands; what storing them costs per evaluation; and the same page
 * computed from the per-item scores alone (every bootstrap on the page run again).
 */
export async function runGrowthBench(args: string[]): Promise<void> {
  const i = args.indexOf('--runs');
  const repeats = i >= 0 ? Number(args[i + 1]) : 5;
  const runs = generateGrowthStudy();
  const evaluations = runs.flatMap((r) => r.epochs);
  const groups = evaluations.reduce((s, e) => s + e.groups.length, 0);
  console.log(`growth bench: ${runs.length} experiments × 15 checkpoints = ${evaluations.length} evaluations, ${groups} score groups of 100 items (${PARTIAL} with partial credit), median of ${repeats} after a warm-up`);

  // As each evaluation lands: its groups' summaries (mean, n, interval), stored with it.
  let t = performance.now();
  const stored = runs.map((r) => ({
    ...r,
    epochs: r.epochs.map((e) => ({ ...e, groups: e.groups.map((g) => ({ ...g, scores: [], summary: summariseGroup(g.scores) })) })),
  }));
  const landing = (performance.now() - t) / evaluations.length;
  const one = evaluations[evaluations.length - 1];
  const perEvaluation = time(Math.max(repeats, 20), () => one.groups.map((g) => summariseGroup(g.scores)));

  const page = time(repeats, () => buildGrowthCurves(stored));
  const fromItems = time(repeats, () => buildGrowthCurves(runs));
  const curves = buildGrowthCurves(stored);
  if (!isDeepStrictEqual(curves, buildGrowthCurves(runs))) throw new Error('growth bench: stored summaries and per-item scores gave different curves');

  const points = curves.series.reduce((s, x) => s + x.points.length, 0);
  const bootstrap = curves.series.reduce((s, x) => s + x.points.filter((p) => p.interval.method === 'bootstrap').length, 0);
  console.log(`growth: curves+fits ${ms(page)}   (target < 200 ms; from summaries stored as evaluations land, per-item scores not loaded)`);
  console.log(`  ${curves.series.length} series, ${points} points (${bootstrap} with bootstrap intervals), ${curves.sensitivities.length} abilities fitted, ${curves.pending.length} pending`);
  console.log(`growth: summaries per landing evaluation ${ms(perEvaluation)} (${one.groups.length} groups, one with partial credit); ${landing.toFixed(2)} ms on average over the study's ${evaluations.length}`);
  console.log(`growth: curves+fits from per-item scores alone ${ms(fromItems)}   (each page recomputes every interval; same curves)`);
  console.log(`  load average ${loadavg().map((l) => l.toFixed(2)).join(', ')} (1, 5, 15 min)`);
}
