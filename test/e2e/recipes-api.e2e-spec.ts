import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_RECIPES } from '../../migrations/1763981000000-CreateRecipes';
import { CreateEvaluations1763991000000 } from '../../migrations/1763991000000-CreateEvaluations';
import { CreateExperiments1763990000000 } from '../../migrations/1763990000000-CreateExperiments';
import { CreateRecipes1763981000000 } from '../../migrations/1763981000000-CreateRecipes';
import { CreateStudies1764011000000 } from '../../migrations/1764011000000-CreateStudies';
import { CreateForecasts1764013000000 } from '../../migrations/1764013000000-CreateForecasts';
import { createTestApp, TestApp } from '../utils/test-app';

const V1 = { pool: 'curated', quotas: { total: 2000, caps: { ethics: 64 } }, seed: 3 };
const V2 = { pool: 'curated', quotas: { total: 2000, caps: { ethics: 64, role_play: 64 } }, synthetic: { perAbility: 10 } };

describe('recipes API: built-ins, custom recipes and their revisions', () => {
  let t: TestApp;
  let auth: [string, string];

  beforeAll(async () => {
    t = await createTestApp();
    auth = ['Authorization', `Bearer ${await t.tokenFor('researcher')}`];
  });
  afterAll(() => t.close());

  it('lists the built-in grid, read-only, with a Content-Range', async () => {
    const res = await t.http.get('/api/recipes').query({ filter: JSON.stringify({ builtin: true }), range: '[0,99]' }).set(...auth).expect(200);
    expect(res.headers['content-range']).toBe(`recipes 0-${BUILTIN_RECIPES.length - 1}/${BUILTIN_RECIPES.length}`);
    expect(res.body.map((r: { name: string }) => r.name)).toEqual(BUILTIN_RECIPES.map((r) => r.name));
    expect(res.body.every((r: { builtin: boolean; revision: number }) => r.builtin && r.revision === 1)).toBe(true);
    const reconstruct = res.body.find((r: { name: string }) => r.name === 'reconstruct');
    expect(reconstruct.spec).toEqual({ pool: 'curated', quotas: { total: 10000, caps: { ethics: 64, role_play: 64, creative_writing: 1000 } } });

    const put = await t.http.put('/api/recipes/reconstruct').set(...auth).send({ spec: V1 }).expect(409);
    expect(put.body.message).toMatch(/built-in recipe and read-only/);
  });

  it('creates a custom recipe, revises it, and reads each revision by name@rev', async () => {
    const created = await t.http.post('/api/recipes').set(...auth).send({ name: 'small-reconstruct', spec: V1, notes: 'first try' }).expect(201);
    expect(created.body).toMatchObject({ name: 'small-reconstruct', revision: 1, builtin: false, spec: V1, notes: 'first try', createdBy: t.userId('researcher') });

    const revised = await t.http.put('/api/recipes/small-reconstruct').set(...auth).send({ spec: V2 }).expect(200);
    expect(revised.body).toMatchObject({ name: 'small-reconstruct', revision: 2, spec: V2, notes: 'first try' });
    expect(revised.body.id).not.toBe(created.body.id);

    const first = await t.http.get('/api/recipes/small-reconstruct@1').set(...auth).expect(200);
    expect(first.body).toMatchObject({ id: created.body.id, revision: 1, spec: V1, latestRevision: 2 });
    expect(first.body.revisions.map((r: { revision: number }) => r.revision)).toEqual([2, 1]);
    const encoded = await t.http.get('/api/recipes/small-reconstruct%401').set(...auth).expect(200);
    expect(encoded.body).toMatchObject({ revision: 1, spec: V1 });
    const latest = await t.http.get('/api/recipes/small-reconstruct').set(...auth).expect(200);
    expect(latest.body).toMatchObject({ revision: 2, spec: V2 });
    const byId = await t.http.get(`/api/recipes/${created.body.id}`).set(...auth).expect(200);
    expect(byId.body).toMatchObject({ revision: 1, spec: V1 });

    const list = await t.http.get('/api/recipes').query({ filter: JSON.stringify({ builtin: false }) }).set(...auth).expect(200);
    expect(list.body.map((r: { name: string; revision: number }) => `${r.name}@${r.revision}`)).toEqual(['small-reconstruct@2']);
    const search = await t.http.get('/api/recipes').query({ filter: JSON.stringify({ q: 'RECONSTRUCT' }) }).set(...auth).expect(200);
    expect(search.body.map((r: { name: string }) => r.name).sort()).toEqual(['reconstruct', 'small-reconstruct']);

    const audit = await t.db.query(`SELECT action FROM audit_log WHERE entity = 'recipe' ORDER BY id`);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['create', 'revise']);
  });

  it('refuses to revise anything but the latest revision, and a second recipe of the same name', async () => {
    await t.http.post('/api/recipes').set(...auth).send({ name: 'twice', spec: V1 }).expect(201);
    await t.http.put('/api/recipes/twice').set(...auth).send({ spec: V2 }).expect(200);
    const stale = await t.http.put('/api/recipes/twice@1').set(...auth).send({ spec: V1 }).expect(409);
    expect(stale.body.message).toBe('twice@1 is not the latest revision (2); edit twice@2');
    const again = await t.http.post('/api/recipes').set(...auth).send({ name: 'twice', spec: V1 }).expect(409);
    expect(again.body.errors).toEqual([{ field: 'name', message: 'already taken' }]);
  });

  it('makes one revision each of concurrent edits', async () => {
    await t.http.post('/api/recipes').set(...auth).send({ name: 'raced', spec: V1 }).expect(201);
    const codes = await Promise.all([1, 2, 3].map(() => t.http.put('/api/recipes/raced').set(...auth).send({ spec: V2 }).then((r) => r.status)));
    // every edit named "raced" (the latest at that moment); they are serialized, none lost or doubled
    expect(codes.filter((c) => c === 200).length).toBeGreaterThanOrEqual(1);
    const revs = await t.db.query(`SELECT revision FROM recipes WHERE name = 'raced' ORDER BY revision`);
    expect(revs.map((r: { revision: number }) => r.revision)).toEqual([1, ...codes.filter((c) => c === 200).map((_, i) => i + 2)]);
  });

  it('answers a bad spec with a 422 naming each field', async () => {
    const res = await t.http
      .post('/api/recipes')
      .set(...auth)
      .send({ name: 'broken', spec: { pool: 'curated', quotas: { total: 100, caps: { ethics: 64, astronomy: 50 } }, seed: -1 } })
      .expect(422);
    expect(res.body.errors).toEqual([
      { field: 'spec.quotas.caps.astronomy', message: 'no ability with key "astronomy"' },
      { field: 'spec.quotas.caps', message: 'caps add up to 114, more than the total 100' },
      { field: 'spec.seed', message: 'expected a whole number ≥ 0' },
    ]);
    expect(res.body.message).toMatch(/^Invalid recipe: spec.quotas.caps.astronomy: no ability/);
    expect(await t.db.query(`SELECT 1 FROM recipes WHERE name = 'broken'`)).toEqual([]);
  });

  it('checks the sources a spec names: they exist, are no benchmark, and fit the pool', async () => {
    await t.db.query(`INSERT INTO sources (name, kind) VALUES ('cmmlu', 'benchmark'), ('glan', 'synthetic'), ('doit', 'curation')`);
    const post = (sources: string[], pool = 'curated') =>
      t.http.post('/api/recipes').set(...auth).send({ name: 'sourced', spec: { pool, quotas: { perAbility: 1 }, sources } });
    expect((await post(['doit', 'nowhere']).expect(422)).body.errors).toEqual([{ field: 'spec.sources[1]', message: 'no source "nowhere"' }]);
    expect((await post(['cmmlu']).expect(422)).body.errors).toEqual([
      { field: 'spec.sources[0]', message: '"cmmlu" is a benchmark source; benchmarks never go into training' },
    ]);
    expect((await post(['glan']).expect(422)).body.errors).toEqual([{ field: 'spec.sources', message: 'none of these sources is curated (curation or generic)' }]);
    const [glan] = await t.db.query(`SELECT id FROM sources WHERE name = 'glan'`);
    await post([glan.id], 'synthetic').expect(201);
  });

  it('checks the request itself: a name that could not be referred to, a spec that is no object, fields it does not know', async () => {
    const badName = await t.http.post('/api/recipes').set(...auth).send({ name: 'Mix@2', spec: V1 }).expect(400);
    expect(badName.body.errors[0]).toMatch(/^name: lowercase letters/);
    const noSpec = await t.http.post('/api/recipes').set(...auth).send({ name: 'nospec', spec: 'curated-10' }).expect(400);
    expect(noSpec.body.errors).toContain('spec: expected an object');
    await t.http.post('/api/recipes').set(...auth).send({ name: 'extra', spec: V1, builtin: true }).expect(400);
    await t.http.get('/api/recipes/nothing-here').set(...auth).expect(404);
    await t.http.get('/api/recipes/nothing-here@3').set(...auth).expect(404);
    await t.http.get('/api/recipes/BAD%20REF').set(...auth).expect(400);
  });

  it("the migration's down() removes the table and up() restores the built-ins", async () => {
    const runner = t.db.createQueryRunner();
    const migration = new CreateRecipes1763981000000();
    try {
      await runner.startTransaction();
      // experiments name a recipe revision: their tables (and the studies and forecasts over them) go first, as a full
      // rollback would take them
      await new CreateForecasts1764013000000().down(runner);
      await new CreateStudies1764011000000().down(runner);
      await new CreateEvaluations1763991000000().down(runner);
      await new CreateExperiments1763990000000().down(runner);
      await migration.down(runner);
      expect(await runner.query(`SELECT to_regclass('recipes') AS t`)).toEqual([{ t: null }]);
      await migration.up(runner);
      const [row] = await runner.query(`SELECT count(*)::int AS n FROM recipes WHERE builtin`);
      expect(row.n).toBe(BUILTIN_RECIPES.length);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
