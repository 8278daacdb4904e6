import { BadRequestException, Injectable } from '@nestjs/common';
import { ComparisonInputError, compareRecipes, type ScoreCell } from '../analysis/compare/recipe-comparison';
import type { GrowthRun, ScoreGroup } from '../analysis/growth/growth-types';
import { IN_DOMAIN } from '../analysis/growth/growth-input';
import { BENCHMARKS, isBenchmarkSuite } from '../benchmarks/benchmark-registry';
import type { GrowthSelection } from './growth-selection';
import type { RecipeComparisonView } from './growth-views';
import { GrowthRepository, type GrowthRunRow } from './growth.repository';
import { GrowthService } from './growth.service';

/** The recipe a run's row is labelled by in the comparison; with several base models, the model is named too. */
export function recipeLabel(row: GrowthRunRow, manyModels: boolean): string {
  const recipe = row.recipeName ?? 'full train split';
  return manyModels ? `${recipe} · ${row.baseModelName}` : recipe;
}

const groupMean = (g: ScoreGroup): number | null => g.summary?.mean ?? (g.scores.length ? g.scores.reduce((s, x) => s + x, 0) / g.scores.length : null);

/**
 * One run's test scores per evaluated epoch as comparison cells: the in-domain average (mean of the abilities' test
 * means, 0-shot, as the growth curves' average line) and each benchmark suite's average over its subsets per shots —
 * the columns of the DoIT paper's Tables 2 and 3. A suite whose groups are no subsets (IFEval: its four metrics) has a
 * column per group, `<suite>/<group>` (ifeval/prompt_strict): their mean is no score.
 */
export function runCells(run: GrowthRun, recipe: string): ScoreCell[] {
  const cells: ScoreCell[] = [];
  for (const epoch of run.epochs) {
    const families = new Map<string, { benchmark: string; shots: number; means: number[] }>();
    for (const g of epoch.groups) {
      if (g.split !== 'test') continue;
      const mean = groupMean(g);
      if (mean === null) continue;
      const benchmark = g.suite === IN_DOMAIN ? IN_DOMAIN : isBenchmarkSuite(g.suite) && !BENCHMARKS[g.suite].averaged ? `${g.suite}/${g.ability}` : g.suite;
      const key = `${benchmark}\0${g.shots}`;
      const family = families.get(key) ?? { benchmark, shots: g.shots, means: [] };
      family.means.push(mean);
      families.set(key, family);
    }
    for (const f of families.values()) cells.push({ recipe, benchmark: f.benchmark, shots: f.shots, epoch: epoch.epoch, score: f.means.reduce((s, x) => s + x, 0) / f.means.length });
  }
  return cells;
}

/** Cells of runs sharing a recipe (seeds) averaged: one cell per recipe × benchmark × shots × epoch. */
export function averageSeeds(cells: readonly ScoreCell[]): { cells: ScoreCell[]; seeds: Record<string, number> } {
  const sums = new Map<string, { cell: ScoreCell; sum: number; n: number }>();
  for (const c of cells) {
    const key = `${c.recipe}\0${c.benchmark}\0${c.shots}\0${c.epoch}`;
    const s = sums.get(key) ?? { cell: c, sum: 0, n: 0 };
    s.sum += c.score;
    s.n += 1;
    sums.set(key, s);
  }
  const seeds: Record<string, number> = {};
  for (const { cell, n } of sums.values()) seeds[cell.recipe] = Math.max(seeds[cell.recipe] ?? 0, n);
  return { cells: [...sums.values()].map(({ cell, sum, n }) => ({ ...cell, score: sum / n })), seeds };
}

/**
 * The recipe × epoch × benchmark table with ↑/↓ against a chosen baseline recipe (issue 13 item 8), for a study or
 * any set of runs: the same `compareRecipes` the reproduction of the paper's Tables 2 and 3 runs through.
 */
@Injectable()
export class RecipeComparisonService {
  constructor(
    private readonly growth: GrowthService,
    private readonly repo: GrowthRepository,
  ) {}

  async compare(sel: GrowthSelection, baseline?: string, tolerance?: number): Promise<RecipeComparisonView> {
    const rows = await this.growth.rows(sel);
    const runs = await this.repo.runs(rows);
    const manyModels = new Set(rows.map((r) => r.baseModelId)).size > 1;
    const byId = new Map(rows.map((r) => [r.id, r]));
    const raw = runs.flatMap((run) => runCells(run, recipeLabel(byId.get(run.experimentId) as GrowthRunRow, manyModels)));
    const { cells, seeds } = averageSeeds(raw);
    const recipes = [...new Set(cells.map((c) => c.recipe))];
    if (recipes.length === 0) return { baseline: baseline ?? null, columns: [], rows: [], recipes, seeds };
    const chosen = baseline ?? (recipes.includes('baseline') ? 'baseline' : recipes[0]);
    if (!recipes.includes(chosen)) {
      throw new BadRequestException({ message: `baseline: no evaluated run of "${chosen}" in the selection; recipes: ${recipes.join(', ')}`, errors: [{ field: 'baseline', message: 'not in the selection' }] });
    }
    try {
      return { ...compareRecipes(cells, chosen, tolerance === undefined ? {} : { tolerance }), recipes, seeds };
    } catch (e) {
      if (e instanceof ComparisonInputError) throw new BadRequestException({ message: e.message, errors: e.problems.map((message) => ({ field: 'runs', message })) });
      throw e;
    }
  }
}
