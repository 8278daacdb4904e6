/**
 * Recipe × epoch × benchmark comparison against a chosen baseline recipe (issue 13 item 8): the table the DoIT paper
 * prints with ↑ on every cell that beats its baseline, and the one the UI shows. Pure functions, no I/O.
 */

export interface ScoreCell {
  recipe: string;
  /** benchmark (suite or subset) the score is on, e.g. "AGIEval" */
  benchmark: string;
  /** few-shot examples in the prompt (0 for zero-shot), as evaluations store them */
  shots: number;
  epoch: number;
  score: number;
}

export interface ComparisonColumn {
  benchmark: string;
  shots: number;
  epoch: number;
}

export type ComparisonMark = '↑' | '↓' | '=';

export interface ComparedCell {
  column: ComparisonColumn;
  /** null: no score for this recipe in this column */
  score: number | null;
  baselineScore: number | null;
  /** score − baselineScore; null when either is missing */
  delta: number | null;
  mark: ComparisonMark | null;
}

export interface ComparedRow {
  recipe: string;
  isBaseline: boolean;
  cells: ComparedCell[];
}

export interface RecipeComparison {
  baseline: string;
  /** every column any recipe has a score in: benchmarks in first-seen order, then shots, then epoch ascending */
  columns: ComparisonColumn[];
  /** recipes in first-seen order, the baseline among them */
  rows: ComparedRow[];
}

export interface ComparisonOptions {
  /** |delta| ≤ tolerance is marked '='; default 0 (scores equal to the printed precision) */
  tolerance?: number;
}

/** Scores that cannot be compared; `problems` names every bad cell. */
export class ComparisonInputError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`comparison unusable: ${problems.join('; ')}`);
    this.name = 'ComparisonInputError';
  }
}

// Deltas of scores printed to two decimals differ from their exact value by ~1e-14; below this they are equal.
const FLOAT_SLACK = 1e-9;

const columnKey = (c: ComparisonColumn) => `${c.benchmark}\u0000${c.shots}\u0000${c.epoch}`;
export const columnLabel = (c: ComparisonColumn) => `${c.benchmark} ${c.shots}-shot epoch ${c.epoch}`;

export function compareRecipes(cells: readonly ScoreCell[], baseline: string, options: ComparisonOptions = {}): RecipeComparison {
  const tolerance = options.tolerance ?? 0;
  const problems: string[] = [];
  if (!Number.isFinite(tolerance) || tolerance < 0) problems.push(`tolerance must be a finite non-negative number, got ${tolerance}`);
  const recipes: string[] = [];
  const benchmarks: string[] = [];
  const columns = new Map<string, ComparisonColumn>();
  const scores = new Map<string, number>();
  for (const cell of cells) {
    const column = { benchmark: cell.benchmark, shots: cell.shots, epoch: cell.epoch };
    const where = `${cell.recipe}, ${columnLabel(column)}`;
    if (!Number.isFinite(cell.score)) problems.push(`${where}: score must be a finite number, got ${cell.score}`);
    if (!Number.isInteger(cell.epoch) || cell.epoch < 0) problems.push(`${where}: epoch must be a non-negative integer`);
    if (!Number.isInteger(cell.shots) || cell.shots < 0) problems.push(`${where}: shots must be a non-negative integer`);
    const key = `${cell.recipe}\u0000${columnKey(column)}`;
    if (scores.has(key)) problems.push(`${where}: scored twice`);
    scores.set(key, cell.score);
    if (!recipes.includes(cell.recipe)) recipes.push(cell.recipe);
    if (!benchmarks.includes(cell.benchmark)) benchmarks.push(cell.benchmark);
    columns.set(columnKey(column), column);
  }
  if (!recipes.includes(baseline)) problems.push(`baseline recipe "${baseline}" has no scores`);
  if (problems.length > 0) throw new ComparisonInputError(problems);

  const ordered = [...columns.values()].sort(
    (a, b) => benchmarks.indexOf(a.benchmark) - benchmarks.indexOf(b.benchmark) || a.shots - b.shots || a.epoch - b.epoch,
  );
  const scoreOf = (recipe: string, column: ComparisonColumn) => scores.get(`${recipe}\u0000${columnKey(column)}`) ?? null;
  const rows = recipes.map((recipe) => ({
    recipe,
    isBaseline: recipe === baseline,
    cells: ordered.map((column) => {
      const score = scoreOf(recipe, column);
      const baselineScore = scoreOf(baseline, column);
      const delta = score === null || baselineScore === null ? null : score - baselineScore;
      return { column, score, baselineScore, delta, mark: delta === null ? null : markOf(delta, tolerance) };
    }),
  }));
  return { baseline, columns: ordered, rows };
}

function markOf(delta: number, tolerance: number): ComparisonMark {
  if (Math.abs(delta) <= tolerance + FLOAT_SLACK) return '=';
  return delta > 0 ? '↑' : '↓';
}

export function comparedRow(comparison: RecipeComparison, recipe: string): ComparedRow {
  const row = comparison.rows.find((r) => r.recipe === recipe);
  if (row === undefined) throw new RangeError(`recipe "${recipe}" is not in the comparison (recipes: ${comparison.rows.map((r) => r.recipe).join(', ')})`);
  return row;
}

/** Per column, the recipes with the highest score there (several on a tie within the tolerance); [] when none has one. */
export function bestRecipes(comparison: RecipeComparison, column: ComparisonColumn, tolerance = 0): string[] {
  const index = comparison.columns.findIndex((c) => columnKey(c) === columnKey(column));
  if (index < 0) throw new RangeError(`no column ${columnLabel(column)} in the comparison`);
  const scored = comparison.rows.flatMap((r) => (r.cells[index].score === null ? [] : [{ recipe: r.recipe, score: r.cells[index].score as number }]));
  if (scored.length === 0) return [];
  const top = Math.max(...scored.map((s) => s.score));
  return scored.filter((s) => top - s.score <= tolerance + FLOAT_SLACK).map((s) => s.recipe);
}

/** Lowest and highest delta of a recipe against the baseline over the columns that pass `where` (null when none). */
export function deltaRange(
  comparison: RecipeComparison,
  recipe: string,
  where: (column: ComparisonColumn) => boolean = () => true,
): { low: ComparedCell; high: ComparedCell } | null {
  const cells = comparedRow(comparison, recipe).cells.filter((c) => c.delta !== null && where(c.column));
  if (cells.length === 0) return null;
  const byDelta = [...cells].sort((a, b) => (a.delta as number) - (b.delta as number));
  return { low: byDelta[0], high: byDelta[byDelta.length - 1] };
}
