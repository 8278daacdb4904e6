import { cohenKappa } from './contingency';
import type { Coefficient } from './types';
import { type Category, sortCategories } from './units';

/** `weight` units that rater A put in category catA and rater B in catB. */
export interface PairwiseRating<R extends Category, C extends Category> {
  raterA: R;
  raterB: R;
  catA: C;
  catB: C;
  weight: number;
}

export interface RaterPairKappa<R extends Category> {
  raterA: R;
  raterB: R;
  kappa: Coefficient;
  /** Units the two rated together. */
  units: number;
}

export interface PairwiseKappa<R extends Category> {
  /** Raters in matrix order: numbers ascending, otherwise string order. */
  raters: R[];
  /** Symmetric matrix of Cohen's κ; null on the diagonal and for pairs with no units in common. */
  kappa: Coefficient[][];
  /** Units per pair, symmetric, 0 on the diagonal. */
  units: number[][];
  /** Each pair that appears in the ratings, raterA before raterB in matrix order. */
  pairs: RaterPairKappa<R>[];
  /** Unweighted mean of κ over the pairs where it is defined; null if none is. */
  mean: Coefficient;
}

/**
 * Cohen's κ for every pair of raters from pairwise ratings (either order of a pair; rows with rater A
 * and B swapped are folded together). Categories are `categories`, or those seen.
 */
export function pairwiseCohenKappa<R extends Category, C extends Category>(
  ratings: readonly PairwiseRating<R, C>[],
  options: { categories?: readonly C[] } = {},
): PairwiseKappa<R> {
  const raters = sortCategories(ratings.flatMap((r) => [r.raterA, r.raterB]));
  const categories = options.categories ? [...options.categories] : sortCategories(ratings.flatMap((r) => [r.catA, r.catB]));
  const raterIndex = new Map<R, number>(raters.map((r, i) => [r, i]));
  const categoryIndex = new Map<C, number>(categories.map((c, i) => [c, i]));
  const q = categories.length;
  const tables = new Map<number, number[][]>();
  for (const r of ratings) {
    let a = raterIndex.get(r.raterA) as number;
    let b = raterIndex.get(r.raterB) as number;
    if (a === b) throw new RangeError(`a rater cannot be paired with themselves: ${String(r.raterA)}`);
    let ca = categoryIndex.get(r.catA);
    let cb = categoryIndex.get(r.catB);
    if (ca === undefined || cb === undefined) {
      throw new RangeError(`category ${String(ca === undefined ? r.catA : r.catB)} is not one of the categories`);
    }
    if (!(r.weight >= 0) || !Number.isFinite(r.weight)) {
      throw new RangeError(`weight must be finite and non-negative, got ${r.weight}`);
    }
    if (a > b) [a, b, ca, cb] = [b, a, cb, ca];
    const key = a * raters.length + b;
    let table = tables.get(key);
    if (!table) tables.set(key, (table = Array.from({ length: q }, () => new Array<number>(q).fill(0))));
    table[ca][cb] += r.weight;
  }

  const kappa = raters.map(() => new Array<Coefficient>(raters.length).fill(null));
  const units = raters.map(() => new Array<number>(raters.length).fill(0));
  const pairs: RaterPairKappa<R>[] = [];
  let defined = 0;
  let total = 0;
  for (const [key, table] of [...tables].sort(([x], [y]) => x - y)) {
    const a = Math.floor(key / raters.length);
    const b = key % raters.length;
    const value = cohenKappa(table).value;
    const n = table.flat().reduce((s, x) => s + x, 0);
    kappa[a][b] = kappa[b][a] = value;
    units[a][b] = units[b][a] = n;
    pairs.push({ raterA: raters[a], raterB: raters[b], kappa: value, units: n });
    if (value !== null) {
      defined++;
      total += value;
    }
  }
  return { raters, kappa, units, pairs, mean: defined > 0 ? total / defined : null };
}
