import { chanceCorrected } from './chance';
import type { ChanceCorrected, ContingencyTable } from './types';
import { checkTable } from './validate';

export interface TableMargins {
  total: number;
  agreeing: number;
  rows: number[];
  columns: number[];
}

export function tableMargins(table: ContingencyTable): TableMargins {
  checkTable(table);
  const q = table.length;
  const rows = new Array<number>(q).fill(0);
  const columns = new Array<number>(q).fill(0);
  let total = 0;
  let agreeing = 0;
  for (let a = 0; a < q; a++) {
    for (let b = 0; b < q; b++) {
      const x = table[a][b];
      rows[a] += x;
      columns[b] += x;
      total += x;
      if (a === b) agreeing += x;
    }
  }
  return { total, agreeing, rows, columns };
}

/** Share of units on which the two raters agree; null for an empty table. */
export function percentAgreementTable(table: ContingencyTable): number | null {
  const m = tableMargins(table);
  return m.total > 0 ? m.agreeing / m.total : null;
}

/** Bennett, Alpert & Goldstein's S (Brennan–Prediger): chance agreement 1/q for q categories. */
export function bennettS(table: ContingencyTable): ChanceCorrected {
  const m = tableMargins(table);
  if (m.total === 0) return chanceCorrected(null, null);
  return chanceCorrected(m.agreeing / m.total, 1 / table.length);
}

/** Scott's π: chance agreement from the two raters' pooled category shares. */
export function scottPi(table: ContingencyTable): ChanceCorrected {
  const m = tableMargins(table);
  if (m.total === 0) return chanceCorrected(null, null);
  let expected = 0;
  for (let c = 0; c < table.length; c++) expected += ((m.rows[c] + m.columns[c]) / (2 * m.total)) ** 2;
  return chanceCorrected(m.agreeing / m.total, expected);
}

/** Cohen's κ: chance agreement from each rater's own category shares. */
export function cohenKappa(table: ContingencyTable): ChanceCorrected {
  const m = tableMargins(table);
  if (m.total === 0) return chanceCorrected(null, null);
  let expected = 0;
  for (let c = 0; c < table.length; c++) expected += (m.rows[c] / m.total) * (m.columns[c] / m.total);
  return chanceCorrected(m.agreeing / m.total, expected);
}
