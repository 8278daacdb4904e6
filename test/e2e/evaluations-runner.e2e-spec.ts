import { cp, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentScoresView, EvaluationView, ItemAnswerView, ItemResultView } from '../../server/evaluations/evaluation-views';
import { EvaluationsService } from '../../server/evaluations/evaluations.service';
import { JobRunnerService } from '../../workers/job-runner.service';
import { createTestApp, type TestApp } from '../utils/test-app';
import { tinyModel } from '../utils/tiny-model';
import { seedCmmluItems, seedEvaluationExperiment } from './evaluations-fixtures';

/**
 * The evaluation job end to end on the tiny random model: a frozen version of Chinese exact-match items (every answer
 * type) and open-ended items with distractors, scored by the real torch scorer (epoch 1) and by the ONNX back-end after
 * exporting the checkpoint (epoch 2, cancelled between chunks and resumed); results and scores in the database and the API.
 */
const EXPECTED: Record<string, number> = { single_choice: 1 / 4, multi_choice: 1 / 6, true_false: 1 / 2, cloze: 0, math: 0, open: 1 / 3 };
const HOLD_LOCK = 731_001;

interface ResultRow {
  item_id: string;
  suite: string;
  ability: string;
  split: string;
  shots: number;
  answer: string | null;
  parsed: string | null;
  score: number;
  expected: number;
  details: Record<string, unknown>;
}

describe('evaluations: the runner and its API', () => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedEvaluationExperiment>>;
  let curator: string;
  let annotator: string;
  let secondCheckpoint: string;
  let torchEvaluation: EvaluationView;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    const modelDir = await tinyModel({ chatTokens: true });
    // epoch 2's checkpoint is a folder of its own: its ONNX export is written inside it
    secondCheckpoint = await mkdtemp(join(tmpdir(), 'pace-eval-ckpt-'));
    await cp(modelDir, secondCheckpoint, { recursive: true });
    t = await createTestApp({ PACE_IN_PROCESS_TRAINING: 'true' });
    seed = await seedEvaluationExperiment(t.db, { modelPath: modelDir, checkpoints: { 1: modelDir, 2: secondCheckpoint } });
    curator = await t.tokenFor('researcher');
    annotator = await t.tokenFor('annotator');
  }, 240_000);

  afterAll(async () => {
    delete process.env.PACE_EVAL_CHUNK_ITEMS;
    await t?.close();
    if (secondCheckpoint) await rm(secondCheckpoint, { recursive: true, force: true });
  });

  async function waitFor(id: string, statuses: string[], timeoutMs = 180_000): Promise<EvaluationView> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const res = await t.http.get(`/api/evaluations/${id}`).set(auth(curator)).expect(200);
      if (statuses.includes(res.body.status)) return res.body;
      if (Date.now() > until) throw new Error(`evaluation ${id} still ${res.body.status} after ${timeoutMs} ms: ${JSON.stringify(res.body)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const results = (id: string): Promise<ResultRow[]> =>
    t.db.query(`SELECT item_id, suite, ability, split, shots, answer, parsed, score, expected, details FROM evaluation_results WHERE evaluation_id = $1 ORDER BY item_id`, [id]);

  it('scores every validation and test item of the frozen version with the torch scorer, once per checkpoint', async () => {
    const service = t.app.get(EvaluationsService);
    const enqueue = { experimentId: seed.experimentId, checkpointId: seed.checkpointIds[1], epoch: 1, backend: 'torch' as const };
    torchEvaluation = await service.enqueueCheckpoint(enqueue);
    expect((await service.enqueueCheckpoint(enqueue)).id).toBe(torchEvaluation.id);
    const done = await waitFor(torchEvaluation.id, ['completed', 'failed']);
    expect(done.failureReason).toBeNull();
    expect(done.status).toBe('completed');
    expect(done.progress).toMatchObject({ percent: 100 });
    expect(done.progress.requestsDone).toBe(done.progress.requestsTotal);

    const rows = await results(torchEvaluation.id);
    expect(rows.map((r) => Number(r.item_id))).toEqual(seed.itemIds);
    for (const [i, row] of rows.entries()) {
      const item = seed.items[i];
      expect(row).toMatchObject({ suite: 'in-domain', ability: item.ability, split: item.split, shots: 0 });
      expect(row.expected).toBeCloseTo(EXPECTED[item.content.answerType], 6);
      expect([0, 1]).toContain(row.score);
      if (item.content.questionFormat === 1) {
        const ppl = row.details.perplexities as Record<string, number>;
        expect(Object.keys(ppl).sort()).toEqual(['coarse', 'fine', 'gold']);
        expect(Object.values(ppl).every((p) => Number.isFinite(p) && p > 1)).toBe(true);
        const lowest = (['gold', 'fine', 'coarse'] as const).reduce((a, b) => (ppl[b] < ppl[a] ? b : a));
        expect(row.parsed).toBe(lowest);
        expect(row.score).toBe(lowest === 'gold' ? 1 : 0);
      } else {
        expect(typeof row.answer).toBe('string');
        if (item.content.answerType === 'single_choice') {
          expect(Object.keys(row.details.candidateLogprobs as object).sort()).toEqual(['A', 'B', 'C', 'D']);
          expect(row.score).toBe(row.parsed === 'B' ? 1 : 0);
        }
      }
    }

    // per ability × split: the mean of the stored verdicts
    const scores: Array<{ ability: string; split: string; items: number; score: number; expected: number }> = await t.db.query(
      `SELECT ability, split, items, score, expected FROM ability_scores WHERE evaluation_id = $1 AND suite = 'in-domain' AND shots = 0 ORDER BY ability, split`,
      [torchEvaluation.id],
    );
    expect(scores.map((s) => `${s.ability}/${s.split}/${s.items}`)).toEqual(['chinese/test/6', 'chinese/valid/6', 'history/test/6', 'history/valid/6']);
    for (const s of scores) {
      const mine = rows.filter((r) => r.ability === s.ability && r.split === s.split);
      expect(s.score).toBeCloseTo(mine.reduce((a, r) => a + r.score, 0) / mine.length, 6);
      expect(s.expected).toBeCloseTo((1 / 4 + 1 / 6 + 1 / 2 + 1 / 3) / 6, 6);
    }

    const api: ExperimentScoresView = (await t.http.get(`/api/experiments/${seed.experimentId}/scores`).set(auth(curator)).expect(200)).body;
    expect(api.epochs.map((e) => [e.epoch, e.evaluationId, e.backend])).toEqual([[1, torchEvaluation.id, 'torch']]);
    const valid = scores.filter((s) => s.split === 'valid');
    expect(api.epochs[0].validationAverage).toBeCloseTo((valid[0].score + valid[1].score) / 2, 6);
    expect(api.epochs[0].scores).toHaveLength(4);
    expect(api.best).toBeNull();
  }, 240_000);

  it('pages per-item results with filters, and shows every checkpoint answer of an item', async () => {
    const page = await t.http.get(`/api/evaluations/${torchEvaluation.id}/results`).query({ split: 'valid', ability: 'history', range: '[0,3]' }).set(auth(curator)).expect(200);
    expect(page.headers['content-range']).toBe('results 0-3/6');
    const body = page.body as ItemResultView[];
    expect(body).toHaveLength(4);
    expect(body.every((r) => r.split === 'valid' && r.ability === 'history')).toBe(true);
    await t.http.get(`/api/evaluations/${torchEvaluation.id}/results`).query({ shots: 'x' }).set(auth(curator)).expect(400, /shots: must be a whole number/);
    await t.http.get(`/api/evaluations/${torchEvaluation.id}/results`).query({ split: 'train' }).set(auth(curator)).expect(400, /split: must be one of valid, test/);

    const itemId = seed.itemIds[0];
    const [stored] = (await results(torchEvaluation.id)).filter((r) => Number(r.item_id) === itemId);
    const answers: ItemAnswerView[] = (await t.http.get(`/api/items/${itemId}/model-answers`).set(auth(curator)).expect(200)).body;
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ itemId, evaluationId: torchEvaluation.id, experimentId: seed.experimentId, epoch: 1, backend: 'torch', answer: stored.answer, parsed: stored.parsed });
    expect(answers[0].experimentName).toMatch(/^评测实验-/);

    const list: EvaluationView[] = (await t.http.get(`/api/experiments/${seed.experimentId}/evaluations`).set(auth(curator)).expect(200)).body;
    expect(list.map((e) => e.id)).toEqual([torchEvaluation.id]);

    for (const path of [`/api/experiments/${seed.experimentId}/scores`, `/api/evaluations/${torchEvaluation.id}/results`, `/api/items/${itemId}/model-answers`, `/api/evaluations/${torchEvaluation.id}`]) {
      await t.http.get(path).set(auth(annotator)).expect(403);
    }
    await t.http.post('/api/evaluations').set(auth(annotator)).send({ experimentId: seed.experimentId, epoch: 1 }).expect(403);
  });

  it('exports the checkpoint to ONNX once, is cancelled between chunks, and resumes without asking again for stored items', async () => {
    process.env.PACE_EVAL_CHUNK_ITEMS = '4';
    process.env.PACE_EVAL_HEARTBEAT_MS = '200';
    // hold the run when it stores its second chunk: a trigger waits on an advisory lock this test holds
    await t.db.query(`
      CREATE FUNCTION test_hold_second_chunk() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        IF (SELECT count(*) FROM evaluation_results WHERE evaluation_id = NEW.evaluation_id) >= 4 THEN
          PERFORM pg_advisory_lock_shared(${HOLD_LOCK}); PERFORM pg_advisory_unlock_shared(${HOLD_LOCK});
        END IF;
        RETURN NEW;
      END $$`);
    await t.db.query(`CREATE TRIGGER test_hold_second_chunk BEFORE INSERT ON evaluation_results FOR EACH ROW EXECUTE FUNCTION test_hold_second_chunk()`);
    const hold: QueryRunner = t.db.createQueryRunner();
    await hold.connect();
    try {
      await hold.query(`SELECT pg_advisory_lock(${HOLD_LOCK})`);
      const created: EvaluationView = (await t.http.post('/api/evaluations').set(auth(curator)).send({ experimentId: seed.experimentId, epoch: 2, backend: 'onnx' }).expect(201)).body;
      expect(created).toMatchObject({ epoch: 2, backend: 'onnx', suites: ['in-domain'] });
      const until = Date.now() + 180_000;
      while (!(await t.db.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = ${HOLD_LOCK} AND NOT granted`)).length) {
        if (Date.now() > until) throw new Error(`the run never reached its second chunk: ${JSON.stringify((await t.http.get(`/api/evaluations/${created.id}`).set(auth(curator))).body)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await results(created.id)).toHaveLength(4);
      // A held run is alive: its heartbeat keeps the stale sweep off it. Without one, a step longer than the sweep's
      // limit (the ONNX export took over a minute on a busy machine) put the running evaluation back to 'queued', and
      // this cancel then ended it as if it had never started ('cancelled', not 'cancelling').
      await new Promise((r) => setTimeout(r, 3000));
      expect((await t.app.get(JobRunnerService).requeueStale(2)).evaluations).toEqual([]);
      const cancelling = await t.http.post(`/api/evaluations/${created.id}/cancel`).set(auth(curator)).expect(200);
      expect(cancelling.body.status).toBe('cancelling');
      await hold.query(`SELECT pg_advisory_unlock(${HOLD_LOCK})`);
      const cancelled = await waitFor(created.id, ['cancelled', 'failed', 'completed']);
      expect(cancelled.status).toBe('cancelled');
      expect(await results(created.id)).toHaveLength(8);
      const [checkpoint] = await t.db.query(`SELECT onnx_path FROM checkpoints WHERE id = $1`, [seed.checkpointIds[2]]);
      expect(checkpoint.onnx_path).toBe(join(secondCheckpoint, 'onnx'));
      expect(existsSync(join(checkpoint.onnx_path, 'model.onnx'))).toBe(true);
      await t.http.post(`/api/evaluations/${created.id}/cancel`).set(auth(curator)).expect(409, /not queued or running/);

      await t.http.post(`/api/evaluations/${created.id}/resume`).set(auth(curator)).expect(200);
      const resumed = await waitFor(created.id, ['completed', 'failed', 'cancelled']);
      expect(resumed.failureReason).toBeNull();
      expect(resumed.status).toBe('completed');
      const [row] = await t.db.query(`SELECT progress FROM evaluations WHERE id = $1`, [created.id]);
      expect(row.progress).toMatchObject({ itemsKept: 8, itemsScored: 24 });
      const onnxRows = await results(created.id);
      expect(onnxRows).toHaveLength(24);

      // the same weights through ONNX and torch: the open-ended items' log-likelihoods agree
      const torchRows = new Map((await results(torchEvaluation.id)).map((r) => [r.item_id, r]));
      for (const r of onnxRows.filter((x) => x.details.via === 'perplexity')) {
        const other = torchRows.get(r.item_id)!;
        const [a, b] = [r.details.logprobs, other.details.logprobs] as Array<Record<string, number>>;
        for (const k of ['gold', 'fine', 'coarse']) expect(Math.abs(a[k] - b[k])).toBeLessThan(1e-2);
        expect(r.details.tokens).toEqual(other.details.tokens);
      }
      const scores: ExperimentScoresView = (await t.http.get(`/api/experiments/${seed.experimentId}/scores`).set(auth(curator)).expect(200)).body;
      expect(scores.epochs.map((e) => [e.epoch, e.backend])).toEqual([[1, 'torch'], [2, 'onnx']]);
      const answers: ItemAnswerView[] = (await t.http.get(`/api/items/${seed.itemIds[5]}/model-answers`).set(auth(curator)).expect(200)).body;
      expect(answers.map((a) => a.epoch)).toEqual([2, 1]);
    } finally {
      await hold.query(`SELECT pg_advisory_unlock_all()`).catch(() => undefined);
      await hold.release();
      await t.db.query(`DROP TRIGGER IF EXISTS test_hold_second_chunk ON evaluation_results`);
      await t.db.query(`DROP FUNCTION IF EXISTS test_hold_second_chunk()`);
      delete process.env.PACE_EVAL_CHUNK_ITEMS;
      delete process.env.PACE_EVAL_HEARTBEAT_MS;
    }
  }, 300_000);

  it('scores the experiment\'s benchmarks 0- and 5-shot beside the in-domain abilities', async () => {
    const cmmlu = await seedCmmluItems(t.db, 8);
    // epoch 2's folder already holds its ONNX export: this checkpoint reuses it
    const other = await seedEvaluationExperiment(t.db, {
      modelPath: secondCheckpoint,
      checkpoints: { 1: secondCheckpoint },
      hyperParams: { evalBackend: 'onnx', benchmarks: ['cmmlu'] },
      items: seed.items.slice(0, 6),
    });
    const created = await t.app.get(EvaluationsService).enqueueCheckpoint({ experimentId: other.experimentId, checkpointId: other.checkpointIds[1], epoch: 1 });
    expect(created).toMatchObject({ backend: 'onnx', suites: ['in-domain', 'cmmlu'] });
    const done = await waitFor(created.id, ['completed', 'failed']);
    expect(done.failureReason).toBeNull();
    const rows = await results(created.id);
    const bench = rows.filter((r) => r.suite === 'cmmlu');
    // the first five of the subset are the 5-shot exemplars, held out in both settings
    expect(bench.map((r) => `${r.shots}:${r.item_id}`).sort()).toEqual([0, 5].flatMap((shots) => cmmlu.slice(5).map((id) => `${shots}:${id}`)).sort());
    for (const r of bench) {
      expect(Object.keys(r.details.optionLogprobs as object).sort()).toEqual(['A', 'B', 'C', 'D']);
      expect(r.score).toBe(r.parsed === 'A' ? 1 : 0);
    }
    const scores: ExperimentScoresView = (await t.http.get(`/api/experiments/${other.experimentId}/scores`).set(auth(curator)).expect(200)).body;
    const benchScores = scores.epochs[0].scores.filter((s) => s.suite === 'cmmlu');
    expect(benchScores.map((s) => [s.ability, s.split, s.shots, s.items])).toEqual([['chinese_history', 'test', 0, 3], ['chinese_history', 'test', 5, 3]]);
    expect(scores.epochs[0].validationAverage).not.toBeNull();
  }, 120_000);

  it('picks the best checkpoint at epoch ≥ 5 by validation average, and keeps a clear reason when a checkpoint is missing', async () => {
    // epochs 5 and 6 scored by hand: 6 has the higher validation average, 5 the higher test average
    for (const [epoch, valid, test] of [[5, 0.4, 0.9], [6, 0.7, 0.5]]) {
      const [c] = await t.db.query(`INSERT INTO checkpoints (experiment_id, epoch, step, path) VALUES ($1, $2, 1, $3) RETURNING id`, [seed.experimentId, epoch, `/nonexistent/epoch-${epoch}`]);
      const [e] = await t.db.query(
        `INSERT INTO evaluations (experiment_id, checkpoint_id, epoch, backend, suites, status, finished_at) VALUES ($1, $2, $3, 'torch', '{in-domain}', 'completed', now()) RETURNING id`,
        [seed.experimentId, c.id, epoch],
      );
      await t.db.query(
        `INSERT INTO ability_scores (evaluation_id, suite, ability, split, shots, items, score, expected)
         VALUES ($1, 'in-domain', 'history', 'valid', 0, 6, $2, 0.2), ($1, 'in-domain', 'chinese', 'valid', 0, 6, $2, 0.2),
                ($1, 'in-domain', 'history', 'test', 0, 6, $3, 0.2), ($1, 'in-domain', 'chinese', 'test', 0, 6, $3, 0.2)`,
        [e.id, valid, test],
      );
    }
    const scores: ExperimentScoresView = (await t.http.get(`/api/experiments/${seed.experimentId}/scores`).set(auth(curator)).expect(200)).body;
    const epochs = scores.epochs.map((e) => e.epoch);
    expect(epochs.slice(-2)).toEqual([5, 6]);
    expect(scores.best?.epoch).toBe(6);
    expect(scores.best?.validation).toBeCloseTo(0.7, 6);
    expect(scores.best?.test).toBeCloseTo(0.5, 6);

    await t.http.post('/api/evaluations').set(auth(curator)).send({ experimentId: seed.experimentId, epoch: 9 }).expect(404, /no checkpoint for epoch 9/);
    await t.http.post('/api/evaluations').set(auth(curator)).send({ experimentId: seed.experimentId, epoch: 1, backend: 'gpu' }).expect(400, /backend: must be one of/);
    // re-running epoch 5 clears its scores and fails, naming the missing folder
    const rerun: EvaluationView = (await t.http.post('/api/evaluations').set(auth(curator)).send({ experimentId: seed.experimentId, epoch: 5 }).expect(201)).body;
    const failed = await waitFor(rerun.id, ['failed', 'completed']);
    expect(failed.status).toBe('failed');
    expect(failed.failureReason).toContain('/nonexistent/epoch-5 does not exist');
    const after: ExperimentScoresView = (await t.http.get(`/api/experiments/${seed.experimentId}/scores`).set(auth(curator)).expect(200)).body;
    expect(after.epochs.map((e) => e.epoch)).toEqual(epochs.filter((e) => e !== 5));
  }, 60_000);
});
