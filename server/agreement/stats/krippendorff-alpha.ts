import type { Coefficient, WeightedUnit } from './types';
import { type Category, type RatingMatrix, unitsFromRatings } from './units';
import { checkUnits, sum } from './validate';

export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

export interface AlphaOptions {
  /** Default 'nominal'. */
  level?: MeasurementLevel;
  /**
   * Numeric value of each category, for the interval and ratio metrics; default 0, 1, …, q − 1.
   * Ordinal α uses only the order of the categories (their index) and their frequencies.
   */
  values?: readonly number[];
}

export interface KrippendorffAlpha {
  value: Coefficient;
  /** D_o; null when fewer than 2 values are pairable. */
  observedDisagreement: number | null;
  /** D_e; null when fewer than 2 values are pairable. */
  expectedDisagreement: number | null;
  /** n: values in units with at least 2 values (the others cannot be paired and are ignored). */
  pairable: number;
}

/** Coincidence matrix o_ck: ordered value pairs (c, k) within each unit, divided by m_u − 1. */
export function coincidenceMatrix(units: readonly WeightedUnit[]): number[][] {
  const q = checkUnits(units);
  const o = Array.from({ length: q }, () => new Array<number>(q).fill(0));
  for (const u of units) {
    const m = sum(u.counts);
    if (m < 2 || u.weight === 0) continue;
    const scale = u.weight / (m - 1);
    for (let c = 0; c < q; c++) {
      const nc = u.counts[c];
      if (nc === 0) continue;
      for (let k = 0; k < q; k++) o[c][k] += scale * nc * (k === c ? nc - 1 : u.counts[k]);
    }
  }
  return o;
}

/** δ²_ck for the level; ordinal distances depend on the value frequencies n_g. */
function metric(
  level: MeasurementLevel,
  values: readonly number[],
  frequencies: readonly number[],
): (c: number, k: number) => number {
  switch (level) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'ordinal': {
      // cumulative[i] = n_0 + … + n_{i−1}
      const cumulative = [0];
      for (const n of frequencies) cumulative.push(cumulative[cumulative.length - 1] + n);
      return (c, k) => {
        const [lo, hi] = c < k ? [c, k] : [k, c];
        return (cumulative[hi + 1] - cumulative[lo] - (frequencies[lo] + frequencies[hi]) / 2) ** 2;
      };
    }
    case 'interval':
      return (c, k) => (values[c] - values[k]) ** 2;
    case 'ratio':
      return (c, k) => {
        const s = values[c] + values[k];
        return s === 0 ? 0 : ((values[c] - values[k]) / s) ** 2;
      };
  }
}

/**
 * Krippendorff's α = 1 − D_o/D_e from per-unit category counts, in O(distinct units × q²). Units with
 * fewer than 2 values are ignored, which is how missing data is handled. Undefined (null) with fewer
 * than 2 pairable values; 1 when all pairable values are the same (D_o = D_e = 0).
 */
export function krippendorffAlpha(units: readonly WeightedUnit[], options: AlphaOptions = {}): KrippendorffAlpha {
  const level = options.level ?? 'nominal';
  const o = coincidenceMatrix(units);
  const q = o.length;
  const values = options.values ?? Array.from({ length: q }, (_, i) => i);
  if (values.length !== q) throw new RangeError(`need ${q} category values, got ${values.length}`);
  const frequencies = o.map(sum);
  const n = sum(frequencies);
  if (!(n >= 2)) return { value: null, observedDisagreement: null, expectedDisagreement: null, pairable: n };
  const delta = metric(level, values, frequencies);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < q; c++) {
    for (let k = 0; k < q; k++) {
      if (c === k) continue;
      const d = delta(c, k);
      observed += o[c][k] * d;
      expected += frequencies[c] * frequencies[k] * d;
    }
  }
  observed /= n;
  expected /= n * (n - 1);
  const value = expected > 0 ? 1 - observed / expected : observed === 0 ? 1 : null;
  return { value, observedDisagreement: observed, expectedDisagreement: expected, pairable: n };
}

/**
 * Krippendorff's α from a rater × unit matrix (null/undefined = missing). For levels other than
 * nominal the ratings must be numbers; their values are the category values.
 */
export function krippendorffAlphaFromRatings<T extends Category>(
  ratings: RatingMatrix<T>,
  options: { level?: MeasurementLevel } = {},
): KrippendorffAlpha {
  const level = options.level ?? 'nominal';
  const { categories, units } = unitsFromRatings(ratings);
  if (level === 'nominal') return krippendorffAlpha(units, { level });
  const values = categories.map((c) => {
    if (typeof c !== 'number') throw new TypeError(`${level} α needs numeric ratings, got ${JSON.stringify(c)}`);
    return c;
  });
  return krippendorffAlpha(units, { level, values });
}
