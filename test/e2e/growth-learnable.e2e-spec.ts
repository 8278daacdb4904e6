import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentScoresView } from '../../server/evaluations/evaluation-views';
import { dedupNormalize } from '../../server/imports/dedup';
import { exactJaccard } from '../../server/imports/dedup/dedup-spec-helpers';
import { PATTERN_MARKERS, patternAbility, patternImportRecord } from '../utils/pattern-ability';
import { uploadImport, waitForImport } from '../utils/imports';
import { createTestApp, type TestApp } from '../utils/test-app';
import { tinyModel } from '../utils/tiny-model';
import { until } from '../utils/until';
import { seedEvaluationExperiment } from './evaluations-fixtures';

/**
 * The learnable ability of issue 13's end-to-end proof, proven learnable: the tiny random Llama, trained by the real
 * trainer subprocess on 8, 32 and 128 items of the pattern ability (test/utils/pattern-ability.ts: the season marker
 * gives the answer letter) through `counts` recipes, each checkpoint scored by the trainer right after its epoch, shows
 * test scores that rise with the volume, with every score's interval and gold-answer loss stored. Fixed seeds; the
 * reported checkpoint is chosen from epoch 1 on (hyperParams.bestFromEpoch), as a four-epoch run needs. A constant
 * learning rate: with the paper's decay to a tenth, 32 items (24 steps) stopped at answering one letter for all.
 *
 * Tuned on three run seeds (reported test score at 8 → 32 → 128 items, 48 test items; ~25–30 s of runs each on the
 * shared 2-core machine): seed 1 45.8 → 52.1 → 100%, seed 2 33.3 → 66.7 → 93.8%, seed 3 27.1 → 66.7 → 100%; the
 * gold answers' loss ~4.2–5.2 → ~1.2–1.6 → ~0.1–0.2 nats per token.
 */
const ABILITY = 'logical_reasoning';
const VOLUMES = [8, 32, 128] as const;
const HYPER = { epochs: 4, learningRate: 2e-3, finalLearningRate: 2e-3, globalBatchSize: 4, microBatchSize: 4, maxLength: 128, maxNewTokens: 2, evalBackend: 'torch', bestFromEpoch: 1 };

interface TestScore {
  volume: number;
  epoch: number;
  score: number;
  items: number;
  interval: { lower: number; upper: number; method: string } | undefined;
  loss: number | null | undefined;
}

describe('growth: a pattern ability the tiny model learns, its test score rising with training volume', () => {
  let t: TestApp;
  let curator: string;
  const started = Date.now();
  const experiments = new Map<number, string>();
  const api = (method: 'get' | 'post', url: string) => t.http[method](`/api${url}`).set('Authorization', `Bearer ${curator}`);

  beforeAll(async () => {
    t = await createTestApp({ PACE_IN_PROCESS_TRAINING: 'true' });
    curator = await t.tokenFor('researcher');
    // 128 train items (every run draws its volume from them), 16 validation and 48 test items
    const items = patternAbility({ ability: ABILITY, train: 128, valid: 16, test: 48, seed: 7 }).map((i) => ({ ...i, split: i.split as 'valid' | 'test' }));
    const seed = await seedEvaluationExperiment(t.db, { modelPath: await tinyModel(), checkpoints: {}, items });
    const [{ baseModelId }] = await t.db.query(`SELECT base_model_id AS "baseModelId" FROM experiments WHERE id = $1`, [seed.experimentId]);
    for (const volume of VOLUMES) {
      await api('post', '/recipes').send({ name: `pattern-${volume}`, spec: { pool: 'curated', quotas: { counts: { [ABILITY]: volume } } } }).expect(201);
      const created = await api('post', '/experiments').send({ baseModelId, versionId: seed.versionId, recipe: `pattern-${volume}`, seed: 3, hyperParams: HYPER }).expect(201);
      experiments.set(volume, created.body.id);
    }
  }, 60_000);
  afterAll(() => t?.close());

  it('makes the same balanced items from the same seed, each one’s marker giving its gold letter and nothing else', () => {
    const items = patternAbility({ train: 40, valid: 8, test: 12, seed: 3 });
    expect(patternAbility({ train: 40, valid: 8, test: 12, seed: 3 })).toEqual(items);
    expect(patternAbility({ train: 40, valid: 8, test: 12, seed: 4 })).not.toEqual(items);
    expect(items.map((i) => i.split)).toEqual([...Array(40).fill('train'), ...Array(8).fill('valid'), ...Array(12).fill('test')]);
    expect(new Set(items.map((i) => i.content.messages[0].content)).size).toBe(60);
    for (const split of ['train', 'valid', 'test'] as const) {
      const golds = items.filter((i) => i.split === split).map((i) => i.content.gold);
      const counts = ['A', 'B', 'C', 'D'].map((l) => golds.filter((g) => g === l).length);
      expect(Math.max(...counts) - Math.min(...counts), `${split} letters ${counts}`).toBeLessThanOrEqual(1);
    }
    for (const item of items) {
      const question = item.content.messages[0].content;
      const letter = 'ABCD'.indexOf(item.content.gold);
      const shown = PATTERN_MARKERS.map((markers) => markers.filter((m) => question.includes(m)));
      expect(shown.flat(), question).toHaveLength(1); // one marker (repeated), of the gold letter's group only
      expect(shown[letter], question).toHaveLength(1);
      expect(item.content.messages[1]).toEqual({ role: 'assistant', content: item.content.gold });
    }
    // far from near-duplicates of each other (the import's MinHash estimates this Jaccard; its threshold is ~0.8)
    const texts = items.map((i) => dedupNormalize(i.content.messages.map((m) => m.content).join('\n')));
    const similarities = texts.flatMap((a, i) => texts.slice(0, i).map((b) => exactJaccard(a, b)));
    expect(Math.max(...similarities)).toBeLessThan(0.2);
    expect(patternImportRecord(items[0], 'p-1')).toEqual({ id: 'p-1', type: 'logical_reasoning', question_format: 0, messages: items[0].content.messages });
  });

  it('imports as DoIT messages records: every item created, none taken for a near-duplicate, read back as single choice with its letter', async () => {
    const items = patternAbility({ ability: ABILITY, train: 128, valid: 16, test: 48, seed: 11 });
    const dir = await mkdtemp(join(tmpdir(), 'pace-pattern-'));
    const file = join(dir, 'pattern.jsonl');
    await writeFile(file, items.map((item, i) => JSON.stringify(patternImportRecord(item, `pattern-${i}`)) + '\n').join(''));
    const { id } = await uploadImport(t, curator, file, { adapter: 'messages', sourceName: 'pattern-ability' });
    const done = await waitForImport(t, curator, id);
    expect(done).toMatchObject({ status: 'completed', itemsCreated: items.length, exactDuplicates: 0, nearDuplicates: 0, errorCount: 0 });
    const stored: { answerType: string; gold: string; ability: string }[] = await t.db.query(
      `SELECT i.answer_type AS "answerType", i.gold, a.key AS ability FROM items i JOIN abilities a ON a.id = i.ability_id WHERE i.import_id = $1 ORDER BY i.raw_line`,
      [id],
    );
    expect(stored).toEqual(items.map((item) => ({ answerType: 'single_choice', gold: item.content.gold, ability: ABILITY })));
    await rm(dir, { recursive: true, force: true });
  });

  it('trains 8, 32 and 128 items; the reported test score rises with volume, the gold answers’ loss falls, intervals and loss are stored', async () => {
    const ids = [...experiments.values()];
    await until(
      'the three runs and every epoch’s evaluation to finish',
      async () => {
        const runs = await t.db.query(`SELECT status, failure_reason AS "failureReason" FROM experiments WHERE id = ANY($1::uuid[])`, [ids]);
        const failed = runs.find((r: { status: string }) => r.status === 'failed');
        if (failed) throw new Error(`a run failed: ${failed.failureReason}`);
        const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM evaluations WHERE experiment_id = ANY($1::uuid[]) AND status = 'completed'`, [ids]);
        return runs.every((r: { status: string }) => r.status === 'completed') && n === ids.length * HYPER.epochs;
      },
      240_000,
      250,
    );
    const seconds = (Date.now() - started) / 1000;

    const scores: TestScore[] = [];
    for (const [volume, id] of experiments) {
      const view: ExperimentScoresView = (await api('get', `/experiments/${id}/scores`).expect(200)).body;
      expect(view.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
      expect(view.best, `run of ${volume} items`).not.toBeNull();
      const reported = view.epochs.find((e) => e.epoch === view.best!.epoch)!;
      const test = reported.scores.find((s) => s.suite === 'in-domain' && s.ability === ABILITY && s.split === 'test')!;
      scores.push({ volume, epoch: reported.epoch, score: test.score, items: test.items, interval: test.interval, loss: test.loss });
      for (const e of view.epochs) {
        for (const s of e.scores) {
          expect(s.interval, `${volume} items, epoch ${e.epoch}, ${s.split}`).toMatchObject({ method: 'wilson' });
          expect(s.interval!.lower <= s.score && s.score <= s.interval!.upper).toBe(true);
          // exact-match items measure the gold answer's loss on the test split only
          if (s.split === 'test') expect(s.loss, `${volume} items, epoch ${e.epoch}`).toBeGreaterThan(0);
          else expect(s.loss).toBeNull();
        }
      }
    }
    console.log(
      `growth-learnable: ${seconds.toFixed(1)} s; reported test scores ${scores
        .map((s) => `${s.volume} items → ${(s.score * 100).toFixed(1)}% [${(s.interval!.lower * 100).toFixed(1)}, ${(s.interval!.upper * 100).toFixed(1)}] at epoch ${s.epoch}, loss ${s.loss!.toFixed(3)}`)
        .join('; ')}`,
    );
    const [small, middle, large] = scores;
    expect(scores.every((s) => s.items === 48)).toBe(true);
    // the rise: each volume at least as good as the one before, 128 items clearly above 8 (their intervals apart)
    expect(middle.score).toBeGreaterThanOrEqual(small.score);
    expect(large.score).toBeGreaterThanOrEqual(middle.score);
    expect(large.interval!.lower).toBeGreaterThan(small.interval!.upper);
    // the gold answers' loss (L_i) falls with every ×4 of data
    expect(middle.loss!).toBeLessThan(small.loss!);
    expect(large.loss!).toBeLessThan(middle.loss!);
  }, 300_000);
});
