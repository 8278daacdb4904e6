import { existsSync, readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EvaluationsService } from '../../server/evaluations/evaluations.service';
import { createTestApp, type TestApp } from '../utils/test-app';
import { tinyModel } from '../utils/tiny-model';
import { until } from '../utils/until';
import { evaluationItems, seedEvaluationExperiment } from './evaluations-fixtures';

/**
 * A few seconds of CPU training: 160 short Chinese conversations, 40 optimizer steps per epoch — long enough that the
 * trainer, held when the worker takes epoch 1's `scored` event, cannot have reached epoch 2's checkpoint.
 */
const SMALL = { globalBatchSize: 4, microBatchSize: 4, maxLength: 64, learningRate: 1e-3, finalLearningRate: 1e-4, maxNewTokens: 6 };

interface Verdict {
  item_id: string;
  suite: string;
  ability: string;
  split: string;
  answer: string | null;
  parsed: string | null;
  score: number;
  expected: number;
  details: Record<string, unknown>;
}

/**
 * The torch run's checkpoints scored inside the training run, on the in-process worker's one CPU slot (training and
 * evaluate jobs share it): the trainer answers the evaluation's requests with the model in memory after each epoch and
 * the worker stores epoch N's scores at once, while epoch N+1 trains; the queued evaluate job later finds it done. A
 * missing or stale answers file falls back to the separate torch scorer, which gives the same verdicts.
 */
describe('scoring each checkpoint inside the training run', () => {
  let t: TestApp;
  let curator: string;
  let experimentId: string;
  let dir: string;
  const firstVerdicts = new Map<number, Verdict[]>();
  const api = (method: 'get' | 'post', url: string) => t.http[method](`/api${url}`).set('Authorization', `Bearer ${curator}`);

  const evaluation = async (epoch: number) =>
    (await t.db.query(`SELECT id, status, progress, finished_at AS "finishedAt", failure_reason AS "failureReason" FROM evaluations WHERE experiment_id = $1 AND epoch = $2`, [experimentId, epoch]))[0];
  const verdicts = (evaluationId: string): Promise<Verdict[]> =>
    t.db.query(`SELECT item_id, suite, ability, split, answer, parsed, score, expected, details FROM evaluation_results WHERE evaluation_id = $1 ORDER BY item_id`, [evaluationId]);
  const completed = (epoch: number) =>
    until(`epoch ${epoch}'s evaluation to finish`, async () => {
      const e = await evaluation(epoch);
      if (e?.status === 'failed') throw new Error(`evaluation of epoch ${epoch} failed: ${e.failureReason}`);
      return e?.status === 'completed' && e;
    });

  beforeAll(async () => {
    t = await createTestApp({ PACE_IN_PROCESS_TRAINING: 'true', PACE_WORKER_QUEUES: 'train,evaluate' });
    curator = await t.tokenFor('researcher');
    // one ability's validation and test items (every exact-match type and an open-ended item), and 160 train items
    const train = Array.from({ length: 160 }, (_, i) => ({
      ability: 'history',
      split: 'train' as 'valid',
      content: { messages: [{ role: 'user', content: `第${i + 1}题：唐朝的都城在哪里？` }, { role: 'assistant', content: '长安' }], questionFormat: 0 as const, answerType: 'cloze', gold: '长安', choices: null },
    }));
    const seed = await seedEvaluationExperiment(t.db, { modelPath: await tinyModel(), checkpoints: {}, items: [...evaluationItems(['history']), ...train] });
    const [{ baseModelId }] = await t.db.query(`SELECT base_model_id AS "baseModelId" FROM experiments WHERE id = $1`, [seed.experimentId]);
    const created = await api('post', '/experiments').send({ baseModelId, versionId: seed.versionId, seed: 3, hyperParams: { ...SMALL, epochs: 3, evalBackend: 'torch' } }).expect(201);
    experimentId = created.body.id;
  }, 120_000);
  afterAll(() => t?.close());

  it("epoch 1's scores are stored while the trainer is held before its next checkpoint; the queued evaluate job finds them done", async () => {
    [{ dir }] = await until('the run to start', () => t.db.query(`SELECT output_dir AS dir FROM experiments WHERE id = $1 AND output_dir IS NOT NULL`, [experimentId]).then((r) => r.length && r));
    const logPath = join(dir, 'train.log');
    // Hold the trainer the moment the worker takes epoch 1's `scored` event (before the evaluation it starts): the
    // trainer is then early in epoch 2. (Watching for epoch-2.tmp left a window of ~10 ms, the checkpoint's write.)
    let pid = 0;
    const evaluations = t.app.get(EvaluationsService);
    const scoreFromTrainerResults = evaluations.scoreFromTrainerResults.bind(evaluations);
    const held = new Promise<void>((resolve) => {
      vi.spyOn(evaluations, 'scoreFromTrainerResults').mockImplementation((evaluationId: string) => {
        if (!pid) {
          pid = Number(/trainer pid (\d+)/.exec(readFileSync(logPath, 'utf8'))![1]);
          process.kill(pid, 'SIGSTOP');
          resolve();
        }
        return scoreFromTrainerResults(evaluationId);
      });
    });
    await until('epoch 1 to be scored', () => held.then(() => true), 120_000);
    try {
      const first = await completed(1);
      // the trainer has not gone on: no second checkpoint, no done, the run still running, its process stopped
      const [run] = await t.db.query(`SELECT status, (SELECT count(*)::int FROM checkpoints c WHERE c.experiment_id = e.id) AS checkpoints FROM experiments e WHERE id = $1`, [experimentId]);
      expect(run).toEqual({ status: 'running', checkpoints: 1 });
      expect(existsSync(join(dir, 'epoch-2'))).toBe(false);
      // 10 generations, 2 open-ended items × 3 log-likelihoods, and (issue 13 item 2's L_i) the 5 exact-match test items' gold answers
      expect(first.progress).toMatchObject({ requestsDone: 21, requestsTotal: 21, itemsScored: 12 });
      const scores = await t.db.query(`SELECT ability, split, items FROM ability_scores WHERE evaluation_id = $1 AND suite = 'in-domain' ORDER BY split`, [first.id]);
      expect(scores).toEqual([{ ability: 'history', split: 'test', items: 6 }, { ability: 'history', split: 'valid', items: 6 }]);
      const api1 = (await api('get', `/experiments/${experimentId}/scores`).expect(200)).body;
      expect(api1.epochs.map((e: { epoch: number }) => e.epoch)).toEqual([1]);
      // the worker notes it in the log once the evaluation's promise settles, just after the evaluation is stored
      await until("the log to say epoch 1 was evaluated from the trainer's answers", async () =>
        /epoch 1 evaluated from the trainer's answers in \d+ ms/.test(await readFile(logPath, 'utf8')),
      );
      // still held: unstopped, it writes epoch 2's checkpoint in well under a second
      await new Promise((r) => setTimeout(r, 1000));
      expect(existsSync(join(dir, 'epoch-2'))).toBe(false);
    } finally {
      process.kill(pid, 'SIGCONT');
      vi.restoreAllMocks();
    }

    const done = await until('the run to finish', async () => {
      const [x] = await t.db.query(`SELECT status, failure_reason AS "failureReason" FROM experiments WHERE id = $1`, [experimentId]);
      return ['completed', 'failed', 'cancelled'].includes(x.status) && x;
    });
    expect(done).toEqual({ status: 'completed', failureReason: null });
    for (const epoch of [1, 2, 3]) {
      const e = await completed(epoch);
      firstVerdicts.set(epoch, await verdicts(e.id));
      const [header] = (await readFile(join(dir, `epoch-${epoch}`, 'eval-results.jsonl'), 'utf8')).split('\n');
      expect(JSON.parse(header)).toMatchObject({ requests: 21, epoch, device: 'cpu', precision: 'fp32' });
    }
    // the evaluate jobs queued with each checkpoint ran once the slot was free, and found their evaluations done
    const finishedAt = (await evaluation(1)).finishedAt.toISOString();
    await until('the queued evaluate jobs to be handled', async () => {
      const jobs = await t.db.query(`SELECT state FROM pgboss.job WHERE name = 'evaluate' AND data->>'experimentId' IS NULL AND data->>'evaluationId' IN (SELECT id::text FROM evaluations WHERE experiment_id = $1)`, [experimentId]);
      return jobs.length === 3 && jobs.every((j: { state: string }) => j.state === 'completed');
    });
    expect((await evaluation(1)).finishedAt.toISOString()).toBe(finishedAt);
    expect(firstVerdicts.get(1)).toHaveLength(12);
  }, 240_000);

  it('a missing or stale answers file falls back to the torch scorer, whose verdicts equal the trainer’s', async () => {
    // epoch 1: the file is gone; epoch 3: it answers other requests (and its answers were tampered with: unused)
    await rm(join(dir, 'epoch-1', 'eval-results.jsonl'));
    const file = join(dir, 'epoch-3', 'eval-results.jsonl');
    const [header, ...lines] = (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const tampered = lines.map((r) => ('text' in r ? { ...r, text: '篡改' } : { ...r, logprob: 0 }));
    await writeFile(file, [{ ...header, requestsSha256: '0'.repeat(64) }, ...tampered].map((l) => JSON.stringify(l) + '\n').join(''));

    for (const epoch of [1, 3]) {
      const rerun = await api('post', '/evaluations').send({ experimentId, epoch }).expect(201);
      expect(rerun.body.status).toBe('queued');
      const e = await completed(epoch);
      const again = await verdicts(e.id);
      const before = firstVerdicts.get(epoch)!;
      expect(again.map((v) => [v.item_id, v.answer, v.parsed, v.score, v.expected])).toEqual(before.map((v) => [v.item_id, v.answer, v.parsed, v.score, v.expected]));
      again.forEach((v, i) => expectClose(v.details, before[i].details, `epoch ${epoch} item ${v.item_id}`));
      expect(again.some((v) => v.answer === '篡改')).toBe(false);
    }
  }, 180_000);
});

/** Numbers within 1e-6 (the same weights through another process), everything else equal. */
function expectClose(a: unknown, b: unknown, where: string): void {
  if (typeof a === 'number' && typeof b === 'number') return void expect(Math.abs(a - b), where).toBeLessThan(1e-6);
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    expect(Object.keys(a).sort(), where).toEqual(Object.keys(b).sort());
    for (const k of Object.keys(a)) expectClose((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${where}.${k}`);
    return;
  }
  expect(a, where).toEqual(b);
}
