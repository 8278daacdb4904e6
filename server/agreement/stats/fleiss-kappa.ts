import { chanceCorrected } from './chance';
import { unitAgreement } from './percent-agreement';
import type { ChanceCorrected, Coefficient, WeightedUnit } from './types';
import { checkUnits, sum } from './validate';

export interface FleissKappa extends ChanceCorrected {
  /**
   * κ_c of Fleiss (1971) for each category: agreement on "c or not c". 1 for a category that all or
   * none of the ratings use (perfect agreement with certain chance agreement, as for κ itself).
   */
  perCategory: Coefficient[];
  /** Raters per unit; null when there are no rated units. */
  raters: number | null;
}

/**
 * Fleiss' κ (1971) over units rated by the same number of raters; units with no ratings are skipped.
 * Throws a RangeError when the number of ratings varies (use Krippendorff's α there). Undefined with
 * fewer than 2 raters per unit or no weight.
 */
export function fleissKappa(units: readonly WeightedUnit[]): FleissKappa {
  const q = checkUnits(units);
  let raters: number | null = null;
  for (const u of units) {
    const m = sum(u.counts);
    if (m === 0) continue;
    if (raters === null) raters = m;
    else if (m !== raters) throw new RangeError(`Fleiss' κ needs the same number of raters per unit, got ${raters} and ${m}`);
  }
  const perCategoryUndefined = new Array<Coefficient>(q).fill(null);
  const undefinedResult: FleissKappa = { value: null, observed: null, expected: null, perCategory: perCategoryUndefined, raters };
  if (raters === null || raters < 2) return undefinedResult;

  let total = 0;
  let observed = 0;
  const shares = new Array<number>(q).fill(0);
  // Σ_i n_ic (m − n_ic): the disagreements involving category c, for the per-category κ.
  const disagreeing = new Array<number>(q).fill(0);
  for (const u of units) {
    if (u.weight === 0 || sum(u.counts) === 0) continue;
    total += u.weight;
    observed += u.weight * (unitAgreement(u.counts) as number);
    for (let c = 0; c < q; c++) {
      shares[c] += u.weight * u.counts[c];
      disagreeing[c] += u.weight * u.counts[c] * (raters - u.counts[c]);
    }
  }
  if (total === 0) return undefinedResult;
  let expected = 0;
  for (let c = 0; c < q; c++) {
    shares[c] /= total * raters;
    expected += shares[c] ** 2;
  }
  const perCategory = shares.map((p, c) => {
    const spread = p * (1 - p);
    if (spread < 1e-12) return 1;
    return 1 - disagreeing[c] / (total * raters * (raters - 1) * spread);
  });
  return { ...chanceCorrected(observed / total, expected), perCategory, raters };
}
