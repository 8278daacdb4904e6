import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrainCountsService } from '../../server/experiments/train-counts.service';
import { StudyRuns } from '../../server/growth/growth-selection';
import { GrowthService } from '../../server/growth/growth.service';
import { RecipeSamplerService } from '../../server/recipes/recipe-sampler.service';
import { TrainSetRepository } from '../../server/training/train-set.repository';
import type { StudyView } from '../../server/studies/study-views';
import { createPeople, type Person } from '../utils/people';
import { connect, recorder } from '../utils/socket-events';
import { exitOf, spawnTs } from '../utils/spawn-ts';
import { createTestApp, type TestApp } from '../utils/test-app';
import { until } from '../utils/until';
import { freezeAndWait, seedItems } from './datasets-fixtures';

/**
 * issue 13 item 1: studies — a grid of runs (base models × recipes × seeds) created in one action, identical runs
 * reused, grids extended later, templates, following new versions, per-run train counts, live progress and the CLI.
 * Nothing trains here: the server's in-process worker leaves the train queue alone, so runs stay queued.
 */
describe('studies', () => {
  let t: TestApp;
  let researcher: Person;
  let lead: Person;
  let annotator: Person;
  let scratch: string;
  let versionId: number;
  let versionName: string;
  const models: { id: number; name: string }[] = [];
  const sockets: Socket[] = [];

  const api = (method: 'get' | 'post', url: string, who: Person = researcher) => t.http[method](`/api${url}`).set(...who.auth);
  const create = async (body: object, status = 201) => {
    const res = await api('post', '/studies').send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    return res.body as StudyView;
  };
  const cell = (s: StudyView, model: number, recipe: string, seed: number) => s.runs.find((r) => r.baseModel.id === model && r.recipe?.name === recipe && r.seed === seed);

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    [researcher] = await createPeople(t, 'researcher', 1);
    [lead] = await createPeople(t, 'lead', 1);
    [annotator] = await createPeople(t, 'annotator', 1);
    scratch = await mkdtemp(join(tmpdir(), 'pace-studies-'));
    // base models straight in the table: registering a folder is the base-models API's test
    for (const [name, parameters] of [['tiny-a', 1_000_000], ['tiny-b', 4_000_000], ['tiny-c', 16_000_000]] as const) {
      const [row] = await t.db.query(`INSERT INTO base_models (name, path, parameters) VALUES ($1, $2, $3) RETURNING id`, [name, `/models/${name}`, parameters]);
      models.push({ id: row.id, name });
    }
    await seedItems(t, { count: 30, ability: 'history', split: 'train', sourceName: 'curated-src' });
    await seedItems(t, { count: 12, ability: 'code', split: 'train', sourceName: 'curated-src' });
    await seedItems(t, { count: 4, ability: 'history', split: 'valid', sourceName: 'curated-src' });
    await seedItems(t, { count: 4, ability: 'code', split: 'test', sourceName: 'curated-src' });
    const v = await freezeAndWait(t, researcher.token, { name: 'v-studies' });
    versionId = v.id;
    versionName = v.name;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('issue 13 item 1: a custom study queues base models × recipes × seeds in one action; leads read, annotators do not', async () => {
    const s = await create({ name: 'ladder', versionId, baseModelIds: [models[0].id, models[1].id], recipes: ['curated-10', 'curated-40'], seeds: [1, 2], hyperParams: { epochs: 3 } });
    expect(s).toMatchObject({ name: 'ladder', template: 'custom', version: { id: versionId, name: versionName }, followVersions: false, policyId: null, recipes: ['curated-10', 'curated-40'], seeds: [1, 2], hyperParams: { epochs: 3 }, foundation: [] });
    expect(s.baseModels.map((m) => m.name)).toEqual(['tiny-a', 'tiny-b']);
    expect(s.progress).toEqual({ total: 8, queued: 8, running: 0, completed: 0, failed: 0, cancelled: 0, percent: 0 });
    for (const m of models.slice(0, 2)) for (const recipe of ['curated-10', 'curated-40']) for (const seed of [1, 2]) {
      expect(cell(s, m.id, recipe, seed), `${m.name} × ${recipe} × ${seed}`).toMatchObject({ status: 'queued', percent: 0, reused: false, probeAbility: null, version: { id: versionId } });
    }
    expect(new Set(s.runs.map((r) => r.experimentId)).size).toBe(8);
    // each run went through ExperimentsService.createRun: a row with the study's hyper-parameters and a queued train job
    const rows = await t.db.query(`SELECT id, hyper_params->>'epochs' AS epochs FROM experiments WHERE id = ANY($1)`, [s.runs.map((r) => r.experimentId)]);
    expect(rows.map((r: { epochs: string }) => r.epochs)).toEqual(Array(8).fill('3'));
    const [{ jobs }] = await t.db.query(`SELECT count(DISTINCT data->>'experimentId')::int AS jobs FROM pgboss.job WHERE name = 'train' AND data->>'experimentId' = ANY($1)`, [s.runs.map((r) => r.experimentId)]);
    expect(jobs).toBe(8);

    expect((await api('get', `/studies/${s.id}`, lead).expect(200)).body.runs).toHaveLength(8);
    const list = await api('get', '/studies', lead).expect(200);
    expect(list.headers['content-range']).toMatch(/^studies 0-0\/1$/);
    await api('post', '/studies', lead).send({ name: 'by a lead', versionId, baseModelIds: [models[0].id], recipes: ['curated-10'] }).expect(403);
    await api('get', '/studies', annotator).expect(403);
    await api('get', '/studies/99999').expect(404);
  });

  it('issue 13 item 1: train_counts equal the sampler’s per-ability counts and the trained set; ensure() fills a run registered before they were kept', async () => {
    const s = (await api('get', '/studies').expect(200)).body[0] as StudyView;
    const sampler = t.app.get(RecipeSamplerService);
    const trainSet = t.app.get(TrainSetRepository);
    for (const r of s.runs) {
      const x = (await api('get', `/experiments/${r.experimentId}`).expect(200)).body;
      const sample = await sampler.sampleTrain(versionId, { id: r.recipe!.id }, r.seed);
      // the trained set: what the training runner writes from the same sampler call, counted per ability from the version
      const ids = sample.abilities.flatMap((a) => a.itemIds);
      const file = join(scratch, `${r.experimentId}.jsonl`);
      expect(await trainSet.write(file, versionId, ids)).toBe(ids.length);
      expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(ids.length);
      const trained = await t.db.query(
        `SELECT a.key, count(*)::int AS n FROM dataset_version_items v JOIN abilities a ON a.id = v.ability_id
          WHERE v.version_id = $1 AND v.split = 'train' AND v.item_id = ANY($2::bigint[]) GROUP BY a.key`,
        [versionId, ids],
      );
      const perAbility = Object.fromEntries(trained.map((row: { key: string; n: number }) => [row.key, row.n]));
      expect(x.trainCounts, `${r.name}`).toEqual(perAbility);
      expect(x.trainCounts).toEqual(Object.fromEntries(sample.abilities.filter((a) => a.taken > 0).map((a) => [a.abilityKey, a.taken])));
    }
    const per = Object.fromEntries(await Promise.all(s.runs.filter((r) => r.seed === 1 && r.baseModel.id === models[0].id).map(async (r) => [r.recipe!.name, (await api('get', `/experiments/${r.experimentId}`).expect(200)).body.trainCounts])));
    expect(per).toEqual({ 'curated-10': { code: 1, history: 1 }, 'curated-40': { code: 4, history: 4 } });

    // no recipe: the whole train split, as TrainSetRepository writes it
    const whole = (await api('post', '/experiments').send({ baseModelId: models[2].id, versionId }).expect(201)).body;
    expect(whole.trainCounts).toEqual({ code: 12, history: 30 });
    expect(await trainSet.write(join(scratch, 'whole.jsonl'), versionId, null)).toBe(42);

    // a run from before the column: NULL until ensure() counts it the same way
    const target = s.runs[3].experimentId;
    const before = (await api('get', `/experiments/${target}`).expect(200)).body.trainCounts;
    await t.db.query(`UPDATE experiments SET train_counts = NULL WHERE id = ANY($1)`, [[target, whole.id]]);
    expect((await api('get', `/experiments/${target}`).expect(200)).body.trainCounts).toBeNull();
    expect(await t.app.get(TrainCountsService).ensure(target)).toEqual(before);
    expect(await t.app.get(TrainCountsService).ensure(whole.id)).toEqual({ code: 12, history: 30 });
    expect((await api('get', `/experiments/${target}`).expect(200)).body.trainCounts).toEqual(before);
  });

  it('issue 13 item 1: an identical run is reused, not trained again; another seed, other hyper-parameters or a cancelled run are not', async () => {
    const first = (await api('get', '/studies').expect(200)).body.find((s: StudyView) => s.name === 'ladder') as StudyView;
    const shared = cell(first, models[0].id, 'curated-40', 1)!;
    // a cancelled identical run is not reused either
    const cancelledOne = cell(first, models[0].id, 'curated-10', 2)!;
    await api('post', `/experiments/${cancelledOne.experimentId}/cancel`).expect(200);

    const second = await create({ name: 'overlap', versionId, baseModelIds: [models[0].id], recipes: ['curated-40', 'curated-10'], seeds: [1, 2, 3], hyperParams: { epochs: 3 } });
    expect(cell(second, models[0].id, 'curated-40', 1)).toMatchObject({ experimentId: shared.experimentId, reused: true, status: 'queued' });
    expect(cell(second, models[0].id, 'curated-10', 1)).toMatchObject({ experimentId: cell(first, models[0].id, 'curated-10', 1)!.experimentId, reused: true });
    const fresh = cell(second, models[0].id, 'curated-10', 2)!;
    expect(fresh.reused).toBe(false);
    expect(fresh.experimentId).not.toBe(cancelledOne.experimentId);
    expect(cell(second, models[0].id, 'curated-40', 3)).toMatchObject({ reused: false });
    expect(second.runs.filter((r) => r.reused)).toHaveLength(3);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM experiments WHERE recipe_name = 'curated-40' AND base_model_id = $1 AND seed = 1`, [models[0].id]);
    expect(n).toBe(1);

    // other hyper-parameters make another run (jsonb equality of the resolved set)
    const other = await create({ name: 'other lr', versionId, baseModelIds: [models[0].id], recipes: ['curated-40'], seeds: [1], hyperParams: { epochs: 3, learningRate: 2e-5 } });
    expect(other.runs[0]).toMatchObject({ reused: false });
    expect(other.runs[0].experimentId).not.toBe(shared.experimentId);
    // the same set in another key order is the same run
    const same = await create({ name: 'same lr', versionId, baseModelIds: [models[0].id], recipes: ['curated-40'], seeds: [1], hyperParams: { learningRate: 2e-5, epochs: 3 } });
    expect(same.runs[0]).toMatchObject({ reused: true, experimentId: other.runs[0].experimentId });

    // two studies asking for the same new run at the same moment: one registers it, the other reuses it
    const race = { versionId, baseModelIds: [models[1].id], recipes: ['curated-640'], seeds: [77] };
    const [p, q] = await Promise.all([create({ name: 'race 1', ...race }), create({ name: 'race 2', ...race })]);
    expect(p.runs[0].experimentId).toBe(q.runs[0].experimentId);
    expect([p.runs[0].reused, q.runs[0].reused].sort()).toEqual([false, true]);
  });

  it('issue 13 item 1: adding a recipe or a base model later queues only the new cells', async () => {
    const s = (await api('get', '/studies').expect(200)).body.find((x: StudyView) => x.name === 'ladder') as StudyView;
    const before = new Set(s.runs.map((r) => r.experimentId));
    const grown = (await api('post', `/studies/${s.id}/recipes`).send({ recipe: 'curated-160' }).expect(201)).body as StudyView;
    expect(grown.recipes).toEqual(['curated-10', 'curated-40', 'curated-160']);
    expect(grown.runs).toHaveLength(12);
    const added = grown.runs.filter((r) => !before.has(r.experimentId));
    expect(added.map((r) => `${r.baseModel.name}/${r.recipe!.name}/${r.seed}`).sort()).toEqual(['tiny-a/curated-160/1', 'tiny-a/curated-160/2', 'tiny-b/curated-160/1', 'tiny-b/curated-160/2']);
    expect(grown.runs.filter((r) => before.has(r.experimentId))).toHaveLength(8);

    const wider = (await api('post', `/studies/${s.id}/base-models`).send({ baseModelId: models[2].id }).expect(201)).body as StudyView;
    expect(wider.baseModels.map((m) => m.name)).toEqual(['tiny-a', 'tiny-b', 'tiny-c']);
    expect(wider.runs).toHaveLength(18);
    expect(wider.runs.filter((r) => r.baseModel.id === models[2].id).map((r) => `${r.recipe!.name}/${r.seed}`).sort()).toEqual(['curated-10/1', 'curated-10/2', 'curated-160/1', 'curated-160/2', 'curated-40/1', 'curated-40/2']);

    const again = await api('post', `/studies/${s.id}/recipes`).send({ recipe: 'curated-160' }).expect(409);
    expect(again.body.errors).toEqual([{ field: 'recipe', message: 'already in the study' }]);
    const unknown = await api('post', `/studies/${s.id}/recipes`).send({ recipe: 'no-such' }).expect(400);
    expect(unknown.body.errors).toEqual([{ field: 'recipe', message: 'Recipe no-such not found' }]);
    expect((await api('post', `/studies/${s.id}/base-models`).send({ baseModelId: 999 }).expect(400)).body.errors).toEqual([{ field: 'baseModelId', message: 'no base model 999' }]);
    expect((await api('post', `/studies/${s.id}/base-models`).send({ baseModelId: models[2].id }).expect(409)).body.errors[0].field).toBe('baseModelId');
    await api('post', `/studies/${s.id}/recipes`, lead).send({ recipe: 'curated-640' }).expect(403);
  });

  it('issue 13 item 1: volume-grid picks curated-10 … curated-10000, and synthetic-10 … synthetic-40960 only once a synthetic source exists', async () => {
    const noSynthetic = await api('post', '/studies').send({ name: 'grid-syn', template: 'volume-grid', versionId, baseModelIds: [models[0].id], sources: ['synthetic'] }).expect(400);
    expect(noSynthetic.body.errors).toEqual([{ field: 'sources', message: expect.stringMatching(/no synthetic source/) }]);
    const curated = await create({ name: 'grid', template: 'volume-grid', versionId, baseModelIds: [models[0].id], seeds: [11] });
    const CURATED = ['curated-10', 'curated-40', 'curated-160', 'curated-640', 'curated-2560', 'curated-10000'];
    expect(curated.recipes).toEqual(CURATED);
    expect(curated.runs.map((r) => r.recipe!.name).sort()).toEqual([...CURATED].sort());

    await t.db.query(`INSERT INTO sources (name, kind) VALUES ('glan', 'synthetic')`);
    const both = await create({ name: 'grid-both', template: 'volume-grid', versionId, baseModelIds: [models[0].id], seeds: [12] });
    const SYNTHETIC = ['synthetic-10', 'synthetic-40', 'synthetic-160', 'synthetic-640', 'synthetic-2560', 'synthetic-10240', 'synthetic-40960'];
    expect(both.recipes).toEqual([...CURATED, ...SYNTHETIC]);
    expect(both.runs).toHaveLength(13);
    const onlyCurated = await create({ name: 'grid-curated', template: 'volume-grid', versionId, baseModelIds: [models[0].id], seeds: [11], sources: ['curated'] });
    expect(onlyCurated.recipes).toEqual(CURATED);
    // the same cells as "grid": all reused
    expect(onlyCurated.runs.every((r) => r.reused)).toBe(true);
    expect((await api('post', '/studies').send({ name: 'g', template: 'volume-grid', versionId, baseModelIds: [models[0].id], recipes: ['curated-10'] }).expect(400)).body.errors[0].field).toBe('recipes');
  });

  it('issue 13 item 1: the probe template makes one 64-item recipe per ability and the foundation evaluation; a second probe study reuses both', async () => {
    const s = await create({ name: 'probe', template: 'probe', versionId, baseModelIds: [models[1].id], hyperParams: { epochs: 2 } });
    expect(s).toMatchObject({ template: 'probe', probeItems: 64, recipes: ['probe-64-code', 'probe-64-history'] });
    expect(s.runs.map((r) => [r.recipe!.name, r.probeAbility, r.reused])).toEqual([['probe-64-code', 'code', false], ['probe-64-history', 'history', false]]);
    const recipes = await t.db.query(`SELECT name, revision, spec FROM recipes WHERE name LIKE 'probe-%' ORDER BY name`);
    expect(recipes).toEqual([
      { name: 'probe-64-code', revision: 1, spec: { pool: 'curated', quotas: { counts: { code: 64 } } } },
      { name: 'probe-64-history', revision: 1, spec: { pool: 'curated', quotas: { counts: { history: 64 } } } },
    ]);
    // 64 asked; the version has 30 history and 12 code train items
    const counts = await Promise.all(s.runs.map(async (r) => (await api('get', `/experiments/${r.experimentId}`).expect(200)).body.trainCounts));
    expect(counts).toEqual([{ code: 12 }, { history: 30 }]);
    // the untuned base model: an epoch-0 evaluation (no checkpoint) of one of its probe runs, which scores every ability's valid/test items
    expect(s.foundation).toEqual([{ baseModelId: models[1].id, evaluationId: expect.any(String), status: 'queued' }]);
    const [evaluation] = await t.db.query(`SELECT experiment_id, checkpoint_id, base_model_id, epoch FROM evaluations WHERE id = $1`, [s.foundation[0].evaluationId]);
    expect(evaluation).toMatchObject({ checkpoint_id: null, base_model_id: models[1].id, epoch: 0 });
    expect(s.runs.map((r) => r.experimentId)).toContain(evaluation.experiment_id);

    const again = await create({ name: 'probe again', template: 'probe', versionId, baseModelIds: [models[1].id], hyperParams: { epochs: 2 } });
    expect(again.runs.map((r) => [r.experimentId, r.reused, r.probeAbility])).toEqual(s.runs.map((r) => [r.experimentId, true, r.probeAbility]));
    expect(again.foundation[0].evaluationId).toBe(s.foundation[0].evaluationId);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM recipes WHERE name LIKE 'probe-%'`);
    expect(n).toBe(2);
    // 16 items: other recipes
    const small = await create({ name: 'probe 16', template: 'probe', versionId, baseModelIds: [models[1].id], probeItems: 16 });
    expect(small.recipes).toEqual(['probe-16-code', 'probe-16-history']);
    expect((await api('post', `/studies/${s.id}/recipes`).send({ recipe: 'curated-10' }).expect(400)).body.errors[0].field).toBe('recipe');
  });

  it('issue 13 item 1: the growth reader learns a study’s runs, probe abilities and foundation evaluations, and older runs’ train counts, through its ports', async () => {
    const growth = t.app.get(GrowthService);
    const probe = (await api('get', '/studies').expect(200)).body.find((x: StudyView) => x.name === 'probe') as StudyView;
    expect(await growth.selectedIds({ studyId: probe.id })).toEqual(probe.runs.map((r) => r.experimentId));
    await expect(growth.selectedIds({ studyId: 99999 })).rejects.toThrow(/no study 99999/);
    const ports = t.app.get(StudyRuns);
    expect(await ports.probeAbilities(probe.id)).toEqual(new Map(probe.runs.map((r) => [r.experimentId, r.probeAbility!])));
    expect(await ports.foundationEvaluations(probe.id)).toEqual(probe.foundation.map(({ baseModelId, evaluationId }) => ({ baseModelId, evaluationId })));
    // a run from before train counts were stored gets them when the growth reader reads it
    const id = probe.runs[1].experimentId;
    await t.db.query(`UPDATE experiments SET train_counts = NULL WHERE id = $1`, [id]);
    const [row] = await growth.rows({ experimentIds: [id] });
    expect(row.trainCounts).toEqual({ history: 30 });
  });

  it('issue 13 item 1: a following study owns a policy per base model × seed, and a newly frozen version queues its runs into the study', async () => {
    const s = await create({ name: 'follow', followVersions: true, baseModelIds: [models[2].id], recipes: ['curated-10'], seeds: [21, 22], hyperParams: { epochs: 2 } });
    expect(s).toMatchObject({ version: null, followVersions: true, runs: [], progress: { total: 0 } });
    expect(s.policyIds).toHaveLength(2);
    expect(s.policyId).toBe(s.policyIds[0]);
    const policies = await t.db.query(`SELECT recipes, seed, enabled, hyper_params FROM experiment_policies WHERE id = ANY($1) ORDER BY seed`, [s.policyIds]);
    expect(policies).toEqual([
      { recipes: ['curated-10'], seed: 21, enabled: true, hyper_params: { epochs: 2 } },
      { recipes: ['curated-10'], seed: 22, enabled: true, hyper_params: { epochs: 2 } },
    ]);
    const grown = (await api('post', `/studies/${s.id}/recipes`).send({ recipe: 'curated-40' }).expect(201)).body as StudyView;
    expect(grown.runs).toEqual([]);
    // another following study with one cell in common: that run is trained once, for both
    const overlap = await create({ name: 'follow too', followVersions: true, baseModelIds: [models[2].id], recipes: ['curated-10'], seeds: [21], hyperParams: { epochs: 2 } });

    await seedItems(t, { count: 5, ability: 'history', split: 'train', sourceName: 'curated-src' });
    const v2 = await freezeAndWait(t, researcher.token, { name: 'v-studies-2' });
    const withRuns = await until('the new version’s runs to join the study', async () => {
      const view = (await api('get', `/studies/${s.id}`).expect(200)).body as StudyView;
      return view.runs.length === 4 ? view : null;
    }, 30_000, 100);
    expect(withRuns.runs.map((r) => `${r.version.name}/${r.recipe!.name}/${r.seed}`).sort()).toEqual(['v-studies-2/curated-10/21', 'v-studies-2/curated-10/22', 'v-studies-2/curated-40/21', 'v-studies-2/curated-40/22']);
    expect(withRuns.runs.every((r) => r.status === 'queued' && !r.reused)).toBe(true);
    const x = (await api('get', `/experiments/${withRuns.runs[0].experimentId}`).expect(200)).body;
    expect(s.policyIds).toContain(x.policyId);
    expect(x.version.id).toBe(v2.id);
    expect(x.trainCounts).toEqual(x.recipe.name === 'curated-10' ? { code: 1, history: 1 } : { code: 4, history: 4 });
    const shared = withRuns.runs.find((r) => r.recipe!.name === 'curated-10' && r.seed === 21)!;
    const joined = await until('the shared run to join the other study', async () => {
      const view = (await api('get', `/studies/${overlap.id}`).expect(200)).body as StudyView;
      return view.runs.length === 1 ? view : null;
    }, 30_000, 100);
    expect(joined.runs[0]).toMatchObject({ experimentId: shared.experimentId, reused: true });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM experiments WHERE version_id = $1 AND base_model_id = $2 AND recipe_name = 'curated-10' AND seed = 21`, [v2.id, models[2].id]);
    expect(n).toBe(1);

    // cancelling stops following: the policies are disabled and its queued runs cancelled, but not the one the other study shares
    const cancelled = (await api('post', `/studies/${s.id}/cancel`).expect(200)).body as StudyView;
    expect(cancelled.progress).toMatchObject({ total: 4, cancelled: 3, queued: 1 });
    expect(cancelled.runs.find((r) => r.experimentId === shared.experimentId)!.status).toBe('queued');
    const [{ enabled }] = await t.db.query(`SELECT bool_or(enabled) AS enabled FROM experiment_policies WHERE id = ANY($1)`, [s.policyIds]);
    expect(enabled).toBe(false);
  });

  it('issue 13 item 1: cancel ends the runs the study registered, not those it reused from another study', async () => {
    const owner = await create({ name: 'owner', versionId, baseModelIds: [models[2].id], recipes: ['curated-640'], seeds: [31] });
    const borrower = await create({ name: 'borrower', versionId, baseModelIds: [models[2].id], recipes: ['curated-640'], seeds: [31, 32] });
    const reused = borrower.runs.find((r) => r.reused)!;
    expect(reused.experimentId).toBe(owner.runs[0].experimentId);
    const after = (await api('post', `/studies/${borrower.id}/cancel`).expect(200)).body as StudyView;
    expect(after.runs.find((r) => r.reused)!.status).toBe('queued');
    expect(after.runs.find((r) => !r.reused)!.status).toBe('cancelled');
    expect((await api('get', `/studies/${owner.id}`).expect(200)).body.runs[0].status).toBe('queued');
    await api('post', `/studies/${owner.id}/cancel`, lead).expect(403);
  });

  it('issue 13 item 1: bad input is a 400 naming each field; a taken name is a 409', async () => {
    const errorsOf = async (body: object, status = 400) => (await api('post', '/studies').send(body).expect(status)).body;
    const all = await errorsOf({ name: ' ', versionId, baseModelIds: [], recipes: ['curated-10', 'curated-10'], seeds: [-1], hyperParams: { learningRate: -1 } });
    expect(all.errors).toEqual(expect.arrayContaining([
      { field: 'name', message: 'must not be empty' },
      { field: 'baseModelIds', message: 'name at least one base model' },
      { field: 'recipes[1]', message: '"curated-10" is listed twice' },
      { field: 'seeds[0]', message: expect.stringMatching(/whole number/) },
      { field: 'hyperParams.learningRate', message: 'must be greater than 0' },
    ]));
    expect(all.message).toMatch(/^name: must not be empty; /);
    expect((await errorsOf({ name: 'x', versionId, baseModelIds: [models[0].id, 999] })).errors).toEqual(expect.arrayContaining([{ field: 'baseModelIds[1]', message: 'no base model 999' }, { field: 'recipes', message: 'a custom study names at least one recipe' }]));
    expect((await errorsOf({ name: 'x', versionId, baseModelIds: [999], recipes: ['curated-10'] })).errors).toEqual([{ field: 'baseModelIds[0]', message: 'no base model 999' }]);
    expect((await errorsOf({ name: 'x', versionId, baseModelIds: [models[0].id], recipes: ['curated-10', 'nope'] })).errors).toEqual([{ field: 'recipes[1]', message: 'Recipe nope not found' }]);
    expect((await errorsOf({ name: 'x', versionId: 9999, baseModelIds: [models[0].id], recipes: ['curated-10'] })).errors).toEqual([{ field: 'versionId', message: 'no dataset version 9999' }]);
    const [draft] = await t.db.query(`INSERT INTO dataset_versions (name, split_config, decontamination, status) VALUES ('draft-s', '{}', '{}', 'freezing') RETURNING id`);
    expect((await errorsOf({ name: 'x', versionId: draft.id, baseModelIds: [models[0].id], recipes: ['curated-10'] })).errors).toEqual([{ field: 'versionId', message: expect.stringMatching(/"draft-s" is freezing; a study runs on frozen versions only/) }]);
    expect((await errorsOf({ name: 'x', baseModelIds: [models[0].id], recipes: ['curated-10'] })).errors[0].field).toBe('versionId');
    expect((await errorsOf({ name: 'x', template: 'probe', followVersions: true, versionId, baseModelIds: [models[0].id] })).errors[0].field).toBe('followVersions');
    expect((await errorsOf({ name: 'x', template: 'grid', versionId, baseModelIds: [models[0].id] })).errors[0].field).toBe('template');
    expect((await errorsOf({ name: 'x', versionId, baseModelIds: [models[0].id], recipes: ['curated-10'], colour: 'red' })).message).toBe('Validation failed');
    const taken = await errorsOf({ name: 'ladder', versionId, baseModelIds: [models[0].id], recipes: ['curated-10'] }, 409);
    expect(taken.errors).toEqual([{ field: 'name', message: 'already taken' }]);
    // nothing was left behind by the refusals
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM studies WHERE name = 'x'`);
    expect(n).toBe(0);
  });

  it('issue 13 item 1: study.progress arrives over socket.io in study:<id> and studies when a run changes', async () => {
    const socket = await connect(t, researcher.token);
    const leadSocket = await connect(t, lead.token);
    const annotatorSocket = await connect(t, annotator.token);
    sockets.push(socket, leadSocket, annotatorSocket);
    const s = await create({ name: 'live', versionId, baseModelIds: [models[1].id], recipes: ['curated-2560'], seeds: [41, 42] });
    expect((await socket.emitWithAck('subscribe', { room: `study:${s.id}` })).ok).toBe(true);
    expect((await leadSocket.emitWithAck('subscribe', { room: 'studies' })).ok).toBe(true);
    expect((await annotatorSocket.emitWithAck('subscribe', { room: `study:${s.id}` })).ok).toBe(false);
    const mine = recorder(socket, ['study.progress']);
    const all = recorder(leadSocket, ['study.progress']);

    // a run's state changes as the worker would change it: through ExperimentsService.publish (experiment.progress)
    await api('post', `/experiments/${s.runs[0].experimentId}/cancel`).expect(200);
    const seen = await mine.waitFor('study.progress', (v: StudyView) => v.id === s.id && v.progress.cancelled === 1);
    expect(seen.progress).toMatchObject({ total: 2, queued: 1, cancelled: 1 });
    expect(seen.runs.find((r: { experimentId: string }) => r.experimentId === s.runs[0].experimentId).status).toBe('cancelled');
    await all.waitFor('study.progress', (v: StudyView) => v.id === s.id && v.progress.cancelled === 1);

    await t.db.query(`UPDATE experiments SET status = 'running', progress = '{"step": 5, "totalSteps": 20}' WHERE id = $1`, [s.runs[1].experimentId]);
    await api('get', `/experiments/${s.runs[1].experimentId}`).expect(200);
    const { ExperimentsService } = await import('../../server/experiments/experiments.service');
    await t.app.get(ExperimentsService).publish(s.runs[1].experimentId);
    const running = await mine.waitFor('study.progress', (v: StudyView) => v.progress.running === 1);
    expect(running.progress.percent).toBe(12.5);
    expect(all.seen.every((e) => e.data.id !== undefined)).toBe(true);
  });

  it('issue 13 item 1: npm run cli -- study create / show [--watch]', async () => {
    const cli = (args: string[]) => spawnTs('server/cli/main.ts', args, { DATABASE_URL: t.databaseUrl, PACE_DATA_DIR: t.dataDir });
    const made = cli(['study', 'create', '--name', 'cli study', '--version', versionName, '--base-model', 'tiny-a', '--base-model', String(models[1].id), '--recipe', 'curated-10', '--seed', '51', '--hyper', 'epochs=2']);
    expect(await exitOf(made), made.output()).toBe(0);
    expect(made.output()).toMatch(/Study \d+ "cli study" created: 2 run\(s\), 0 reused/);
    const [study] = await t.db.query(`SELECT id, hyper_params FROM studies WHERE name = 'cli study'`);
    expect(study.hyper_params).toEqual({ epochs: 2 });

    const bad = cli(['study', 'create', '--name', 'cli bad', '--version', versionName, '--base-model', 'nope', '--recipe', 'curated-10']);
    expect(await exitOf(bad)).toBe(1);
    expect(bad.output()).toMatch(/--base-model: no base model "nope"/);

    // runs finished (as a worker would leave them): --watch draws the bar to the end and returns
    await t.db.query(`UPDATE experiments SET status = 'completed' WHERE id IN (SELECT experiment_id FROM study_runs WHERE study_id = $1)`, [study.id]);
    const shown = cli(['study', 'show', 'cli study', '--watch']);
    expect(await exitOf(shown), shown.output()).toBe(0);
    expect(shown.output()).toMatch(/Study \d+ "cli study" \[custom\] on version v-studies/);
    expect(shown.output()).toMatch(/completed +100% {2}tiny-a · v-studies · curated-10@1 · seed 51/);
    expect(shown.output()).toMatch(/100% \| 2\/2 completed \| 0 running \| 0 queued \| 0 failed \| 0 cancelled/);
  });
});
