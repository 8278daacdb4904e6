import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudyRuns } from '../../server/growth/growth-selection';
import { GrowthService } from '../../server/growth/growth.service';
import { seedGrowthGrid, type SeededRun } from '../utils/growth-runs';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * issue 13 item 2: the growth curves read from stored runs — one point per run at its reported checkpoint, from the
 * interval stored with each ability score, x = the run's train count of the ability, one line per model size × source.
 */
describe('growth reader: stored runs → curves and fits', () => {
  let t: TestApp;
  let growth: GrowthService;
  const abilities = ['history', 'code'];
  const volumes = [4, 16, 64, 256];
  // history grows by 0.06 per ln(item), code not at all; the 2e9 model is 0.1 better; epoch 2 is the best
  const score = (ability: string, run: SeededRun, epoch: number) =>
    (ability === 'history' ? 0.1 + 0.06 * Math.log(run.volume) : 0.4) + (run.parameters > 1e9 ? 0.1 : 0) - (epoch === 2 ? 0 : 0.05);

  beforeAll(async () => {
    t = await createTestApp();
    growth = t.app.get(GrowthService);
  });
  afterAll(() => t.close());

  it('places each run at its train count with the stored score of its best-validation epoch, per size and source', async () => {
    const runs: SeededRun[] = [1e8, 2e9].flatMap((parameters) => volumes.map((volume) => ({ parameters, source: 'curated' as const, volume, seed: 1 })));
    runs.push({ parameters: 1e8, source: 'synthetic', volume: 16, seed: 1 });
    const grid = await seedGrowthGrid(t.app.get(DataSource), { abilities, runs, score, items: 400 });
    const view = await growth.curves({ experimentIds: grid.experimentIds });

    expect(view.minEpoch).toBe(1); // the runs' bestFromEpoch
    expect(view.pending).toEqual([]);
    expect(view.runs).toHaveLength(runs.length);
    expect(view.runs.every((r) => r.reportedEpoch === 2)).toBe(true);
    const history = view.series.find((s) => s.key === 'ability:history|100000000|curated|0')!;
    expect(history.points.map((p) => p.volume)).toEqual(volumes);
    expect(history.points.map((p) => p.score)).toEqual(volumes.map((v) => expect.closeTo(0.1 + 0.06 * Math.log(v), 2)));
    expect(history.points.every((p) => p.interval.method === 'wilson' && p.n === 400 && p.interval.lower < p.score && p.score < p.interval.upper)).toBe(true);
    expect(view.series.some((s) => s.key === 'ability:history|100000000|synthetic|0')).toBe(true);
    expect(view.runs.find((r) => r.source === 'synthetic')?.trainCounts).toEqual({ history: 16, code: 16 });

    const sens = view.sensitivities.find((s) => s.ability === 'history')!;
    const fit = sens.dataFits.find((f) => f.parameters === 1e8 && f.source === 'curated')!.fit!;
    expect(fit.alpha).toBeCloseTo(0.06, 2);
    expect(fit.alphaLower).toBeGreaterThan(0);
    expect(view.sensitivities.find((s) => s.ability === 'code')!.class).toBe('resistant');
  });

  it('selects every run on one size and source line, and names unknown experiments', async () => {
    const grid = await seedGrowthGrid(t.app.get(DataSource), {
      abilities, runs: volumes.map((volume) => ({ parameters: 3e9, source: 'curated', volume, seed: 7 })), score,
    });
    const line = await growth.selectedIds({ parameters: 3e9, source: 'curated' });
    expect(line).toEqual(grid.experimentIds);
    const missing = '00000000-0000-4000-8000-000000000000';
    await expect(growth.curves({ experimentIds: [grid.experimentIds[0], missing] })).rejects.toThrow(missing);
  });

  it('the score-by-epoch view gives every evaluated epoch of a run', async () => {
    const grid = await seedGrowthGrid(t.app.get(DataSource), { abilities, runs: [{ parameters: 5e8, source: 'curated', volume: 16, seed: 3 }], score, items: 400 });
    const lines = await growth.epochScores(grid.experimentIds[0]);
    expect(lines.map((l) => l.ability).sort()).toEqual(['code', 'history']);
    expect(lines[0].points.map((p) => p.epoch)).toEqual([1, 2, 3]);
  });
  it('issue 13 items 2, 7: with the studies domain, a study selects its runs, names its files, and is named by growth.updated', async () => {
    const db = t.app.get(DataSource);
    const grid = await seedGrowthGrid(db, { abilities, runs: volumes.map((volume) => ({ parameters: 4e9, source: 'curated', volume, seed: 5 })), score });
    const [study] = await db.query(
      `INSERT INTO studies (name, template, version_id, base_model_ids, recipes, seeds) VALUES ('历史 研究', 'custom', $1, '{}', '{}', '{1}') RETURNING id`,
      [grid.versionId],
    );
    await db.query(`INSERT INTO study_runs (study_id, experiment_id) SELECT $1, unnest($2::uuid[])`, [study.id, grid.experimentIds]);
    const token = await t.tokenFor('researcher');
    const view = await t.http.get(`/api/growth?studyId=${study.id}`).set('Authorization', `Bearer ${token}`).expect(200);
    expect(view.body.runs.map((r: { experimentId: string }) => r.experimentId)).toEqual(grid.experimentIds);
    const csv = await t.http.get(`/api/growth/export/points.csv?studyId=${study.id}`).set('Authorization', `Bearer ${token}`).expect(200);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="growth-points-__-__.csv"; filename*=UTF-8''${encodeURIComponent('growth-points-历史-研究.csv')}`);
    // what GrowthLive asks when a run lands (the fake StudyRuns of growth-api.e2e-spec answers the same for the event)
    expect(await t.app.get(StudyRuns).studyIdsOf!([grid.experimentIds[1]])).toEqual([study.id]);
  });
});
