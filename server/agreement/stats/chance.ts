import type { ChanceCorrected } from './types';

/** Below this distance from 1, chance agreement counts as total (rounding in sums of shares). */
const EPSILON = 1e-12;

export function chanceCorrected(observed: number | null, expected: number | null): ChanceCorrected {
  if (observed === null || expected === null) return { value: null, observed, expected };
  if (1 - expected < EPSILON) {
    // Chance agreement is total only when every rating is the same category, so observed agreement is too.
    return { value: 1 - observed < EPSILON ? 1 : null, observed, expected };
  }
  return { value: (observed - expected) / (1 - expected), observed, expected };
}
