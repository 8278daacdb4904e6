// Published data sets for the golden tests (test data only, not exported from index.ts); vector numbers follow
// shared/reference/agreement-golden.md.
import type { WeightedUnit } from './types';

const n = null;

/** Vector 1, Artstein & Poesio 2008 ex. 1; rows coder A, columns coder B: STAT, IReq. */
export const ARTSTEIN_POESIO_1 = [
  [20, 10],
  [20, 50],
];

/** Vector 2, Artstein & Poesio 2008 ex. 2 (NLTK's doctest data); categories STAT, IReq, Chck. */
export const ARTSTEIN_POESIO_2 = [
  [46, 0, 0],
  [6, 32, 6],
  [0, 0, 10],
];

/** Vector 3, Cohen 1960 ex. 2. */
export const COHEN_1960 = [
  [88, 14, 18],
  [10, 40, 10],
  [2, 6, 12],
];

/** Vector 4, Fleiss 1971 Table 1 as in DKPro Statistics' Fleiss1971Test: 30 subjects, 6 ratings each, categories 1–5. */
export const FLEISS_1971_RATINGS = [
  [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
  [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
  [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
  [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
  [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
  [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
];

export const FLEISS_1971: WeightedUnit[] = FLEISS_1971_RATINGS.map((subject) => ({
  counts: [1, 2, 3, 4, 5].map((c) => subject.filter((r) => r === c).length),
  weight: 1,
}));

/** Vector 5, Krippendorff's reliability data: rows coders A–D, columns 12 units, null missing. */
export const KRIPPENDORFF_12_UNITS = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
  [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n],
];

/** Vector 6, Krippendorff 1980 p. 139: three coders' values for each of 9 units. */
export const KRIPPENDORFF_1980 = [0, 1, 2].map((coder) =>
  ['111', '122', '222', '444', '144', '222', '123', '333', '222'].map((unit) => Number(unit[coder])),
);

/** Vector 9, Gwet's prevalence-paradox table (irrCAC fixture in DKPro). */
export const PREVALENCE_PARADOX = [
  [80, 7],
  [8, 5],
];

/** irrCAC README `cont3x3abstractors` (kgwet/irrCAC). */
export const ABSTRACTORS = [
  [13, 0, 0],
  [0, 20, 7],
  [0, 4, 56],
];

/** irrCAC README `distrib.6raters`: 15 subjects × 6 raters × 5 categories (Fleiss 1971's first 15 subjects). */
export const DISTRIB_6_RATERS: WeightedUnit[] = [
  [0, 0, 0, 6, 0], [0, 3, 0, 0, 3], [0, 1, 4, 0, 1], [0, 0, 0, 0, 6], [0, 3, 0, 3, 0],
  [2, 0, 4, 0, 0], [0, 0, 4, 0, 2], [2, 0, 3, 1, 0], [2, 0, 0, 4, 0], [0, 0, 0, 0, 6],
  [1, 0, 0, 5, 0], [1, 1, 0, 4, 0], [0, 3, 3, 0, 0], [1, 0, 0, 5, 0], [0, 2, 0, 3, 1],
].map((counts) => ({ counts, weight: 1 }));

/** The platform's shape: accept/reject, 2 reviewers per unit; counts are [accept, reject]. */
export const PLATFORM_SCALE: WeightedUnit[] = [
  { counts: [2, 0], weight: 600_000 },
  { counts: [1, 1], weight: 80_000 },
  { counts: [0, 2], weight: 20_000 },
];
