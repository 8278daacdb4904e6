import type { WeightedUnit } from './types';
import { checkUnits, sum } from './validate';

/** Share of agreeing ordered rater pairs within one unit; null with fewer than 2 ratings. */
export function unitAgreement(counts: readonly number[]): number | null {
  const m = sum(counts);
  if (m < 2) return null;
  let agreeing = 0;
  for (const n of counts) agreeing += n * (n - 1);
  return agreeing / (m * (m - 1));
}

/**
 * Observed agreement: the weighted mean of {@link unitAgreement} over units with at least 2 ratings
 * (with 2 raters, the share of units they agree on); null when no unit has 2 ratings.
 */
export function percentAgreement(units: readonly WeightedUnit[]): number | null {
  checkUnits(units);
  let total = 0;
  let weighted = 0;
  for (const u of units) {
    const a = unitAgreement(u.counts);
    if (a === null || u.weight === 0) continue;
    total += u.weight;
    weighted += u.weight * a;
  }
  return total > 0 ? weighted / total : null;
}
