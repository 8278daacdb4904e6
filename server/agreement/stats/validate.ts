import type { ContingencyTable, WeightedUnit } from './types';

function checkCount(x: number, what: string): void {
  if (!Number.isFinite(x) || x < 0) throw new RangeError(`${what} must be a finite non-negative number, got ${x}`);
}

export function checkTable(table: ContingencyTable): void {
  for (const row of table) {
    if (row.length !== table.length) {
      throw new RangeError(`contingency table must be square, got a row of ${row.length} in ${table.length}`);
    }
    for (const x of row) checkCount(x, 'a contingency table cell');
  }
}

/** Returns the number of categories (0 for no units). */
export function checkUnits(units: readonly WeightedUnit[]): number {
  const q = units.length > 0 ? units[0].counts.length : 0;
  for (const u of units) {
    if (u.counts.length !== q) throw new RangeError(`every unit must have ${q} category counts, got ${u.counts.length}`);
    checkCount(u.weight, 'a unit weight');
    for (const c of u.counts) checkCount(c, 'a category count');
  }
  return q;
}

export function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}
