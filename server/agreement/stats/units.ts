import type { ContingencyTable, WeightedUnit } from './types';
import { checkTable } from './validate';

export type Category = string | number;

/** Ratings as a rater × unit matrix; null or undefined marks a missing rating. */
export type RatingMatrix<T extends Category> = readonly (readonly (T | null | undefined)[])[];

/** Each cell of a two-rater table as a unit with one rating in each of its two categories. */
export function unitsFromTable(table: ContingencyTable): WeightedUnit[] {
  checkTable(table);
  const q = table.length;
  const units: WeightedUnit[] = [];
  for (let a = 0; a < q; a++) {
    for (let b = 0; b < q; b++) {
      if (table[a][b] === 0) continue;
      const counts = new Array<number>(q).fill(0);
      counts[a] += 1;
      counts[b] += 1;
      units.push({ counts, weight: table[a][b] });
    }
  }
  return units;
}

/** Distinct values: numbers ascending if all are numbers, otherwise in string order. */
export function sortCategories<T extends Category>(values: Iterable<T>): T[] {
  const distinct = [...new Set(values)];
  if (distinct.every((v) => typeof v === 'number')) return distinct.sort((a, b) => (a as number) - (b as number));
  return distinct.sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
}

/**
 * One unit (weight 1) per column of a rater × unit matrix. Categories are `categories` in that order,
 * or else the distinct values seen, numbers ascending, anything else in string order.
 */
export function unitsFromRatings<T extends Category>(
  ratings: RatingMatrix<T>,
  categories?: readonly T[],
): { categories: T[]; units: WeightedUnit[] } {
  const seen: T[] = [];
  let unitCount = 0;
  for (const row of ratings) {
    unitCount = Math.max(unitCount, row.length);
    for (const v of row) if (v !== null && v !== undefined) seen.push(v);
  }
  const order = categories ? [...categories] : sortCategories(seen);
  const index = new Map<T, number>(order.map((c, i) => [c, i]));
  const units: WeightedUnit[] = [];
  for (let u = 0; u < unitCount; u++) {
    const counts = new Array<number>(order.length).fill(0);
    for (const row of ratings) {
      const v = row[u];
      if (v === null || v === undefined) continue;
      const c = index.get(v);
      if (c === undefined) throw new RangeError(`rating ${String(v)} is not one of the categories`);
      counts[c] += 1;
    }
    units.push({ counts, weight: 1 });
  }
  return { categories: order, units };
}

/** Merges units with identical counts, summing their weights. */
export function compressUnits(units: readonly WeightedUnit[]): WeightedUnit[] {
  const merged = new Map<string, WeightedUnit>();
  for (const u of units) {
    const key = u.counts.join(',');
    const prior = merged.get(key);
    if (prior) prior.weight += u.weight;
    else merged.set(key, { counts: [...u.counts], weight: u.weight });
  }
  return [...merged.values()];
}
