import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecipeComparisonView } from '../../server/growth/growth-views';
import { seedGrowthGrid, type SeededGrid, type SeededRun } from '../utils/growth-runs';
import { createPeople, type Person } from '../utils/people';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * issue 13 item 8: the recipe × epoch × benchmark table with ↑ against a chosen baseline, from stored runs — the
 * comparison code (server/analysis/compare) that reproduces the paper's Tables 2 and 3, fed by a study's evaluations.
 */
describe('GET /api/growth/compare: recipes against a baseline, per epoch and benchmark', () => {
  let t: TestApp;
  let researcher: Person;
  let grid: SeededGrid;
  const volumes = [4, 16, 64];
  // every recipe's in-domain test score rises with its volume; seed 2 is 0.02 above seed 1 (the mean is what is compared)
  const score = (ability: string, run: SeededRun, epoch: number) => 0.2 + 0.05 * Math.log(run.volume) + (run.seed === 2 ? 0.02 : 0) + 0.01 * epoch + (ability === 'code' ? 0.1 : 0);
  const get = (url: string) => t.http.get(`/api${url}`).set(...researcher.auth);

  beforeAll(async () => {
    t = await createTestApp();
    [researcher] = await createPeople(t, 'researcher', 1);
    const runs = volumes.flatMap((volume) => [1, 2].map((seed): SeededRun => ({ parameters: 1e9, source: 'curated', volume, seed })));
    grid = await seedGrowthGrid(t.db, { abilities: ['history', 'code'], runs, score, items: 400 });
  });
  afterAll(() => t?.close());

  it('marks every cell of the larger recipes ↑ against the smallest, seeds averaged, one column per benchmark × shots × epoch', async () => {
    const recipe = async (volume: number) => ((await t.db.query(`SELECT recipe_name AS name FROM experiments WHERE id = $1`, [grid.experimentIds[volumes.indexOf(volume) * 2]]))[0].name as string);
    const [small, middle, large] = [await recipe(4), await recipe(16), await recipe(64)];
    const ids = grid.experimentIds.join(',');
    const view: RecipeComparisonView = (await get(`/growth/compare?experimentIds=${ids}&baseline=${small}`).expect(200)).body;
    expect(view.baseline).toBe(small);
    expect(view.recipes).toEqual([small, middle, large]);
    expect(view.seeds).toEqual({ [small]: 2, [middle]: 2, [large]: 2 });
    expect(view.columns).toEqual([1, 2, 3].map((epoch) => ({ benchmark: 'in-domain', shots: 0, epoch })));
    const row = (r: string) => view.rows.find((x) => x.recipe === r)!;
    expect(row(small).isBaseline).toBe(true);
    expect(row(middle).cells.map((c) => c.mark)).toEqual(['↑', '↑', '↑']);
    expect(row(large).cells.map((c) => c.mark)).toEqual(['↑', '↑', '↑']);
    // epoch 1: mean over abilities (history, code+0.1) and seeds (+0, +0.02), rounded to the 400 items' grid
    expect(row(large).cells[0].delta).toBeCloseTo(0.05 * Math.log(64 / 4), 2);
    // against the largest, the others are ↓
    const reversed: RecipeComparisonView = (await get(`/growth/compare?experimentIds=${ids}&baseline=${large}`).expect(200)).body;
    expect(reversed.rows.find((x) => x.recipe === small)!.cells.map((c) => c.mark)).toEqual(['↓', '↓', '↓']);
  });

  it('refuses a baseline not in the selection and bad parameters, naming the field', async () => {
    const ids = grid.experimentIds.join(',');
    const bad = await get(`/growth/compare?experimentIds=${ids}&baseline=nonesuch`).expect(400);
    expect(bad.body.errors).toEqual([{ field: 'baseline', message: 'not in the selection' }]);
    expect((await get(`/growth/compare?experimentIds=${ids}&tolerance=-1`).expect(400)).body.errors[0].field).toBe('tolerance');
    expect((await get(`/growth/compare?experimentIds=${ids}&colour=red`).expect(400)).body.errors[0].field).toBe('colour');
  });
});
