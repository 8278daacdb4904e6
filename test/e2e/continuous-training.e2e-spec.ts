import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPeople, type Person } from '../utils/people';
import { uploadImport, waitForImport } from '../utils/imports';
import { decide, nextReview } from '../utils/reviews';
import { createTestApp, type TestApp } from '../utils/test-app';
import { tinyModel } from '../utils/tiny-model';
import { until } from '../utils/until';
import { freeze, waitForVersion } from './datasets-fixtures';

const shared = process.env.PACE_SHARED_DATA;
const corpus = shared ? join(shared, 'raw', 'logiqa2', 'test_zh.sample.txt') : '';
if (!shared || !existsSync(corpus)) {
  console.warn('⚠ PACE_SHARED_DATA is not set (or has no raw/logiqa2): the continuous-training end-to-end test did NOT run.');
}
const LINES = 40;

/**
 * The proof on CPU: a real corpus imported and approved through the API, frozen; the policy queues a run,
 * the worker trains the tiny model for 2 epochs through the Python trainer, each checkpoint is evaluated, and
 * per-ability scores for both epochs are in the database and the API.
 */
describe.skipIf(!shared || !existsSync(corpus))('continuous fine-tuning and evaluation, end to end on CPU', () => {
  let t: TestApp;
  let researcher: Person;
  let annotators: Person[];
  let scratch: string;

  beforeAll(async () => {
    t = await createTestApp({ PACE_IN_PROCESS_TRAINING: 'true' });
    [researcher] = await createPeople(t, 'researcher', 1);
    annotators = await createPeople(t, 'annotator', 2);
    scratch = await mkdtemp(join(tmpdir(), 'pace-continuous-'));
  });
  afterAll(async () => {
    await t.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('import → dual approval → freeze → policy → 2 epochs of training → evaluation of each → per-ability scores', async () => {
    const api = (method: 'get' | 'post', url: string) => t.http[method](`/api${url}`).set(...researcher.auth);
    const started = Date.now();

    // the policy first: it acts on the next frozen version
    const model = await api('post', '/base-models').send({ name: 'tiny-llama', path: await tinyModel() }).expect(201);
    const policy = await api('post', '/experiment-policies')
      .send({ name: 'every version', baseModelId: model.body.id, recipes: ['baseline'], seed: 1, hyperParams: { epochs: 2, globalBatchSize: 8, microBatchSize: 4, learningRate: 1e-3, finalLearningRate: 1e-4, maxNewTokens: 4 } })
      .expect(201);

    // a small real corpus (LogiQA 2.0, Chinese single choice) through the import API
    const file = join(scratch, 'logiqa2-zh.jsonl');
    await writeFile(file, (await readFile(corpus, 'utf8')).split('\n').filter(Boolean).slice(0, LINES).join('\n') + '\n');
    const imp = await uploadImport(t, researcher.token, file, { adapter: 'logiqa2' });
    const imported = await waitForImport(t, researcher.token, imp.id);
    expect(imported.status, imported.failureReason ?? '').toBe('completed');
    expect(imported.itemsCreated).toBe(LINES);

    // every item approved by two annotators through the review API
    for (const a of annotators) {
      for (;;) {
        const next = await nextReview(t, a);
        if (next.status === 204) break;
        expect(next.status, JSON.stringify(next.body)).toBe(200);
        expect((await decide(t, a, next.body.lease.id, 'approve')).status).toBe(200);
      }
    }
    const [{ accepted }] = await t.db.query(`SELECT count(*)::int AS accepted FROM items WHERE import_id = $1 AND status = 'accepted'`, [imp.id]);
    expect(accepted).toBe(LINES);

    // freeze with validation and test items: dataset.frozen reaches the policy
    const { id: versionId } = await freeze(t, researcher.token, { name: 'v1', splits: { valid: 4, test: 4 } });
    expect((await waitForVersion(t, researcher.token, versionId)).status).toBe('frozen');
    const experiment = await until('the policy to queue a run', async () => {
      const res = await api('get', `/experiments?filter=${encodeURIComponent(JSON.stringify({ policyId: policy.body.id }))}`).expect(200);
      return res.body[0] ?? null;
    }, 30_000, 200);
    expect(experiment).toMatchObject({ version: { id: versionId }, recipe: { name: 'baseline' }, hyperParams: { epochs: 2, evalBackend: 'torch' } });

    // trained for 2 epochs, each checkpoint evaluated
    const scores = await until('scores of both epochs', async () => {
      const x = (await api('get', `/experiments/${experiment.id}`).expect(200)).body;
      if (x.status === 'failed') throw new Error(`training failed: ${x.failureReason}`);
      const evaluations = (await api('get', `/experiments/${experiment.id}/evaluations`).expect(200)).body as Array<{ epoch: number; status: string; failureReason: string | null }>;
      const failed = evaluations.find((e) => e.status === 'failed');
      if (failed) throw new Error(`evaluation of epoch ${failed.epoch} failed: ${failed.failureReason}`);
      const s = (await api('get', `/experiments/${experiment.id}/scores`).expect(200)).body;
      return x.status === 'completed' && evaluations.length === 2 && evaluations.every((e) => e.status === 'completed') ? s : null;
    }, 150_000, 200);
    const run = (await api('get', `/experiments/${experiment.id}`).expect(200)).body;
    expect(run).toMatchObject({ status: 'completed', checkpoints: 2, progress: { percent: 100, epochs: 2 } });
    expect((await api('get', `/experiments/${experiment.id}/steps`).expect(200)).body.length).toBe(run.progress.totalSteps);

    expect(scores.epochs.map((e: { epoch: number }) => e.epoch)).toEqual([1, 2]);
    for (const epoch of scores.epochs) {
      const rows = epoch.scores.filter((s: { suite: string }) => s.suite === 'in-domain');
      expect(rows.map((s: { ability: string; split: string }) => `${s.ability}/${s.split}`).sort()).toEqual(['logical_reasoning/test', 'logical_reasoning/valid']);
      for (const s of rows) {
        expect(s.items).toBe(4);
        expect(s.score).toBeGreaterThanOrEqual(0);
        expect(s.score).toBeLessThanOrEqual(1);
        expect(s.expected).toBeCloseTo(0.25); // four options
      }
      expect(epoch.validationAverage).not.toBeNull();
    }
    const stored = await t.db.query(
      `SELECT e.epoch, s.ability, s.split, s.items FROM ability_scores s JOIN evaluations e ON e.id = s.evaluation_id
        WHERE e.experiment_id = $1 AND s.suite = 'in-domain' ORDER BY e.epoch, s.split`,
      [experiment.id],
    );
    expect(stored).toEqual([
      { epoch: 1, ability: 'logical_reasoning', split: 'test', items: 4 },
      { epoch: 1, ability: 'logical_reasoning', split: 'valid', items: 4 },
      { epoch: 2, ability: 'logical_reasoning', split: 'test', items: 4 },
      { epoch: 2, ability: 'logical_reasoning', split: 'valid', items: 4 },
    ]);
    const [{ answers }] = await t.db.query(
      `SELECT count(*)::int AS answers FROM evaluation_results r JOIN evaluations e ON e.id = r.evaluation_id WHERE e.experiment_id = $1`,
      [experiment.id],
    );
    expect(answers).toBe(16); // 8 items × 2 checkpoints, each answer kept
    console.log(`continuous training end to end: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 240_000);
});

