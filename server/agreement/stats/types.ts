/**
 * A coefficient, or `null` where it is undefined (no data to compare, or a 0/0 that no convention
 * resolves). Never NaN. By convention, total observed agreement with chance agreement 1 (everyone
 * used one and the same category) counts as perfect agreement: 1, not undefined.
 */
export type Coefficient = number | null;

/**
 * Identical units aggregated into one row: `counts[c]` is how many raters put the unit in category c
 * (the same category order in every unit), `weight` how many such units there are.
 */
export interface WeightedUnit {
  counts: readonly number[];
  weight: number;
}

/**
 * Two raters' joint classification: `table[a][b]` counts units that rater A put in category a and
 * rater B in category b. Square, the same category order on both axes.
 */
export type ContingencyTable = readonly (readonly number[])[];

/** A chance-corrected coefficient with its parts: (observed − expected) / (1 − expected). */
export interface ChanceCorrected {
  value: Coefficient;
  /** Observed agreement; null when there is no data. */
  observed: number | null;
  /** Agreement expected by chance; null when there is no data. */
  expected: number | null;
}
