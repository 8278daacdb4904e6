import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueService } from '../../server/queue/queue.service';
import { JobRunnerService } from '../../workers/job-runner.service';
import { createPeople, type Person } from '../utils/people';
import { createTestApp, type TestApp } from '../utils/test-app';
import { tinyModel } from '../utils/tiny-model';
import { until } from '../utils/until';
import { freeze, seedItems, waitForVersion } from './datasets-fixtures';

/** The experiments API on a server that does not train (its in-process worker leaves the train queue alone). */
describe('experiments API: base models, policies, runs', () => {
  let t: TestApp;
  let researcher: Person;
  let annotator: Person;
  let modelDir: string;
  let scratch: string;
  let outside: string;
  let baseModelId: number;
  let versionId: number;

  const api = (method: 'get' | 'post' | 'patch' | 'delete', url: string, who: Person = researcher) => t.http[method](`/api${url}`).set(...who.auth);

  beforeAll(async () => {
    t = await createTestApp();
    [researcher] = await createPeople(t, 'researcher', 1);
    [annotator] = await createPeople(t, 'annotator', 1);
    // scratch folders under the app's default model root (<PACE_DATA_DIR>/models); outside is a folder of its own
    scratch = join(t.dataDir, 'models');
    await mkdir(scratch, { recursive: true });
    [modelDir, outside] = await Promise.all([tinyModel(), mkdtemp(join(tmpdir(), 'pace-outside-roots-'))]);
  });
  afterAll(async () => {
    await t.close();
    await rm(outside, { recursive: true, force: true });
  });

  it('registers a causal-LM folder, counting its parameters from the safetensors headers; refuses what is not one, naming the field', async () => {
    await api('post', '/base-models', annotator).send({ name: 'tiny', path: modelDir }).expect(403);
    const created = await api('post', '/base-models').send({ name: 'tiny 小模型', path: modelDir }).expect(201);
    baseModelId = created.body.id;
    expect(created.body).toMatchObject({ name: 'tiny 小模型', path: modelDir });
    expect(created.body.parameters).toBeGreaterThan(10_000);

    const dup = await api('post', '/base-models').send({ name: 'tiny 小模型', path: modelDir }).expect(409);
    expect(dup.body.message).toMatch(/^name: /);
    const relative = await api('post', '/base-models').send({ name: 'rel', path: 'models/x' }).expect(400);
    expect(relative.body.message).toMatch(/^path: "models\/x" is not an absolute path/);
    const empty = join(scratch, 'empty');
    await mkdir(empty);
    expect((await api('post', '/base-models').send({ name: 'empty', path: empty }).expect(400)).body.message).toMatch(/^path: .* has no config\.json/);
    const encoder = join(scratch, 'bert');
    await mkdir(encoder);
    await writeFile(join(encoder, 'config.json'), JSON.stringify({ architectures: ['BertForMaskedLM'], model_type: 'bert' }));
    expect((await api('post', '/base-models').send({ name: 'bert', path: encoder }).expect(400)).body.message).toMatch(/BertForMaskedLM, not a causal language model/);
    const given = await api('post', '/base-models').send({ name: 'declared', path: encoder.replace('bert', 'empty2'), parameters: 5 });
    expect(given.status).toBe(400);
    expect((await api('post', '/base-models').send({ name: 'x', path: modelDir, parameters: -1 }).expect(400)).body.errors.join(' ')).toMatch(/parameters/);

    const list = await api('get', '/base-models').expect(200);
    expect(list.body.map((m: { name: string }) => m.name)).toEqual(['tiny 小模型']);
    const [audit] = await t.db.query(`SELECT actor_id FROM audit_log WHERE entity = 'base_model' AND entity_id = $1 AND action = 'create'`, [String(baseModelId)]);
    expect(audit.actor_id).toBe(researcher.id);
  });

  it('issue 14 item 5: only folders under the model roots are registered; every path outside gets the same answer and no file is quoted', async () => {
    const OUTSIDE = 'path: must be a model folder under one of the configured model roots (PACE_MODEL_ROOTS)';
    // outside the roots: a causal-LM folder, a folder with a planted non-JSON config.json, a plain file, a missing
    // path, system folders, and ways back out of a root (`..`, a symlink inside a root pointing out)
    const model = join(outside, 'model');
    await cp(modelDir, model, { recursive: true });
    const planted = join(outside, 'planted');
    await mkdir(planted);
    await writeFile(join(planted, 'config.json'), 'root:x:0:0:secret-line');
    await writeFile(join(outside, 'file.txt'), 'hello');
    await symlink(outside, join(scratch, 'link-out'));
    const probes = [
      model,
      planted,
      join(outside, 'file.txt'),
      join(outside, 'missing'),
      '/etc',
      '/root/.ssh',
      '/no/such/folder',
      join(scratch, '..', '..', '..', 'etc'),
      join(scratch, 'link-out', 'model'),
      join(scratch, 'link-out', 'planted'),
      scratch, // the root itself is no model folder under it
    ];
    for (const [k, path] of probes.entries()) {
      const res = await api('post', '/base-models').send({ name: `probe-${k}`, path }).expect(400);
      expect(res.body, path).toEqual({ message: OUTSIDE, errors: [{ field: 'path', message: OUTSIDE }] });
    }
    // inside a root the answer may say what is wrong, but never quotes the file
    const inside = join(scratch, 'planted');
    await mkdir(inside);
    await writeFile(join(inside, 'config.json'), 'root:x:0:0:secret-line');
    const bad = await api('post', '/base-models').send({ name: 'planted', path: inside }).expect(400);
    expect(bad.body.message).toBe(`path: ${join(inside, 'config.json')} is not valid JSON`);
    expect(JSON.stringify(bad.body)).not.toContain('secret');
    expect((await api('post', '/base-models').send({ name: 'typo', path: join(scratch, 'no-such-model') }).expect(400)).body.message).toBe(
      `path: ${join(scratch, 'no-such-model')} does not exist`,
    );
    expect((await t.db.query(`SELECT count(*)::int AS n FROM base_models WHERE name LIKE 'probe-%' OR name IN ('planted', 'typo')`))[0].n).toBe(0);
  });

  it('validates policies: unknown recipe, bad hyper-parameters and unknown model are 400s naming the field', async () => {
    const bad = async (body: object, field: RegExp) => expect((await api('post', '/experiment-policies').send(body).expect(400)).body.message).toMatch(field);
    await bad({ name: 'p', baseModelId, recipes: ['curated-10', 'no-such-recipe'] }, /^recipes\[1\]: Recipe no-such-recipe not found/);
    await bad({ name: 'p', baseModelId, recipes: ['curated-10'], hyperParams: { learningRate: -1 } }, /hyperParams\.learningRate: must be greater than 0/);
    await bad({ name: 'p', baseModelId, recipes: ['curated-10'], hyperParams: { optimizer: 'sgd' } }, /hyperParams\.optimizer: unknown hyper-parameter/);
    await bad({ name: 'p', baseModelId, recipes: ['curated-10'], hyperParams: { learningRate: 1e-6, finalLearningRate: 1e-5 } }, /hyperParams\.finalLearningRate/);
    await bad({ name: 'p', baseModelId: 999, recipes: ['curated-10'] }, /^baseModelId: no base model 999/);
    await api('post', '/experiment-policies', annotator).send({ name: 'p', baseModelId, recipes: ['curated-10'] }).expect(403);
  });

  it('a frozen version queues one run per enabled policy × recipe, once, however often dataset.frozen is delivered', async () => {
    const policy = await api('post', '/experiment-policies').send({ name: 'ladder', baseModelId, recipes: ['curated-10', 'curated-40'], hyperParams: { microBatchSize: 2, globalBatchSize: 4 }, seed: 7 }).expect(201);
    expect(policy.body).toMatchObject({ baseModelName: 'tiny 小模型', enabled: true, seed: 7, experiments: 0 });
    const off = await api('post', '/experiment-policies').send({ name: 'disabled one', baseModelId, recipes: ['curated-160'], enabled: false }).expect(201);
    await api('patch', `/experiment-policies/${off.body.id}`).send({ hyperParams: { epochs: 0 } }).expect(400);

    await seedItems(t, { count: 20, ability: 'history', split: 'train' });
    const { id } = await freeze(t, researcher.token, { name: 'v-policy' });
    versionId = (await waitForVersion(t, researcher.token, id)).id;
    const runs = await until('two runs queued by the policies', async () => {
      const res = await api('get', `/experiments?filter=${encodeURIComponent(JSON.stringify({ versionId }))}&sort=${encodeURIComponent('["name","ASC"]')}`).expect(200);
      return res.body.length === 2 ? res : null;
    }, 20_000, 100);
    expect(runs.headers['content-range']).toBe('experiments 0-1/2');
    const byRecipe = Object.fromEntries(runs.body.map((r: { recipe: { name: string } }) => [r.recipe.name, r]));
    // the paper's defaults, the smallest volumes longer, the policy's overrides on top
    expect(byRecipe['curated-10']).toMatchObject({ status: 'queued', seed: 7, policyId: policy.body.id, version: { id: versionId, name: 'v-policy' } });
    expect(byRecipe['curated-10'].hyperParams).toMatchObject({ epochs: 25, learningRate: 1e-5, finalLearningRate: 1e-6, betas: [0.9, 0.95], weightDecay: 0.1, globalBatchSize: 4, microBatchSize: 2, maxLength: 2048, gpus: 1, evalBackend: 'torch', maxNewTokens: 512, benchmarks: [] });
    expect(byRecipe['curated-40'].hyperParams.epochs).toBe(20);

    // the event again (a redelivery), and the handler once more by hand: nothing new
    await t.app.get(QueueService).publish('dataset.frozen', { versionId, name: 'v-policy', contentHash: 'x', itemCount: 20 });
    await until('the redelivered event to be handled', async () => {
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'experiment-policies' AND state = 'completed'`);
      return n >= 2 ? n : null;
    }, 20_000, 100);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM experiments WHERE version_id = $1`, [versionId]);
    expect(n).toBe(2);
    expect((await api('get', `/experiment-policies/${policy.body.id}`).expect(200)).body.experiments).toBe(2);
  });

  it('creates, lists, cancels and resumes a run; refuses unfrozen versions and bad input with the field named', async () => {
    const bad = async (body: object, status: number, msg: RegExp) => expect((await api('post', '/experiments').send(body).expect(status)).body.message).toMatch(msg);
    await bad({ baseModelId, versionId: 9999 }, 400, /^versionId: no dataset version 9999/);
    await bad({ baseModelId, versionId, recipe: 'nope' }, 400, /^recipe: Recipe nope not found/);
    await bad({ baseModelId, versionId, hyperParams: { method: 'qlora' } }, 400, /hyperParams\.method: must be one of full, lora/);
    await bad({ baseModelId, versionId, hyperParams: { gpus: 0 } }, 400, /hyperParams\.gpus: must be at least 1/);
    const [draft] = await t.db.query(`INSERT INTO dataset_versions (name, split_config, decontamination, status) VALUES ('draft', '{}', '{}', 'freezing') RETURNING id`);
    await bad({ baseModelId, versionId: draft.id }, 409, /^versionId: dataset version "draft" is freezing/);

    const run = await api('post', '/experiments').send({ baseModelId, versionId, hyperParams: { epochs: 2, method: 'lora' } }).expect(201);
    expect(run.body).toMatchObject({ status: 'queued', recipe: null, seed: 42, attempts: 0, checkpoints: 0, best: null, progress: { step: 0, epochs: 2, percent: 0 } });
    expect(run.body.name).toBe('tiny 小模型 · v-policy · full train split · seed 42');
    expect(run.body.hyperParams.lora).toEqual({ r: 16, alpha: 32, dropout: 0.05 });
    const id = run.body.id;

    const queued = await api('get', `/experiments?filter=${encodeURIComponent(JSON.stringify({ status: 'queued', baseModelId }))}&range=[0,0]`).expect(200);
    expect(queued.headers['content-range']).toBe('experiments 0-0/3');
    expect((await api('post', `/experiments/${id}/resume`).expect(409)).body.message).toMatch(/only be resumed when cancelled or failed \(status: queued\)/);
    expect((await api('post', `/experiments/${id}/cancel`).expect(200)).body.status).toBe('cancelled');
    expect((await api('post', `/experiments/${id}/cancel`).expect(409)).body.message).toMatch(/not queued or running \(status: cancelled\)/);
    expect((await api('post', `/experiments/${id}/resume`).expect(200)).body.status).toBe('queued');
    expect(await api('get', `/experiments/${id}/steps?after=0`).expect(200).then((r) => r.body)).toEqual([]);
    expect((await api('get', `/experiments/${id}/steps?after=-2`).expect(400)).body.message).toMatch(/^after: /);
    expect(await api('get', `/experiments/${id}/checkpoints`).expect(200).then((r) => r.body)).toEqual([]);
    expect((await api('get', `/experiments/${id}/log`).expect(404)).body.message).toMatch(/no log yet/);
    await api('get', `/experiments/${id}`, annotator).expect(403);
    await api('get', '/experiments/00000000-0000-0000-0000-000000000000').expect(404);
    const actions = await t.db.query(`SELECT action FROM audit_log WHERE entity = 'experiment' AND entity_id = $1 ORDER BY id`, [id]);
    expect(actions.map((a: { action: string }) => a.action)).toEqual(['create', 'cancel', 'resume']);
    // a used base model stays
    expect((await api('delete', `/base-models/${baseModelId}`).expect(409)).body.message).toMatch(/is used by 3 experiment/);
  });

  it("the stale sweep queues again a run whose worker stopped its heartbeat; a waiting cancel ends it; a live run is left alone", async () => {
    const make = async () => (await api('post', '/experiments').send({ baseModelId, versionId }).expect(201)).body.id as string;
    const [dead, cancelling, live] = [await make(), await make(), await make()];
    await t.db.query(`UPDATE experiments SET status = 'running', updated_at = now() - interval '5 minutes' WHERE id = ANY($1)`, [[dead, cancelling]]);
    await t.db.query(`UPDATE experiments SET status = 'cancelling' WHERE id = $1`, [cancelling]);
    await t.db.query(`UPDATE experiments SET status = 'running', updated_at = now() WHERE id = $1`, [live]);
    const jobs = async () => (await t.db.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'train' AND data->>'experimentId' = $1`, [dead]))[0].n;
    const before = await jobs();

    const requeued = await t.app.get(JobRunnerService).requeueStale(60);
    expect(requeued.experiments).toEqual([dead]);
    const status = async (id: string) => (await api('get', `/experiments/${id}`).expect(200)).body.status;
    expect([await status(dead), await status(cancelling), await status(live)]).toEqual(['queued', 'cancelled', 'running']);
    expect(await jobs()).toBe(before + 1);
  });
});

