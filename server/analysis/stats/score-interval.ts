import { multinomial, percentileInterval, type Random } from '../../agreement/stats';
import { normalQuantile } from './distributions';

/** A proportion or mean with its interval. */
export interface ScoreBounds {
  estimate: number;
  lower: number;
  upper: number;
}

/** Default seed of the score bootstrap: the same per-item scores always give the same interval. */
export const DEFAULT_SCORE_SEED = 13;

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
}

/**
 * Wilson score interval for k successes in n trials: the p whose score test |p̂ − p|/√(p(1 − p)/n) ≤ z,
 * centre (p̂ + z²/2n)/(1 + z²/n), half-width z/(1 + z²/n)·√(p̂(1 − p̂)/n + z²/4n²). Stays inside [0, 1]
 * and has width > 0 at 0/n and n/n (unlike the Wald interval).
 */
export function wilsonInterval(k: number, n: number, level = 0.95): ScoreBounds {
  checkLevel(level);
  if (!(Number.isSafeInteger(n) && n > 0)) throw new RangeError(`Wilson interval: n must be a positive integer, got ${n}`);
  if (!(Number.isSafeInteger(k) && k >= 0 && k <= n)) throw new RangeError(`Wilson interval: k must be an integer in 0…${n}, got ${k}`);
  const z = normalQuantile(1 - (1 - level) / 2);
  const p = k / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return {
    estimate: p,
    lower: k === 0 ? 0 : Math.max(0, centre - half),
    upper: k === n ? 1 : Math.min(1, centre + half),
  };
}

export interface MeanBootstrapOptions {
  /** Default DEFAULT_SCORE_SEED. */
  seed?: number;
  /** Default 2000. */
  replicates?: number;
  /** Default 0.95. */
  level?: number;
}

function checkScores(scores: readonly number[]): void {
  if (scores.length === 0) throw new RangeError('a score interval needs at least one per-item score, got none');
  scores.forEach((s, i) => {
    if (!Number.isFinite(s)) throw new RangeError(`per-item score ${i} must be a finite number, got ${s}`);
  });
}

/**
 * Seeded percentile bootstrap of the mean of per-item scores, resampling items with replacement
 * (the agreement statistics' percentile rule, R type 7), so the same scores and seed give the same
 * interval. A replicate is a count per distinct score value: one multinomial draw of n over them
 * (the agreement statistics' sampler) when there are few distinct values, else n uniform item draws,
 * whichever is cheaper (≈ 10 ms for 1000 real-valued scores and 2000 replicates).
 */
export function bootstrapMeanInterval(scores: readonly number[], options: MeanBootstrapOptions = {}): ScoreBounds {
  checkScores(scores);
  const slot = new Map<number, number>();
  for (const s of scores) if (!slot.has(s)) slot.set(s, slot.size);
  const values = [...slot.keys()];
  const itemSlot = scores.map((s) => slot.get(s) as number);
  const weights = new Array<number>(values.length).fill(0);
  for (const i of itemSlot) weights[i]++;
  const n = scores.length;
  const mean = (w: readonly number[]) => values.reduce((sum, v, i) => sum + v * w[i], 0) / n;
  const resample =
    values.length * 8 <= n
      ? (random: Random) => multinomial(n, weights, random)
      : (random: Random) => {
          const drawn = new Array<number>(values.length).fill(0);
          for (let k = 0; k < n; k++) drawn[itemSlot[Math.floor(random() * n)]]++;
          return drawn;
        };
  const ci = percentileInterval(weights, mean, resample, {
    seed: options.seed ?? DEFAULT_SCORE_SEED,
    replicates: options.replicates ?? 2000,
    level: options.level ?? 0.95,
  });
  // The mean of finite numbers is always defined, so the percentiles are too.
  return { estimate: ci.estimate as number, lower: ci.low as number, upper: ci.high as number };
}

export interface ScoreInterval extends ScoreBounds {
  /** `wilson` when every per-item score is 0 or 1, else `bootstrap` (percentile, over items). */
  method: 'wilson' | 'bootstrap';
  /** Items scored. */
  n: number;
  /**
   * ((upper − lower)/2z)²: the variance of a normal interval as wide, to weight a fit by. Zero only when
   * a bootstrap finds every item with the same score (then a fit over it is ordinary, not weighted).
   */
  variance: number;
  level: number;
}

/**
 * The 95% interval of one growth-curve point from its per-item scores: Wilson for 0/1 scores (exact
 * match, perplexity ranking), the seeded percentile bootstrap over items for real-valued ones (partial
 * credit, normalized benchmark scores). Says which it used.
 */
export function scoreInterval(perItemScores: readonly number[], options: MeanBootstrapOptions = {}): ScoreInterval {
  checkScores(perItemScores);
  const level = options.level ?? 0.95;
  checkLevel(level);
  const n = perItemScores.length;
  const binary = perItemScores.every((s) => s === 0 || s === 1);
  let bounds: ScoreBounds;
  if (binary) {
    let k = 0;
    for (const s of perItemScores) k += s;
    bounds = wilsonInterval(k, n, level);
  } else {
    bounds = bootstrapMeanInterval(perItemScores, { ...options, level });
  }
  const z = normalQuantile(1 - (1 - level) / 2);
  const variance = ((bounds.upper - bounds.lower) / (2 * z)) ** 2;
  return { method: binary ? 'wilson' : 'bootstrap', n, ...bounds, variance, level };
}
