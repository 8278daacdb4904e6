import { chanceCorrected } from './chance';
import { tableMargins } from './contingency';
import { unitAgreement } from './percent-agreement';
import type { ChanceCorrected, ContingencyTable, WeightedUnit } from './types';
import { checkUnits, sum } from './validate';

/** Gwet's chance agreement Σ_c π_c(1 − π_c)/(q − 1); certain (1) with a single category. */
function chanceAgreement(shares: readonly number[]): number {
  const q = shares.length;
  if (q < 2) return 1;
  let spread = 0;
  for (const p of shares) spread += p * (1 - p);
  return spread / (q - 1);
}

/** Gwet's AC1 for two raters; π_c is category c's share of both raters' ratings, q the table size. */
export function gwetAc1Table(table: ContingencyTable): ChanceCorrected {
  const m = tableMargins(table);
  if (m.total === 0) return chanceCorrected(null, null);
  const shares = m.rows.map((r, c) => (r + m.columns[c]) / (2 * m.total));
  return chanceCorrected(m.agreeing / m.total, chanceAgreement(shares));
}

/**
 * Gwet's AC1 for any number of raters, missing ratings allowed (Gwet 2008, as irrCAC's gwet.ac1.raw):
 * observed agreement over units with at least 2 ratings; π_c the mean over rated units of the share
 * of the unit's ratings in c; q = the number of categories in `counts`, used or not.
 */
export function gwetAc1(units: readonly WeightedUnit[]): ChanceCorrected {
  const q = checkUnits(units);
  let pairedWeight = 0;
  let observed = 0;
  let ratedWeight = 0;
  const shares = new Array<number>(q).fill(0);
  for (const u of units) {
    const m = sum(u.counts);
    if (u.weight === 0 || m === 0) continue;
    ratedWeight += u.weight;
    for (let c = 0; c < q; c++) shares[c] += (u.weight * u.counts[c]) / m;
    const a = unitAgreement(u.counts);
    if (a === null) continue;
    pairedWeight += u.weight;
    observed += u.weight * a;
  }
  if (pairedWeight === 0) return chanceCorrected(null, null);
  return chanceCorrected(observed / pairedWeight, chanceAgreement(shares.map((s) => s / ratedWeight)));
}
