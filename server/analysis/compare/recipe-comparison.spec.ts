import { describe, expect, it } from 'vitest';
import { DOIT_TABLE_2, DOIT_TABLE_3 } from './doit-tables.fixture';
import {
  bestRecipes,
  comparedRow,
  compareRecipes,
  ComparisonInputError,
  deltaRange,
  type ComparisonColumn,
  type RecipeComparison,
  type ScoreCell,
} from './recipe-comparison';

// Small readers of a comparison, one per finding of /work/shared/reference/doit-results.md ("The paper's findings").

/** Finding 1: the marks of every cell of the given recipes against the comparison's baseline. */
function marksOf(comparison: RecipeComparison, recipes: readonly string[]): string[] {
  return recipes.flatMap((recipe) => comparedRow(comparison, recipe).cells.map((c) => c.mark ?? 'missing'));
}

/** Finding 3: the recipes with the lowest score in a column. */
function lowestRecipes(comparison: RecipeComparison, column: ComparisonColumn): string[] {
  const index = comparison.columns.indexOf(column);
  const scored = comparison.rows.filter((r) => r.cells[index].score !== null);
  const low = Math.min(...scored.map((r) => r.cells[index].score as number));
  return scored.filter((r) => r.cells[index].score === low).map((r) => r.recipe);
}

const round2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

describe('DoIT reproduction (issue 13 item 8, tables from doit-results.md)', () => {
  it('transcribes both tables whole: 3 recipes × 2 benchmarks × 2 shot settings × 3 epochs each', () => {
    for (const table of [DOIT_TABLE_2, DOIT_TABLE_3]) {
      const comparison = compareRecipes(table, table[0].recipe);
      expect(comparison.columns).toHaveLength(12);
      expect(comparison.rows).toHaveLength(3);
      expect(comparison.rows.every((r) => r.cells.every((c) => c.score !== null))).toBe(true);
    }
  });

  it('finding 1: every cell of reconstruct and maximum in Table 2 beats baseline — all 24 marked ↑', () => {
    const table2 = compareRecipes(DOIT_TABLE_2, 'baseline');
    const marks = marksOf(table2, ['reconstruct', 'maximum']);
    expect(marks).toHaveLength(24);
    expect(marks.filter((m) => m === '↑')).toHaveLength(24);
    // the baseline's own row is all '=' and the reader does discriminate: against maximum, reconstruct loses most cells
    expect(new Set(marksOf(table2, ['baseline']))).toEqual(new Set(['=']));
    expect(marksOf(compareRecipes(DOIT_TABLE_2, 'maximum'), ['reconstruct']).filter((m) => m === '↓').length).toBeGreaterThan(6);
  });

  it('finding 2: reconstruct beats baseline on AGIEval by +0.42 to +4.95 points, largest at epoch 5', () => {
    const table2 = compareRecipes(DOIT_TABLE_2, 'baseline');
    const range = deltaRange(table2, 'reconstruct', (c) => c.benchmark === 'AGIEval');
    expect(range).not.toBeNull();
    const { low, high } = range as NonNullable<typeof range>;
    expect(round2(low.delta)).toBe(0.42);
    expect(low.column).toEqual({ benchmark: 'AGIEval', shots: 0, epoch: 15 });
    expect(round2(high.delta)).toBe(4.95);
    expect(high.column).toEqual({ benchmark: 'AGIEval', shots: 5, epoch: 5 });
    // largest at epoch 5 in each shot setting
    for (const shots of [0, 5]) {
      const perShot = deltaRange(table2, 'reconstruct', (c) => c.benchmark === 'AGIEval' && c.shots === shots);
      expect(perShot?.high.column.epoch, `${shots}-shot`).toBe(5);
    }
  });

  it('finding 3: in Table 3 mix-2560 is best on AGIEval in every cell, CMMLU peaks with mix-0 or mix-2560, mix-40960 is lowest everywhere', () => {
    const table3 = compareRecipes(DOIT_TABLE_3, 'mix-0');
    const agieval = table3.columns.filter((c) => c.benchmark === 'AGIEval');
    const cmmlu = table3.columns.filter((c) => c.benchmark === 'CMMLU');
    expect(agieval).toHaveLength(6); // 0- and 5-shot × epochs 5, 10, 15
    expect(cmmlu).toHaveLength(6);
    for (const column of agieval) expect(bestRecipes(table3, column), JSON.stringify(column)).toEqual(['mix-2560']);
    for (const column of cmmlu) {
      const best = bestRecipes(table3, column);
      expect(best.length, JSON.stringify(column)).toBeGreaterThan(0);
      for (const recipe of best) expect(['mix-0', 'mix-2560'], JSON.stringify(column)).toContain(recipe);
    }
    // both recipes take a CMMLU peak somewhere: it is "none or the modest one", not always one of them
    expect(new Set(cmmlu.flatMap((c) => bestRecipes(table3, c)))).toEqual(new Set(['mix-0', 'mix-2560']));
    for (const column of table3.columns) expect(lowestRecipes(table3, column), JSON.stringify(column)).toEqual(['mix-40960']);
    expect(new Set(marksOf(table3, ['mix-40960']))).toEqual(new Set(['↓']));
  });
});

describe(compareRecipes.name, () => {
  const cell = (recipe: string, epoch: number, score: number, benchmark = 'AGIEval', shots = 0): ScoreCell => ({ recipe, benchmark, shots, epoch, score });

  it('orders columns by benchmark as first seen, then shots, then epoch, and marks each delta', () => {
    const comparison = compareRecipes([cell('b', 10, 30), cell('b', 5, 20, 'CMMLU'), cell('b', 5, 25), cell('r', 10, 29), cell('r', 5, 25), cell('r', 5, 21, 'CMMLU')], 'b');
    expect(comparison.columns).toEqual([
      { benchmark: 'AGIEval', shots: 0, epoch: 5 },
      { benchmark: 'AGIEval', shots: 0, epoch: 10 },
      { benchmark: 'CMMLU', shots: 0, epoch: 5 },
    ]);
    expect(comparedRow(comparison, 'r').cells.map((c) => [c.delta, c.mark])).toEqual([
      [0, '='],
      [-1, '↓'],
      [1, '↑'],
    ]);
  });

  it('treats deltas within the tolerance as equal', () => {
    const comparison = compareRecipes([cell('b', 5, 30), cell('r', 5, 30.2), cell('b', 10, 30), cell('r', 10, 30.6)], 'b', { tolerance: 0.5 });
    expect(comparedRow(comparison, 'r').cells.map((c) => c.mark)).toEqual(['=', '↑']);
  });

  it('leaves a cell a recipe (or the baseline) has no score in without a delta or mark', () => {
    const comparison = compareRecipes([cell('b', 5, 30), cell('r', 5, 31), cell('r', 10, 32), cell('b', 15, 33)], 'b');
    const r = comparedRow(comparison, 'r').cells;
    expect(r.map((c) => [c.score, c.baselineScore, c.delta, c.mark])).toEqual([
      [31, 30, 1, '↑'],
      [32, null, null, null],
      [null, 33, null, null],
    ]);
  });

  it('refuses a missing baseline, a doubly scored cell and a non-finite score, naming each', () => {
    let error: unknown;
    try {
      compareRecipes([cell('b', 5, 30), cell('b', 5, 31), cell('r', 10, Number.NaN)], 'baseline');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ComparisonInputError);
    expect((error as ComparisonInputError).problems).toEqual([
      'b, AGIEval 0-shot epoch 5: scored twice',
      'r, AGIEval 0-shot epoch 10: score must be a finite number, got NaN',
      'baseline recipe "baseline" has no scores',
    ]);
  });
});
