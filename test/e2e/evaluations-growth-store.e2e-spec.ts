import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summariseGroup } from '../../server/analysis/growth/growth-input';
import type { EvaluationView, ExperimentScoresView } from '../../server/evaluations/evaluation-views';
import { EvaluationsService } from '../../server/evaluations/evaluations.service';
import { ScoreSummariesBackfill } from '../../server/evaluations/score-summaries-backfill';
import type { ExperimentView } from '../../server/experiments/experiment-views';
import { exitOf, spawnTs } from '../utils/spawn-ts';
import { createTestApp, type TestApp } from '../utils/test-app';
import { tinyModel } from '../utils/tiny-model';
import { until } from '../utils/until';
import { seedEvaluationExperiment } from './evaluations-fixtures';

/**
 * What an evaluation stores for the growth analysis (issue 13 items 1–3 of the evaluation part): each ability score's
 * 95% interval (summariseGroup) and gold-answer loss as the torch scorer lands it on the tiny model, the backfill of
 * scores stored before, and the run's best-checkpoint threshold (hyperParams.bestFromEpoch).
 */
interface StoredScore {
  suite: string;
  ability: string;
  split: string;
  shots: number;
  items: number;
  score: number;
  ciLower: number | null;
  ciUpper: number | null;
  ciMethod: string | null;
  ciVariance: number | null;
  loss: number | null;
}

interface ResultRow {
  itemId: number;
  ability: string;
  split: string;
  score: number;
  details: Record<string, unknown>;
}

describe('evaluations: stored intervals, gold-answer loss and the best-checkpoint threshold', () => {
  let t: TestApp;
  let seed: Awaited<ReturnType<typeof seedEvaluationExperiment>>;
  let curator: string;
  let evaluation: EvaluationView;
  const api = (method: 'get' | 'post', url: string) => t.http[method](`/api${url}`).set('Authorization', `Bearer ${curator}`);

  const stored = (evaluationId: string): Promise<StoredScore[]> =>
    t.db.query(
      `SELECT suite, ability, split, shots, items, score, ci_lower AS "ciLower", ci_upper AS "ciUpper", ci_method AS "ciMethod", ci_variance AS "ciVariance", loss
         FROM ability_scores WHERE evaluation_id = $1 ORDER BY suite, ability, split, shots`,
      [evaluationId],
    );
  const results = (evaluationId: string): Promise<ResultRow[]> =>
    t.db.query(`SELECT item_id::int AS "itemId", ability, split, score, details FROM evaluation_results WHERE evaluation_id = $1 ORDER BY item_id`, [evaluationId]);

  beforeAll(async () => {
    const modelDir = await tinyModel({ chatTokens: true });
    t = await createTestApp({ PACE_IN_PROCESS_TRAINING: 'true' });
    // the default items: per ability (history, chinese) and split, five exact-match items and one open-ended one
    seed = await seedEvaluationExperiment(t.db, { modelPath: modelDir, checkpoints: { 1: modelDir } });
    curator = await t.tokenFor('researcher');
    evaluation = await t.app.get(EvaluationsService).enqueueCheckpoint({ experimentId: seed.experimentId, checkpointId: seed.checkpointIds[1], epoch: 1, backend: 'torch' });
    await until('the torch evaluation to finish', async () => {
      const [e] = await t.db.query(`SELECT status, failure_reason AS "failureReason" FROM evaluations WHERE id = $1`, [evaluation.id]);
      if (e.status === 'failed') throw new Error(`evaluation failed: ${e.failureReason}`);
      return e.status === 'completed';
    }, 180_000);
  }, 240_000);
  afterAll(() => t?.close());

  it("stores each group's mean and 95% interval exactly as summariseGroup computes them from the per-item results (item 1)", async () => {
    const rows = await results(evaluation.id);
    const scores = await stored(evaluation.id);
    expect(scores.map((s) => `${s.ability}/${s.split}/${s.items}`)).toEqual(['chinese/test/6', 'chinese/valid/6', 'history/test/6', 'history/valid/6']);
    for (const s of scores) {
      const summary = summariseGroup(rows.filter((r) => r.ability === s.ability && r.split === s.split).map((r) => r.score));
      // to the last bit: the columns are float8 (migration 1764014000000), the mean is summariseGroup's own
      expect({ mean: s.score, n: s.items, interval: { lower: s.ciLower, upper: s.ciUpper, method: s.ciMethod, variance: s.ciVariance } }).toEqual(summary);
      expect(s.ciMethod).toBe('wilson'); // every in-domain verdict is 0 or 1
    }
    const view: ExperimentScoresView = (await api('get', `/experiments/${seed.experimentId}/scores`).expect(200)).body;
    for (const s of view.epochs[0].scores) {
      const mine = scores.find((x) => x.ability === s.ability && x.split === s.split)!;
      expect(s.interval).toEqual({ lower: mine.ciLower, upper: mine.ciUpper, method: 'wilson', variance: mine.ciVariance });
    }
  });

  it('stores the gold answers’ per-token NLL per test item, exact-match and open-ended alike, and their mean per test group (item 2)', async () => {
    const rows = await results(evaluation.id);
    for (const [i, row] of rows.entries()) {
      const item = seed.items[i];
      const nll = row.details.goldNll;
      if (item.content.questionFormat === 1) {
        // open-ended: the gold answer's log-likelihood was asked anyway (on both splits)
        const logprobs = row.details.logprobs as { gold: number };
        const tokens = row.details.tokens as { gold: number };
        expect(nll, `item ${row.itemId}`).toBeCloseTo(-logprobs.gold / tokens.gold, 12);
      } else if (item.split === 'test') {
        // exact-match test items: one more request, the gold answer (byte-level tokens + <eot>)
        expect(row.details.goldTokens, `item ${row.itemId}`).toBe(Buffer.byteLength(item.content.gold!) + 1);
        expect(typeof nll === 'number' && nll > 0, `item ${row.itemId} goldNll ${nll}`).toBe(true);
      } else {
        expect(nll, `validation exact-match item ${row.itemId}`).toBeUndefined();
      }
    }
    for (const s of await stored(evaluation.id)) {
      if (s.split === 'valid') {
        expect(s.loss, `${s.ability}/valid: only its open-ended item was measured`).toBeNull();
        continue;
      }
      const mine = rows.filter((r) => r.ability === s.ability && r.split === 'test').map((r) => r.details.goldNll as number);
      expect(s.loss).toBeCloseTo(mine.reduce((a, b) => a + b, 0) / mine.length, 12);
    }
    // the plan: 20 generations, 4 open-ended items × 3 log-likelihoods, and the 10 exact-match test items' gold answers
    const [{ progress }] = await t.db.query(`SELECT progress FROM evaluations WHERE id = $1`, [evaluation.id]);
    expect(progress).toMatchObject({ requestsTotal: 42, requestsDone: 42 });
  });

  it('the backfill fills every score stored without an interval from its per-item results, is idempotent, resumes, and counts what it cannot fill (item 1)', async () => {
    const original = await stored(evaluation.id);
    // a second evaluation (epoch 2) with the same per-item results, and a third with scores but no per-item results
    // (entered by hand), all three stored before intervals were: no interval, no loss, float4 means
    const copies: string[] = [];
    for (const epoch of [2, 3]) {
      const [c] = await t.db.query(`INSERT INTO checkpoints (experiment_id, epoch, step, path) VALUES ($1, $2, 1, '/nonexistent') RETURNING id`, [seed.experimentId, epoch]);
      const [e] = await t.db.query(
        `INSERT INTO evaluations (experiment_id, checkpoint_id, epoch, backend, suites, status, finished_at) VALUES ($1, $2, $3, 'torch', '{in-domain}', 'completed', now()) RETURNING id`,
        [seed.experimentId, c.id, epoch],
      );
      if (epoch === 2) {
        await t.db.query(
          `INSERT INTO evaluation_results (evaluation_id, item_id, shots, suite, ability, split, answer, parsed, score, expected, details)
           SELECT $1, item_id, shots, suite, ability, split, answer, parsed, score, expected, details FROM evaluation_results WHERE evaluation_id = $2`,
          [e.id, evaluation.id],
        );
      }
      await t.db.query(
        `INSERT INTO ability_scores (evaluation_id, suite, ability, split, shots, items, score, expected)
         SELECT $1, suite, ability, split, shots, items, score::real, expected FROM ability_scores WHERE evaluation_id = $2`,
        [e.id, evaluation.id],
      );
      copies.push(e.id);
    }
    await t.db.query(`UPDATE ability_scores SET ci_lower = NULL, ci_upper = NULL, ci_method = NULL, ci_variance = NULL, loss = NULL, score = score::real WHERE evaluation_id = $1`, [evaluation.id]);

    // stopped after the first evaluation it fills; a second run goes on from there
    const backfill = t.app.get(ScoreSummariesBackfill);
    const stop = new AbortController();
    const first = await backfill.run({ signal: stop.signal, onProgress: (p) => p.evaluations === 1 && stop.abort() });
    expect(first).toMatchObject({ total: 12, evaluations: 1 });
    const second = await backfill.run();
    // the scores with no per-item results stay NULL, so a resumed run counts and meets them again, whichever
    // evaluation (their UUIDs order the pages) the first run happened to read
    expect(second.total).toBe(12 - first.filled);
    expect(first.filled + second.filled).toBe(8);
    expect(second.unfilled).toBe(4);
    // both evaluations with per-item results now hold exactly what the evaluation stored as it landed
    const withLoss = original.map((s) => ({ ...s }));
    expect(await stored(evaluation.id)).toEqual(withLoss);
    expect(await stored(copies[0])).toEqual(withLoss);
    expect((await stored(copies[1])).every((s) => s.ciLower === null)).toBe(true);

    // idempotent: nothing left to fill but the four hand-entered scores, and nothing changes
    const again = await backfill.run();
    expect(again).toMatchObject({ total: 4, filled: 0, unfilled: 4, evaluations: 1 });
    expect(await stored(evaluation.id)).toEqual(withLoss);

    // the CLI: a progress bar, the counts, exit 1 because four scores have nothing to summarise
    await t.db.query(`UPDATE ability_scores SET ci_lower = NULL, ci_upper = NULL, ci_method = NULL, ci_variance = NULL WHERE evaluation_id = $1`, [copies[0]]);
    const child = spawnTs('server/cli/main.ts', ['growth', 'backfill'], { DATABASE_URL: t.databaseUrl, PACE_DATA_DIR: t.dataDir });
    const code = await exitOf(child);
    expect(child.output()).toMatch(/█+.* 100% \| 8\/8 scores \| 4 summarised, 4 without per-item results \| 2 evaluations/);
    expect(child.output()).toMatch(/4 of 8 ability scores summarised over 2 evaluations; 4 left without an interval: their evaluation has no per-item results for them/);
    expect(code).toBe(1);
    expect(await stored(copies[0])).toEqual(withLoss);
    await t.db.query(`DELETE FROM evaluations WHERE id = ANY($1::uuid[])`, [copies]);
    await t.db.query(`DELETE FROM checkpoints WHERE experiment_id = $1 AND epoch IN (2, 3)`, [seed.experimentId]);
  }, 120_000);

  it('chooses the reported checkpoint from the run’s hyperParams.bestFromEpoch, 5 when the run predates it (item 3)', async () => {
    // epochs 2–6 scored by hand: validation peaks at 3 (early) and, among epochs ≥ 5, at 6
    const byEpoch: Record<number, [number, number]> = { 2: [0.5, 0.5], 3: [1, 0.2], 4: [0.6, 0.6], 5: [0.4, 0.8], 6: [0.7, 0.3] };
    for (const [epoch, [valid, test]] of Object.entries(byEpoch)) {
      const [c] = await t.db.query(`INSERT INTO checkpoints (experiment_id, epoch, step, path) VALUES ($1, $2, 1, '/nonexistent') RETURNING id`, [seed.experimentId, epoch]);
      const [e] = await t.db.query(
        `INSERT INTO evaluations (experiment_id, checkpoint_id, epoch, backend, suites, status, finished_at) VALUES ($1, $2, $3, 'torch', '{in-domain}', 'completed', now()) RETURNING id`,
        [seed.experimentId, c.id, epoch],
      );
      await t.db.query(
        `INSERT INTO ability_scores (evaluation_id, suite, ability, split, shots, items, score, expected)
         VALUES ($1, 'in-domain', 'history', 'valid', 0, 6, $2, 0.2), ($1, 'in-domain', 'history', 'test', 0, 6, $3, 0.2)`,
        [e.id, valid, test],
      );
    }
    const best = async () => {
      const scores: ExperimentScoresView = (await api('get', `/experiments/${seed.experimentId}/scores`).expect(200)).body;
      const listed: ExperimentView[] = (await api('get', `/experiments?filter=${encodeURIComponent(JSON.stringify({ versionId: seed.versionId }))}`).expect(200)).body;
      const mine = listed.find((x) => x.id === seed.experimentId)!;
      expect(mine.best, 'the experiments list and the scores view agree').toEqual(scores.best);
      return scores.best?.epoch;
    };
    const setFrom = (value: number | null) =>
      t.db.query(`UPDATE experiments SET hyper_params = CASE WHEN $2::int IS NULL THEN hyper_params - 'bestFromEpoch' ELSE jsonb_set(hyper_params, '{bestFromEpoch}', to_jsonb($2::int)) END WHERE id = $1`, [
        seed.experimentId,
        value,
      ]);
    await setFrom(null); // a run from before the setting: DoIT's 5
    expect(await best()).toBe(6);
    await setFrom(2);
    expect(await best()).toBe(3);
    await setFrom(4);
    expect(await best()).toBe(6);
    await setFrom(0);
    expect(await best()).toBe(3);

    // new runs get DoIT's 5 unless they say otherwise; a bad value is refused, naming the field
    const [{ baseModelId }] = await t.db.query(`SELECT base_model_id AS "baseModelId" FROM experiments WHERE id = $1`, [seed.experimentId]);
    const refused = await api('post', '/experiments').send({ baseModelId, versionId: seed.versionId, hyperParams: { bestFromEpoch: -1 } }).expect(400);
    expect(refused.body.message).toBe('hyperParams.bestFromEpoch: must be at least 0');
    await api('post', '/experiments').send({ baseModelId, versionId: seed.versionId, hyperParams: { bestFromEpoch: 1.5 } }).expect(400, /hyperParams\.bestFromEpoch: must be an integer/);
  });
});
