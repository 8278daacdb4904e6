import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GrowthView, HoursGuidanceView, PaceQueueView, QuotaProposalView } from '../../server/growth/growth-views';
import { runGuidanceHours, runGuidanceQuotas } from '../../server/guidance/guidance.command';
import { insertItems } from '../factories/items';
import { exitOf, spawnTs } from '../utils/spawn-ts';
import { seedGrowthGrid, type SeededGrid, type SeededRun } from '../utils/growth-runs';
import { createPeople, type Person } from '../utils/people';
import { createTestApp, type TestApp } from '../utils/test-app';
import { freezeAndWait, seedItems } from './datasets-fixtures';
import { printedBy } from '../utils/console-lines';

/**
 * issue 13 item 6: quotas for an item budget from the seeded fits (floors, caps, budget exactly met), saved as a
 * recipe revision and started as a run; the annotation-hours ranking from review speed and pass rate; the pace-guided
 * queue's settings. One 700M curated line over 1…256 items a point:
 *   history  responsive, 0.1 + 0.06·ln v      chinese  responsive, 0.2 + 0.03·ln v
 *   code     resistant, flat at 0.4           ethics   plateaued: rises to 16 items, then flat (plateau starts at 16)
 */
describe('guidance: quotas, annotation hours and the pace-guided queue settings', () => {
  let t: TestApp;
  let db: DataSource;
  let researcher: Person;
  let lead: Person;
  let annotator: Person;
  let grid: SeededGrid;
  let versionId: number;
  let view: GrowthView;
  const P = 7e8;
  const abilities = ['history', 'chinese', 'code', 'ethics'];
  const volumes = [1, 4, 16, 64, 256];
  const wobble = [0.008, -0.01, 0.006, -0.004, 0.007];
  const truth: Record<string, (v: number) => number> = {
    history: (v) => 0.1 + 0.06 * Math.log(v),
    chinese: (v) => 0.2 + 0.03 * Math.log(v),
    code: () => 0.4,
    ethics: (v) => 0.2 + 0.08 * Math.log(Math.min(v, 16)),
  };
  const score = (ability: string, run: SeededRun) => truth[ability](run.volume) + wobble[volumes.indexOf(run.volume)] * (ability === 'code' ? 1 : 0.5);
  const available = { history: 300, chinese: 100, code: 100, ethics: 100 };

  const api = (method: 'get' | 'post' | 'put', url: string, who: Person = researcher) => t.http[method](`/api${url}`).set(...who.auth);
  const quotas = async (body: object, who: Person = researcher): Promise<QuotaProposalView> => {
    const res = await api('post', '/guidance/quotas', who).send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const byAbility = (p: QuotaProposalView) => Object.fromEntries(p.quotas.map((q) => [q.ability, q.quota]));
  const alphaOf = (ability: string) => view.sensitivities.find((s) => s.ability === ability)!.dataFits.find((f) => f.parameters === P)!.fit!.alpha;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    [researcher] = await createPeople(t, 'researcher', 1);
    [lead] = await createPeople(t, 'lead', 1);
    [annotator] = await createPeople(t, 'annotator', 1);
    grid = await seedGrowthGrid(db, { abilities, runs: volumes.map((volume) => ({ parameters: P, source: 'curated', volume, seed: 1 })), score, items: 400 });
    for (const [ability, count] of Object.entries(available)) await seedItems(t, { count, ability, split: 'train' });
    versionId = (await freezeAndWait(t, researcher.token, { name: 'guided-v1' })).id;
    const { GrowthService } = await import('../../server/growth/growth.service');
    view = await t.app.get(GrowthService).curves({ experimentIds: grid.experimentIds });
  });
  afterAll(() => t.close());

  it('the seeded line has the four classes the cases below rely on', () => {
    expect(Object.fromEntries(view.sensitivities.map((s) => [s.ability, s.class]))).toEqual({ history: 'responsive', chinese: 'responsive', code: 'resistant', ethics: 'plateaued' });
  });

  it('issue 13 item 6: resistant at the floor, plateaued at its plateau start, the rest by marginal gain, the budget exactly met', async () => {
    const p = await quotas({ experimentIds: grid.experimentIds, budget: 360, versionId });
    expect(p).toMatchObject({ budget: 360, floor: 64, allocated: 360, unallocated: 0, parameters: P, source: 'curated', versionId });
    const q = byAbility(p);
    expect(q.code).toBe(64);
    expect(q.ethics).toBe(16);
    expect(q.history + q.chinese).toBe(360 - 64 - 16);
    // equal marginal gain α/n: the counts split as the fitted slopes do (to an item); chinese stays below its 100
    const share = alphaOf('history') / (alphaOf('history') + alphaOf('chinese'));
    expect(Math.abs(q.history - 280 * share)).toBeLessThanOrEqual(1);
    expect(q.chinese).toBeLessThan(100);
    for (const x of p.quotas) expect(x.current, x.ability).toBe(256);
    expect(p.quotas.find((x) => x.ability === 'code')!.available).toBe(100);
    expect(p.text.summary).toEqual(['All 360 items of the budget are allocated.']);
    expect(p.text.abilities.ethics[0]).toBe('ethics has plateaued from about 16 items, so it is capped at 16.');

    const zh = await quotas({ experimentIds: grid.experimentIds, budget: 400, versionId, locale: 'zh-CN' });
    expect(zh.text.summary).toEqual(['预算的全部 400 条均已分配。']);
    expect(zh.text.abilities.code.join('')).toMatch(/下限 64 条/);
  });

  it('stops at the available items and says how much is left over; cuts every floor in proportion below the floors', async () => {
    const big = await quotas({ experimentIds: grid.experimentIds, budget: 1000, versionId });
    expect(byAbility(big)).toEqual({ chinese: 100, code: 64, ethics: 16, history: 300 });
    expect(big.unallocated).toBe(1000 - 480);
    expect(big.text.summary[0]).toMatch(/^Only 480 of the 1000 items can be allocated/);
    const small = await quotas({ experimentIds: grid.experimentIds, budget: 104, versionId });
    // floors 64 + 64 + 64 + 16 = 208; half of each
    expect(byAbility(small)).toEqual({ chinese: 32, code: 32, ethics: 8, history: 32 });
    // a study of the same runs gives the same proposal
    const [study] = await db.query(
      `INSERT INTO studies (name, template, version_id, base_model_ids, recipes, seeds) VALUES ('guided', 'custom', $1, $2, '{}', '{1}') RETURNING id`,
      [grid.versionId, [grid.baseModelIds[P]]],
    );
    await db.query(`INSERT INTO study_runs (study_id, experiment_id) SELECT $1, unnest($2::uuid[])`, [study.id, grid.experimentIds]);
    expect(byAbility(await quotas({ studyId: study.id, budget: 400, versionId }))).toEqual(byAbility(await quotas({ experimentIds: grid.experimentIds, budget: 400, versionId })));
    expect((await api('post', '/guidance/quotas').send({ studyId: 999999, budget: 400 }).expect(404)).body.message).toMatch(/studyId: no study 999999/);
    // the default line: the largest curated size, every run on it (the same runs here)
    expect(byAbility(await quotas({ budget: 400, versionId }))).toEqual(byAbility(await quotas({ experimentIds: grid.experimentIds, budget: 400, versionId })));
  });

  it('applies a proposal as a recipe revision (a new one when the name exists) and starts it as a run of the line\'s base model', async () => {
    const first = await api('post', '/guidance/quotas/apply').send({ experimentIds: grid.experimentIds, budget: 400, versionId, recipe: 'guided-mix' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.recipe).toMatchObject({ name: 'guided-mix', revision: 1 });
    expect(first.body.experiment).toBeNull();
    const second = await api('post', '/guidance/quotas/apply').send({ experimentIds: grid.experimentIds, budget: 300, versionId, recipe: 'guided-mix', start: true, seed: 5 });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body.recipe).toMatchObject({ name: 'guided-mix', revision: 2 });
    const [stored] = await db.query(`SELECT spec FROM recipes WHERE name = 'guided-mix' AND revision = 2`);
    expect(stored.spec).toEqual({ pool: 'curated', quotas: { counts: byAbility(second.body.proposal) } });
    expect(Object.values(stored.spec.quotas.counts).reduce((a: number, b) => a + (b as number), 0)).toBe(300);
    const run = second.body.experiment;
    expect(run).toMatchObject({ status: 'queued', seed: 5, baseModel: { id: grid.baseModelIds[P] }, version: { id: versionId }, recipe: { name: 'guided-mix', revision: 2 } });
    const audit = await db.query(
      `SELECT entity, action FROM audit_log WHERE actor_id = $1 AND ((entity = 'recipe' AND action IN ('create', 'revise')) OR (entity = 'experiment' AND entity_id = $2)) ORDER BY id`,
      [researcher.id, run.id],
    );
    expect(audit).toEqual([{ entity: 'recipe', action: 'create' }, { entity: 'recipe', action: 'revise' }, { entity: 'experiment', action: 'create' }]);
  });

  it('refuses bad input naming the field, a line without fits with a 409 naming the abilities, and wrong roles', async () => {
    const bad = async (body: object, status: number, pattern: RegExp, url = '/guidance/quotas') => {
      const res = await api('post', url).send(body);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(`${res.body.message} ${JSON.stringify(res.body.errors ?? [])}`).toMatch(pattern);
    };
    await bad({ experimentIds: grid.experimentIds, budget: 0 }, 400, /^budget: expected a positive whole number of items, got 0/);
    await bad({ experimentIds: grid.experimentIds, budget: 12.5 }, 400, /^budget: /);
    await bad({ experimentIds: grid.experimentIds, budget: 'many' }, 400, /^budget: /);
    await bad({ experimentIds: grid.experimentIds, budget: 100, versionId: 999999 }, 400, /^versionId: no dataset version 999999/);
    await bad({ experimentIds: ['not-a-uuid'], budget: 100 }, 400, /experimentIds: each must be an experiment id/);
    await bad({ experimentIds: grid.experimentIds, budget: 100, floor: -1, versionId }, 400, /floor/);
    await bad({ experimentIds: grid.experimentIds, budget: 100, versionId, recipe: 'Bad Name!' }, 400, /^recipe: expected a recipe name/, '/guidance/quotas/apply');
    // two volumes only: no ability has a fit
    await bad({ experimentIds: grid.experimentIds.slice(0, 2), budget: 100, versionId }, 409, /^no fits yet for chinese \(no class: neither a data-volume nor a model-size fit could be made\); code .*; ethics .*; history .* on the curated 700000000-parameter line/);
    await bad({ parameters: 123, budget: 100, versionId }, 409, /no fits yet/);

    await api('post', '/guidance/quotas', annotator).send({ budget: 100 }).expect(403);
    await quotas({ experimentIds: grid.experimentIds, budget: 100, versionId }, lead);
    await api('post', '/guidance/quotas/apply', lead).send({ budget: 100, recipe: 'x' }).expect(403);
  });

  it('issue 13 item 6: ranks annotation hours by median review time, pass rate and fitted gain, and says where they are worth most', async () => {
    // review figures as the workflow counts them: history 60 s a review, 9 of 10 rounds accepted; chinese 120 s, half
    const [source] = await db.query(`INSERT INTO sources (name, kind) VALUES ('hours-src', 'generic') RETURNING id`);
    const figures = { history: { ms: 60_000, both: 9, none: 1 }, chinese: { ms: 120_000, both: 5, none: 5 } };
    for (const [ability, f] of Object.entries(figures)) {
      await db.query(
        `INSERT INTO reviewer_stats (subject, reviewer_id, ability_id, source_id, reviewed, approved, time_hist)
         SELECT 'items', $1, a.id, $2, 20, 10, (SELECT array_agg(CASE WHEN b = pace_time_bucket($3) THEN 20 ELSE 0 END ORDER BY b) FROM generate_series(1, 100) b)
           FROM abilities a WHERE a.key = $4`,
        [annotator.id, source.id, f.ms, ability],
      );
      await db.query(
        `INSERT INTO agreement_cells (subject, ability_id, source_id, week, approvals, n)
         SELECT 'items', a.id, $1, date_trunc('week', now())::date, x.approvals, x.n FROM abilities a, (VALUES (2, $2::int), (0, $3::int)) x(approvals, n) WHERE a.key = $4`,
        [source.id, f.both, f.none, ability],
      );
      await insertItems(db, { count: 200, ability, status: 'pending_review' });
    }
    const res = await api('get', `/guidance/hours?experimentIds=${grid.experimentIds.join(',')}&hours=10`, lead);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const g: HoursGuidanceView = res.body;
    const inputs = Object.fromEntries(g.inputs.map((i) => [i.ability, i]));
    expect(inputs.history.medianReviewSeconds).toBeCloseTo(60, -1); // the histogram knows it within 5%
    expect(Math.abs(inputs.history.medianReviewSeconds / 60 - 1)).toBeLessThan(0.05);
    expect(Math.abs(inputs.chinese.medianReviewSeconds / 120 - 1)).toBeLessThan(0.05);
    expect(inputs.history).toMatchObject({ passRate: 0.9, current: 300, awaitingReview: 200 });
    expect(inputs.chinese).toMatchObject({ passRate: 0.5, current: 100, awaitingReview: 200 });
    // by hand: accepted per hour = 3600 / (median × 2) × pass; the hours cannot accept more than pass × awaiting
    const gain = (ability: 'history' | 'chinese') => {
      const i = inputs[ability];
      const items = Math.min(10 * (3600 / (i.medianReviewSeconds * 2)) * i.passRate, 200 * i.passRate);
      return alphaOf(ability) * Math.log((i.current + items) / i.current);
    };
    const total = gain('history') + gain('chinese');
    const ranked = Object.fromEntries(g.abilities.map((a) => [a.ability, a]));
    expect(ranked.history.weight).toBeCloseTo(gain('history') / total, 9);
    expect(ranked.chinese.weight).toBeCloseTo(gain('chinese') / total, 9);
    expect(g.worthMost).toEqual(['history', 'chinese']);
    expect(g.text.summary).toBe('The next 10 hours are worth most in history, chinese.');
    // code and ethics have fits but no review rounds: named, not dropped
    expect(g.unranked).toEqual([
      { ability: 'code', reason: 'no decided review rounds yet (no median review time or pass rate)' },
      { ability: 'ethics', reason: 'no decided review rounds yet (no median review time or pass rate)' },
    ]);
    const zh = (await api('get', `/guidance/hours?experimentIds=${grid.experimentIds.join(',')}&hours=10&locale=zh-CN`).expect(200)).body;
    expect(zh.text.summary).toBe('接下来 10 小时的标注最值得投入在 history、chinese。');
    expect((await api('get', '/guidance/hours?hours=-2').expect(400)).body.errors.join(' ')).toMatch(/hours: expected a positive number of hours/);
    await api('get', '/guidance/hours', annotator).expect(403);
  });

  it('issue 13 item 6: the pace-guided queue stores the hours ranking\'s weights when a lead turns it on; leads and admins only', async () => {
    const off: PaceQueueView = (await api('get', '/reviews/pace', lead).expect(200)).body;
    expect(off).toEqual({ enabled: false, studyId: null, hours: 10, weights: [], updatedAt: null, updatedBy: null });
    const on = await api('put', '/reviews/pace', lead).send({ enabled: true, hours: 10 });
    expect(on.status, JSON.stringify(on.body)).toBe(200);
    const ranking: HoursGuidanceView = (await api('get', '/guidance/hours?hours=10', lead).expect(200)).body;
    expect(on.body).toMatchObject({ enabled: true, hours: 10, updatedBy: 'lead 1' });
    expect(on.body.weights).toEqual(ranking.abilities.map((a) => ({ ability: a.ability, weight: a.weight, rank: a.rank })));
    expect(on.body.weights.reduce((s: number, w: { weight: number }) => s + w.weight, 0)).toBeCloseTo(1, 9);
    const offAgain = (await api('put', '/reviews/pace', lead).send({ enabled: false }).expect(200)).body;
    expect(offAgain).toMatchObject({ enabled: false, weights: on.body.weights });
    const [audit] = await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'pace_queue' AND actor_id = $1`, [lead.id]);
    expect(audit.n).toBe(2);
    expect((await api('put', '/reviews/pace', lead).send({ enabled: 'yes' }).expect(400)).body.errors.join(' ')).toMatch(/enabled: expected true or false/);
    await api('put', '/reviews/pace', researcher).send({ enabled: true }).expect(403);
    await api('get', '/reviews/pace', annotator).expect(403);
  });

  it('npm run cli -- guidance quotas|hours: the same proposal and ranking, --apply saves the recipe; a bad budget exits 1 naming it', async () => {
    const printed = await printedBy(async () => {
      await runGuidanceQuotas(t.app, { experiments: grid.experimentIds.join(','), budget: '360', version: String(versionId), apply: 'cli-mix', locale: 'zh-CN' });
      await runGuidanceHours(t.app, { experiments: grid.experimentIds.join(','), hours: '10' });
    });
    const api = await quotas({ experimentIds: grid.experimentIds, budget: 360, versionId });
    for (const q of api.quotas) expect(printed.some((l) => l.startsWith(q.ability) && l.includes(` ${q.quota} items`)), q.ability).toBe(true);
    expect(printed).toContain('预算的全部 360 条均已分配。');
    expect(printed).toContain('saved as recipe cli-mix@1');
    expect(printed).toContain('The next 10 hours are worth most in history, chinese.');
    const [recipe] = await db.query(`SELECT spec FROM recipes WHERE name = 'cli-mix'`);
    expect(recipe.spec.quotas.counts).toEqual(byAbility(api));

    const child = spawnTs('server/cli/main.ts', ['guidance', 'quotas', '--budget', '0'], { DATABASE_URL: t.databaseUrl, PACE_DATA_DIR: t.dataDir });
    expect(await exitOf(child)).toBe(1);
    expect(child.output()).toMatch(/budget: expected a positive whole number of items, got 0/);
  });
});
