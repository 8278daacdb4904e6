/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExperimentEvents } from '../../server/experiments/experiment-events';
import type { HyperParams } from '../../server/experiments/experiment-views';
import { ExperimentsService } from '../../server/experiments/experiments.service';
import { DEFAULT_HYPER_PARAMS } from '../../server/experiments/hyper-params';
import { startBrowserApp, type BrowserApp } from './harness';

const HYPER_PARAMS: HyperParams = { ...DEFAULT_HYPER_PARAMS, epochs: 6, benchmarks: ['cmmlu'] };

/** Epoch n's in-domain scores (history, valid/test) and CMMLU 0-shot on one subset. */
const SCORES: Record<number, { valid: number; test: number; cmmlu: number }> = {
  4: { valid: 0.4, test: 0.3, cmmlu: 0.25 },
  5: { valid: 0.6, test: 0.55, cmmlu: 0.3 },
  6: { valid: 0.5, test: 0.5, cmmlu: 0.35 },
};

async function rowCells(page: Page, table: string, header: string): Promise<string[]> {
  const row = page.getByRole('table', { name: table, exact: true }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: header, exact: true }) });
  return (await row.getByRole('cell').allTextContents()).map((s) => s.trim());
}

describe('experiment page, live (browser)', () => {
  let b: BrowserApp;
  let id: string;
  let history: string;
  let epoch5: string;

  beforeAll(async () => {
    b = await startBrowserApp();
    [{ history }] = await b.db.query(`SELECT name_en AS history FROM abilities WHERE key = 'history'`);
    const [{ id: modelId }] = await b.db.query(`INSERT INTO base_models (name, path, parameters) VALUES ('tiny-llama', '/models/tiny-llama', 135000000) RETURNING id`);
    const [{ id: versionId }] = await b.db.query(
      `INSERT INTO dataset_versions (name, split_config, decontamination, status, item_count, content_hash, frozen_at)
       VALUES ('v1', '{}', '{}', 'frozen', 40, repeat('a', 64), now()) RETURNING id`,
    );
    [{ id }] = await b.db.query(
      `INSERT INTO experiments (name, base_model_id, version_id, hyper_params, seed, status, progress, worker, attempts, started_at)
       VALUES ('tiny × v1 × 历史', $1, $2, $3, 42, 'running', $4, 'cpu-worker-1', 1, now()) RETURNING id`,
      [modelId, versionId, JSON.stringify(HYPER_PARAMS), JSON.stringify({ epoch: 6, epochs: 6, step: 3, totalSteps: 10, loss: 1, lr: 1e-5, tokensPerSecond: 1500, etaSeconds: 70 })],
    );
    for (let step = 1; step <= 3; step++) {
      await b.db.query(`INSERT INTO training_steps (experiment_id, step, epoch, loss, lr, tokens_per_second) VALUES ($1, $2, $3, $4, 1e-5, 1500)`, [id, step, step / 2, 3 / step]);
    }
    for (const [epoch, s] of Object.entries(SCORES)) {
      const [{ id: checkpointId }] = await b.db.query(`INSERT INTO checkpoints (experiment_id, epoch, step, path) VALUES ($1, $2, $3, $4) RETURNING id`, [id, epoch, Number(epoch) * 2, `/runs/${id}/epoch-${epoch}`]);
      const [{ id: evaluationId }] = await b.db.query(
        `INSERT INTO evaluations (experiment_id, checkpoint_id, epoch, backend, suites, status, progress, started_at, finished_at)
         VALUES ($1, $2, $3, 'torch', '{in-domain,cmmlu,ceval,ifeval}', 'completed', '{"requestsDone": 120, "requestsTotal": 120}', now(), now()) RETURNING id`,
        [id, checkpointId, epoch],
      );
      if (epoch === '5') epoch5 = evaluationId;
      await b.db.query(
        `INSERT INTO ability_scores (evaluation_id, suite, ability, split, shots, items, score, expected) VALUES
           ($1, 'in-domain', 'history', 'valid', 0, 20, $2, 0.25), ($1, 'in-domain', 'history', 'test', 0, 20, $3, 0.25),
           ($1, 'cmmlu', 'chinese_history', 'test', 0, 40, $4, 0.25),
           ($1, 'ceval', 'logic', 'test', 0, 40, $4 + 0.1, 0.25), ($1, 'ceval', 'logic', 'test', 5, 40, $4 + 0.2, 0.25),
           ($1, 'ifeval', 'prompt_strict', 'test', 0, 4, 0.25, 0), ($1, 'ifeval', 'prompt_loose', 'test', 0, 4, 0.5, 0),
           ($1, 'ifeval', 'instruction_strict', 'test', 0, 7, 0.5714, 0), ($1, 'ifeval', 'instruction_loose', 'test', 0, 7, 0.7143, 0)`,
        [evaluationId, s.valid, s.test, s.cmmlu],
      );
    }
  });
  afterAll(() => b?.close());

  it('shows the loss curve and the per-ability score table, and receives a live training step', async () => {
    const page = await b.newPage({ viewport: { width: 1440, height: 900 } });
    await b.login(page, b.people.researcher);
    await page.goto('/experiments');
    const row = page.getByTestId(`experiment-${id}`);
    await row.getByText('Running').waitFor();
    expect(await row.innerText()).toContain('epoch 5: validation 60.0%, test 55.0%');
    await row.click();

    await page.getByRole('heading', { level: 1, name: 'tiny × v1 × 历史' }).waitFor();
    await page.getByRole('figure', { name: '3 steps, last step 3: loss 1' }).waitFor();
    await expect.poll(() => page.locator('.recharts-line-dot').count()).toBe(3);
    const scores = 'Scores per ability and epoch';
    await page.getByRole('table', { name: scores }).waitFor();
    expect((await page.getByRole('table', { name: scores }).getByRole('columnheader').allTextContents()).map((s) => s.trim())).toEqual([
      'Ability',
      'Expected',
      'Epoch 4',
      'Epoch 5 (best)',
      'Epoch 6',
    ]);
    expect(await rowCells(page, scores, history)).toEqual(['25.0 / 25.0', '40.0 / 30.0', '60.0 / 55.0', '50.0 / 50.0']);
    expect(await rowCells(page, scores, 'CMMLU 0-shot')).toEqual(['25.0', '25.0', '30.0', '35.0']);
    // issue 15 items 7 and 8: an out-of-domain subject on its own rows, IFEval as its four metrics (no random-guess baseline)
    expect(await rowCells(page, scores, 'C-Eval · logic 5-shot')).toEqual(['25.0', '45.0', '50.0', '55.0']);
    expect(await rowCells(page, scores, 'IFEval prompt-level strict')).toEqual(['—', '25.0', '25.0', '25.0']);
    expect(await rowCells(page, scores, 'IFEval instruction-level loose')).toEqual(['—', '71.4', '71.4', '71.4']);
    expect(await page.getByTestId('best-checkpoint').innerText()).toContain('epoch 5, validation 60.0%, test 55.0%');
    await b.shot(page, 'experiment-before-step');

    // the worker records step 4 and publishes it with the run's progress, through the app's own event path
    await b.db.query(`INSERT INTO training_steps (experiment_id, step, epoch, loss, lr, tokens_per_second) VALUES ($1, 4, 2, 0.75, 1e-5, 1600)`, [id]);
    await b.db.query(`UPDATE experiments SET progress = progress || '{"step": 4, "loss": 0.75, "tokensPerSecond": 1600, "etaSeconds": 45}' WHERE id = $1`, [id]);
    const events = b.t.app.get(ExperimentEvents);
    const [step4] = (await b.as(b.people.researcher).get(`/api/experiments/${id}/steps?after=3`).expect(200)).body;
    await events.steps(id, [step4]);
    await events.progress(await b.t.app.get(ExperimentsService).get(id));

    await page.getByRole('figure', { name: '4 steps, last step 4: loss 0.75' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('.recharts-line-dot').count()).toBe(4);
    await page.getByText('step 4/10 · loss 0.75 · 1,600 tokens/s · 45 s left', { exact: false }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('progressbar', { name: 'Training progress' }).first().getAttribute('aria-valuenow')).toBe('40');
    await b.shot(page, 'experiment-after-step');
  });

  it('opens an evaluation and lists what the checkpoint answered item by item, filtered by split', async () => {
    const [valid, test] = await b.seedItems({ count: 2, ability: 'history' });
    await b.db.query(
      `INSERT INTO evaluation_results (evaluation_id, item_id, shots, suite, ability, split, answer, parsed, score, expected, details) VALUES
         ($1, $2, 0, 'in-domain', 'history', 'valid', '秦始皇统一了文字。答案是 B', 'B', 1, 0.25, '{"via": "text"}'),
         ($1, $3, 0, 'in-domain', 'history', 'test', '汉武帝。答案是 C', 'C', 0, 0.25, '{"via": "text"}')`,
      [epoch5, valid, test],
    );
    const page = await b.newPage({ viewport: { width: 1440, height: 900 } });
    await b.login(page, b.people.researcher);
    await page.goto(`/experiments/${id}`);
    await page.getByTestId(`evaluation-${epoch5}`).getByRole('link', { name: 'Results of epoch 5 (torch)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Results of epoch 5 (torch)' }).waitFor();
    const table = page.getByRole('table', { name: 'Results per item' });
    await table.getByText('秦始皇统一了文字。答案是 B').waitFor();
    expect(await table.getByRole('row').count()).toBe(3);
    expect(await table.getByRole('link', { name: `#${test}` }).getAttribute('href')).toBe(`/items/${test}/show`);
    await page.getByRole('search', { name: 'Filter results' }).getByLabel('Split').click();
    await page.getByRole('option', { name: 'Test' }).click();
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    expect(await table.getByTestId(`result-${test}-0`).innerText()).toContain('汉武帝。答案是 C');
    expect(new URL(page.url()).search).toBe('?split=test');
    await b.shot(page, 'evaluation-results');
  });
});
