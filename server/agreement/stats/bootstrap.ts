import { type Random, xoshiro128ss } from './random';
import { multinomial } from './sampling';
import type { Coefficient, ContingencyTable, WeightedUnit } from './types';
import { checkTable, checkUnits } from './validate';

export interface BootstrapOptions {
  /** Default 1000. */
  replicates?: number;
  /** Seed of the generator: the same seed and data give the same interval. */
  seed: number;
  /** Coverage of the interval, default 0.95. */
  level?: number;
}

export interface BootstrapInterval {
  /** The statistic on the data itself; null where undefined (then low and high are null too). */
  estimate: Coefficient;
  /** Percentile bounds; null when the estimate or every replicate is undefined. */
  low: Coefficient;
  high: Coefficient;
  /** Replicates with a defined statistic, which the percentiles are taken over. */
  replicates: number;
  /** Replicates whose statistic was undefined (null), skipped. */
  undefinedReplicates: number;
}

type UnitStatistic = (units: WeightedUnit[]) => Coefficient;
type TableStatistic = (table: number[][]) => Coefficient;

/** Linear interpolation between order statistics (R's type 7). */
function quantile(sorted: readonly number[], prob: number): number {
  const h = (sorted.length - 1) * prob;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function wholeUnits(weights: readonly number[]): number {
  let n = 0;
  for (const w of weights) n += w;
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`bootstrap resamples whole units: the total weight must be an integer, got ${n}`);
  }
  return n;
}

/** Percentile bootstrap of `statistic` over replicates drawn by `resample`: for data the two shapes below do not fit. */
export function percentileInterval<T>(
  data: T,
  statistic: (data: T) => Coefficient,
  resample: (random: Random) => T,
  options: BootstrapOptions,
): BootstrapInterval {
  const replicates = options.replicates ?? 1000;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(replicates) || replicates < 1) {
    throw new RangeError(`replicates must be a positive integer, got ${replicates}`);
  }
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const estimate = statistic(data);
  if (estimate === null) return { estimate, low: null, high: null, replicates: 0, undefinedReplicates: 0 };
  const random = xoshiro128ss(options.seed);
  const values: number[] = [];
  for (let r = 0; r < replicates; r++) {
    const value = statistic(resample(random));
    if (value !== null) values.push(value);
  }
  const undefinedReplicates = replicates - values.length;
  if (values.length === 0) return { estimate, low: null, high: null, replicates: 0, undefinedReplicates };
  values.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  const low = quantile(values, tail);
  const high = quantile(values, 1 - tail);
  return { estimate, low, high, replicates: values.length, undefinedReplicates };
}

function tableInterval(table: ContingencyTable, statistic: TableStatistic, options: BootstrapOptions): BootstrapInterval {
  checkTable(table);
  const q = table.length;
  const cells = table.flat();
  const n = wholeUnits(cells);
  const resample = (random: Random): number[][] => {
    const drawn = multinomial(n, cells, random);
    return Array.from({ length: q }, (_, a) => drawn.slice(a * q, (a + 1) * q));
  };
  return percentileInterval(table.map((row) => [...row]), statistic, resample, options);
}

function unitInterval(units: readonly WeightedUnit[], statistic: UnitStatistic, options: BootstrapOptions): BootstrapInterval {
  checkUnits(units);
  const weights = units.map((u) => u.weight);
  const n = wholeUnits(weights);
  const resample = (random: Random): WeightedUnit[] => {
    const drawn = multinomial(n, weights, random);
    return units.map((u, i) => ({ counts: u.counts, weight: drawn[i] }));
  };
  return percentileInterval(
    units.map((u) => ({ counts: u.counts, weight: u.weight })),
    statistic,
    resample,
    options,
  );
}

/**
 * Percentile bootstrap confidence interval, resampling units with replacement. For weighted units
 * that is one multinomial draw of the total weight over the distinct patterns (probabilities
 * weight/total), for a contingency table one over its cells (see `multinomial` for the sampler), so
 * a replicate costs O(patterns) or O(cells), not O(units). The weights or cells must add up to a
 * whole number of units.
 */
export function bootstrapCi(units: readonly WeightedUnit[], statistic: UnitStatistic, options: BootstrapOptions): BootstrapInterval;
export function bootstrapCi(table: ContingencyTable, statistic: TableStatistic, options: BootstrapOptions): BootstrapInterval;
export function bootstrapCi(
  data: readonly WeightedUnit[] | ContingencyTable,
  statistic: UnitStatistic | TableStatistic,
  options: BootstrapOptions,
): BootstrapInterval {
  const isTable = data.length > 0 && Array.isArray(data[0]);
  return isTable
    ? tableInterval(data as ContingencyTable, statistic as TableStatistic, options)
    : unitInterval(data as readonly WeightedUnit[], statistic as UnitStatistic, options);
}
