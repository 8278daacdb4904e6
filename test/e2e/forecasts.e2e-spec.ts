import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitLogLinear } from '../../server/analysis/stats';
import { RunLandedHooks } from '../../server/events/run-landed-hooks';
import { runForecastsAccuracy, runForecastsList } from '../../server/forecasts/forecasts.command';
import { GrowthService } from '../../server/growth/growth.service';
import type { ForecastAccuracyView, ForecastView } from '../../server/growth/growth-views';
import { seedGrowthGrid, storeEvaluation, type SeededGrid, type SeededRun } from '../utils/growth-runs';
import { createPeople, type Person } from '../utils/people';
import { createTestApp, type TestApp } from '../utils/test-app';
import { freezeAndWait, seedItems } from './datasets-fixtures';
import { printedBy } from '../utils/console-lines';

/**
 * issue 13 item 5: forecasts recorded when a run is queued at a point its line has not measured, with the 95%
 * prediction interval of the line's fit, and checked when the run lands.
 */
describe('forecasts: recorded when a run is queued, checked when it lands', () => {
  let t: TestApp;
  let researcher: Person;
  let lead: Person;
  let annotator: Person;
  let grid: SeededGrid;
  let db: DataSource;
  const P = 7e8;
  const abilities = ['history', 'code'];
  const volumes = [4, 16, 64, 256];
  // history grows by 0.06 per ln(item) with a little scatter, code by 0.02; 400 items a point
  const wobble = [0.01, -0.012, 0.008, -0.006];
  const truth = (ability: string, v: number) => (ability === 'history' ? 0.1 + 0.06 * Math.log(v) : 0.3 + 0.02 * Math.log(v));
  const score = (ability: string, run: SeededRun) => truth(ability, run.volume) + wobble[volumes.indexOf(run.volume)];

  const api = (method: 'get' | 'post', url: string, who: Person = researcher) => t.http[method](`/api${url}`).set(...who.auth);
  const forecastsOf = async (experimentId: string): Promise<ForecastView[]> => (await api('get', `/forecasts?experimentId=${experimentId}`).expect(200)).body;

  /** The line's fit made independently of the service: its stored test scores and variances at the reported epoch (3). */
  const seededPrediction = async (ability: string, volume: number) => {
    const rows: { volume: number; score: number; variance: number }[] = await db.query(
      `SELECT (x.train_counts->>$2)::int AS volume, s.score, s.ci_variance AS variance
         FROM experiments x JOIN evaluations e ON e.experiment_id = x.id JOIN ability_scores s ON s.evaluation_id = e.id
        WHERE x.id = ANY($1::uuid[]) AND e.epoch = 3 AND s.ability = $2 AND s.split = 'test'`,
      [grid.experimentIds, ability],
    );
    const fit = fitLogLinear(rows.map((r) => ({ x: r.volume, y: r.score, variance: r.variance })));
    if (!fit.estimable) throw new Error(fit.reason);
    return { ...fit.predict(volume), n: fit.n };
  };

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    [researcher] = await createPeople(t, 'researcher', 1);
    [lead] = await createPeople(t, 'lead', 1);
    [annotator] = await createPeople(t, 'annotator', 1);
    grid = await seedGrowthGrid(db, { abilities, runs: volumes.map((volume) => ({ parameters: P, source: 'curated', volume, seed: 1 })), score, items: 400 });
    // the seeded runs' reported checkpoint is epoch 3 (validation rises with the epoch)
    expect((await t.app.get(GrowthService).curves({ experimentIds: grid.experimentIds })).runs.every((r) => r.reportedEpoch === 3)).toBe(true);
    await seedItems(t, { count: 20, ability: 'history', split: 'train' });
    await seedItems(t, { count: 20, ability: 'code', split: 'train' });
  });
  afterAll(() => t.close());

  const queue = async (versionId: number, recipe: string, seed = 1) => {
    const res = await api('post', '/experiments').send({ baseModelId: grid.baseModelIds[P], versionId, recipe, seed });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };

  let eight: string;

  it('records, for a new recipe volume, the seeded fit\'s prediction and 95% prediction interval at the run\'s train count', async () => {
    const v1 = await freezeAndWait(t, researcher.token, { name: 'fc-v1' });
    await api('post', '/recipes').send({ name: 'fc-8', spec: { pool: 'curated', quotas: { counts: { history: 8, code: 8 } } } }).expect(201);
    await api('post', '/recipes').send({ name: 'fc-16', spec: { pool: 'curated', quotas: { counts: { history: 16, code: 3 } } } }).expect(201);
    eight = await queue(v1.id, 'fc-8');

    const rows = await forecastsOf(eight);
    expect(rows.map((f) => f.ability)).toEqual(['code', 'history']);
    for (const f of rows) {
      const expected = await seededPrediction(f.ability, 8);
      expect(f).toMatchObject({ experimentId: eight, parameters: P, source: 'curated', volume: 8, basedOn: 4, measured: null, checkedAt: null });
      expect(f.predicted).toBeCloseTo(expected.estimate, 9);
      expect(f.lower).toBeCloseTo(expected.lower, 9);
      expect(f.upper).toBeCloseTo(expected.upper, 9);
      // a prediction interval: wider than the mean's own interval by the new observation's variance
      expect(f.upper - f.predicted).toBeGreaterThan(1.5 * Math.sqrt(expected.meanVariance));
      expect(f.predicted).toBeCloseTo(truth(f.ability, 8), 1);
    }

    // 16 history items are measured on the line already: only code (3 items, new) is forecast
    const sixteen = await queue(v1.id, 'fc-16');
    expect((await forecastsOf(sixteen)).map((f) => [f.ability, f.volume])).toEqual([['code', 3]]);
  });

  it('records a forecast when a new version lets a take-everything recipe (maximum) take more of an ability\'s items', async () => {
    await api('post', '/recipes').send({ name: 'fc-max', spec: { pool: 'curated', quotas: { all: true } } }).expect(201);
    await seedItems(t, { count: 10, ability: 'history', split: 'train' });
    const v2 = await freezeAndWait(t, researcher.token, { name: 'fc-v2' });
    const run = await queue(v2.id, 'fc-max');
    const rows = await forecastsOf(run);
    expect(rows.map((f) => [f.ability, f.volume])).toEqual([['code', 20], ['history', 30]]);
    const history = rows.find((f) => f.ability === 'history')!;
    expect(history.predicted).toBeCloseTo((await seededPrediction('history', 30)).estimate, 9);
  });

  it('checks the forecasts once the run is completed with its evaluations final: error, inside, and the accuracy table', async () => {
    const before = await forecastsOf(eight);
    const h = before.find((f) => f.ability === 'history')!;
    const c = before.find((f) => f.ability === 'code')!;
    // history lands just inside its interval, code far above it
    const measured = { history: Math.round((h.predicted + 0.01) * 400) / 400, code: 0.95 };
    await storeEvaluation(db, eight, 5, { abilities, items: 400, score: (a) => measured[a as 'history' | 'code'] });

    const hooks = t.app.get(RunLandedHooks);
    await hooks.emit(eight); // still queued: not final, nothing checked
    expect((await forecastsOf(eight)).every((f) => f.measured === null)).toBe(true);

    await db.query(`UPDATE experiments SET status = 'completed', finished_at = now() WHERE id = $1`, [eight]);
    await db.query(`UPDATE evaluations SET status = 'running' WHERE experiment_id = $1`, [eight]);
    await hooks.emit(eight); // an evaluation still running: the reported checkpoint may change
    expect((await forecastsOf(eight)).every((f) => f.measured === null)).toBe(true);

    await db.query(`UPDATE evaluations SET status = 'completed' WHERE experiment_id = $1`, [eight]);
    await hooks.emit(eight);
    const checked = await forecastsOf(eight);
    const ch = checked.find((f) => f.ability === 'history')!;
    const cc = checked.find((f) => f.ability === 'code')!;
    expect(ch.measured).toBeCloseTo(measured.history, 6);
    expect(ch.error).toBeCloseTo(measured.history - h.predicted, 6);
    expect(ch.inside).toBe(true);
    expect(cc.measured).toBeCloseTo(0.95, 6);
    expect(cc.error).toBeCloseTo(0.95 - c.predicted, 6);
    expect(cc.inside).toBe(false);
    expect(ch.checkedAt).not.toBeNull();

    const accuracy: ForecastAccuracyView[] = (await api('get', '/forecasts/accuracy', lead).expect(200)).body;
    expect(accuracy).toEqual([
      { ability: 'code', forecasts: 3, checked: 1, meanAbsError: expect.closeTo(Math.abs(0.95 - c.predicted), 6), meanError: expect.closeTo(0.95 - c.predicted, 6), coverage: 0 },
      { ability: 'history', forecasts: 2, checked: 1, meanAbsError: expect.closeTo(Math.abs(measured.history - h.predicted), 6), meanError: expect.closeTo(measured.history - h.predicted, 6), coverage: 1 },
    ]);

    // a re-evaluation lands a different score: the check follows it
    await db.query(
      `UPDATE ability_scores s SET score = $2 FROM evaluations e WHERE e.id = s.evaluation_id AND e.experiment_id = $1 AND s.ability = 'code' AND s.split = 'test'`,
      [eight, c.predicted],
    );
    await hooks.emit(eight);
    const again = (await forecastsOf(eight)).find((f) => f.ability === 'code')!;
    expect(again.error).toBeCloseTo(0, 6);
    expect(again.inside).toBe(true);
  });

  it('filters by ability, exports CSV, names bad filters, and lets only curators read', async () => {
    const history: ForecastView[] = (await api('get', '/forecasts?ability=history').expect(200)).body;
    expect(history.length).toBe(2);
    expect(history.every((f) => f.ability === 'history')).toBe(true);
    const { ForecastsService } = await import('../../server/forecasts/forecasts.service');
    const [study] = await db.query(
      `INSERT INTO studies (name, template, version_id, base_model_ids, recipes, seeds) VALUES ('fc-study', 'custom', $1, $2, '{}', '{1}') RETURNING id`,
      [grid.versionId, [grid.baseModelIds[P]]],
    );
    await db.query(`INSERT INTO study_runs (study_id, experiment_id) VALUES ($1, $2)`, [study.id, eight]);
    expect((await api('get', `/forecasts?studyId=${study.id}`).expect(200)).body.map((f: ForecastView) => [f.experimentId, f.ability])).toEqual([[eight, 'code'], [eight, 'history']]);
    expect((await api('get', `/forecasts/accuracy?studyId=${study.id}`).expect(200)).body.map((a: ForecastAccuracyView) => [a.ability, a.forecasts])).toEqual([['code', 1], ['history', 1]]);
    await api('get', '/forecasts?studyId=999999').expect(404);
    // the growth export passes its selection's experimentIds
    const csv = await t.app.get(ForecastsService).csv({ experimentIds: [eight, ...grid.experimentIds] });
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('ability,parameters,source,volume,run,experiment_id,predicted,lower,upper,based_on,created_at,measured,error,inside,checked_at');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/^history,700000000,curated,8,.*,true,/);

    expect(JSON.stringify((await api('get', '/forecasts?experimentId=nope').expect(400)).body.errors)).toMatch(/experimentId: expected an experiment id/);
    expect(JSON.stringify((await api('get', '/forecasts?studyId=0').expect(400)).body.errors)).toMatch(/studyId: expected a study id/);
    await api('get', '/forecasts', annotator).expect(403);
    await api('get', '/forecasts/accuracy', annotator).expect(403);
    await api('get', '/forecasts', lead).expect(200);
  });

  it('npm run cli -- forecasts list|accuracy print the same forecasts and table', async () => {
    const printed = await printedBy(async () => {
      await runForecastsList(t.app, { experiment: eight });
      await runForecastsAccuracy(t.app, {});
    });
    expect(printed[0]).toMatch(/^code +700000000 curated +8 items: 0\.\d{3} \[0\.\d{3}, 0\.\d{3}\] \(n=4\); measured 0\.\d{3}, error [-0-9.]+, inside — /);
    expect(printed[1]).toMatch(/^history .* measured 0\.\d{3}, error [-0-9.]+, inside — /);
    expect(printed.slice(2)).toEqual([
      'ability                  forecasts checked    MAE   mean error coverage',
      expect.stringMatching(/^code +3 +1 +0\.000 +-?0\.000 +100%$/),
      expect.stringMatching(/^history +2 +1 +0\.\d{3} +0\.\d{3} +100%$/),
    ]);
    await expect(runForecastsList(t.app, { experiment: 'nope' })).rejects.toThrow('--experiment must be an experiment id (a UUID), got nope');
  });
});
