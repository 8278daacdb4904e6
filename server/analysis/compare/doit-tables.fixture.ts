/**
 * The DoIT paper's Tables 2 and 3 (7b model), transcribed from /work/shared/reference/doit-results.md
 * (`../shared/reference/doit-results.md` from the repository), sections "Table 2: construction approaches" and
 * "Table 3: mixing synthetic data into "maximum"". Each line is one printed row: epochs 5 / 10 / 15, scores in %.
 */
import type { ScoreCell } from './recipe-comparison';

export const DOIT_EPOCHS = [5, 10, 15] as const;

type PrintedRow = [recipe: string, benchmark: 'AGIEval' | 'CMMLU', shots: 0 | 5, scores: [number, number, number]];

/** Table 2: construction approaches (baseline 10k, reconstruct 10k, maximum 40k). */
const TABLE_2: PrintedRow[] = [
  ['baseline', 'AGIEval', 0, [31.59, 34.64, 34.76]],
  ['baseline', 'CMMLU', 0, [35.46, 36.75, 36.34]],
  ['reconstruct', 'AGIEval', 0, [35.82, 35.43, 35.18]],
  ['reconstruct', 'CMMLU', 0, [35.77, 36.85, 36.76]],
  ['maximum', 'AGIEval', 0, [36.41, 37.61, 38.85]],
  ['maximum', 'CMMLU', 0, [37.74, 37.28, 37.53]],
  ['baseline', 'AGIEval', 5, [28.71, 31.01, 30.27]],
  ['baseline', 'CMMLU', 5, [34.5, 35.14, 34.29]],
  ['reconstruct', 'AGIEval', 5, [33.66, 32.27, 32.65]],
  ['reconstruct', 'CMMLU', 5, [35.12, 35.89, 35.79]],
  ['maximum', 'AGIEval', 5, [33.37, 33.57, 33.35]],
  ['maximum', 'CMMLU', 5, [37.02, 37.16, 37.13]],
];

/** Table 3: mixing K synthetic items into "maximum" (mix-0 is maximum itself). */
const TABLE_3: PrintedRow[] = [
  ['mix-0', 'AGIEval', 0, [36.41, 37.61, 38.85]],
  ['mix-0', 'CMMLU', 0, [37.74, 37.28, 37.53]],
  ['mix-2560', 'AGIEval', 0, [37.08, 39.21, 39.88]],
  ['mix-2560', 'CMMLU', 0, [37.3, 37.74, 37.74]],
  ['mix-40960', 'AGIEval', 0, [32.69, 34.43, 34.38]],
  ['mix-40960', 'CMMLU', 0, [33.98, 36.2, 35.34]],
  ['mix-0', 'AGIEval', 5, [33.37, 33.57, 33.35]],
  ['mix-0', 'CMMLU', 5, [37.02, 37.16, 37.13]],
  ['mix-2560', 'AGIEval', 5, [34.11, 34.07, 34.0]],
  ['mix-2560', 'CMMLU', 5, [36.91, 36.87, 36.46]],
  ['mix-40960', 'AGIEval', 5, [30.06, 31.65, 31.41]],
  ['mix-40960', 'CMMLU', 5, [34.07, 35.06, 35.17]],
];

const cells = (rows: PrintedRow[]): ScoreCell[] =>
  rows.flatMap(([recipe, benchmark, shots, scores]) => scores.map((score, k) => ({ recipe, benchmark, shots, epoch: DOIT_EPOCHS[k], score })));

export const DOIT_TABLE_2: readonly ScoreCell[] = cells(TABLE_2);
export const DOIT_TABLE_3: readonly ScoreCell[] = cells(TABLE_3);
