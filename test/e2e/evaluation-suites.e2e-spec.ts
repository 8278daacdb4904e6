import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkResponse, ifevalMetrics, parseIfevalPrompt } from '../../server/benchmarks/ifeval';
import type { EvaluationView, ExperimentScoresView } from '../../server/evaluations/evaluation-views';
import { EvaluationsService } from '../../server/evaluations/evaluations.service';
import type { GrowthView } from '../../server/growth/growth-views';
import { uploadImport, waitForImport } from '../utils/imports';
import { createPeople, type Person } from '../utils/people';
import { createTestApp, type TestApp } from '../utils/test-app';
import { tinyOnnxModel } from '../utils/tiny-onnx';
import { until } from '../utils/until';
import { evaluationItems, seedEvaluationExperiment } from './evaluations-fixtures';

const SHARED = process.env.PACE_SHARED_DATA ?? join(__dirname, '../../../shared/data');
const IFEVAL_PROMPTS = 4;
const fixture = (folder: string, name: string) => join(__dirname, '../../server/imports/adapters/specs/fixtures', folder, name);

interface ResultRow {
  itemId: number;
  suite: string;
  ability: string;
  shots: number;
  answer: string;
  score: number;
  details: Record<string, unknown>;
}

/**
 * Issue 15 items 7 and 8 end to end on the real PostgreSQL and the in-process ONNX back-end with the tiny model: IFEval
 * prompts from the shared sample, a C-Eval subject (dev + val files) and an MCQ set through a column mapping are
 * imported through the API, a checkpoint is evaluated on them, and the four IFEval metrics and the 0/5-shot scores are
 * read back from the experiment score API and the growth-curve API.
 */
describe('evaluation suites: IFEval and out-of-domain multiple-choice sets (issue 15 items 7 and 8)', () => {
  let t: TestApp;
  let researcher: Person;
  let work: string;
  let seed: Awaited<ReturnType<typeof seedEvaluationExperiment>>;
  let evaluation: EvaluationView;
  let rows: ResultRow[];
  let scores: ExperimentScoresView;
  const ids: Record<string, number[]> = {};
  const api = (url: string) => t.http.get(`/api${url}`).set('Authorization', `Bearer ${researcher.token}`);

  beforeAll(async () => {
    const { modelDir, onnxDir } = await tinyOnnxModel();
    t = await createTestApp({ PACE_IN_PROCESS_TRAINING: 'true' });
    [researcher] = await createPeople(t, 'researcher', 1);
    work = await mkdtemp(join(tmpdir(), 'pace-eval-suites-'));
    // the first prompts of the shared IFEval sample
    const lines = (await readFile(join(SHARED, 'raw/ifeval/input_data.sample.jsonl'), 'utf8')).split('\n').slice(0, IFEVAL_PROMPTS);
    await writeFile(join(work, 'input_data.jsonl'), lines.join('\n') + '\n');
    const imports: Array<[string, string, Record<string, string>]> = [
      ['ifeval', join(work, 'input_data.jsonl'), { adapter: 'ifeval', ability: 'creative_writing' }],
      ['ceval-dev', fixture('ceval', 'logic_dev.csv'), { adapter: 'ceval' }],
      ['ceval-val', fixture('ceval', 'logic_val.csv'), { adapter: 'ceval' }],
      ['mcq-dev', fixture('mcq', 'law_quiz_dev.csv'), { adapter: 'mcq_csv', ability: 'ethics', csvMapping: JSON.stringify({ id: '编号', question: '题目', A: '选项一', B: '选项二', C: '选项三', answer: '答案' }) }],
      ['mcq-val', fixture('mcq', 'law_quiz_val.csv'), { adapter: 'mcq_csv', ability: 'ethics', csvMapping: JSON.stringify({ id: '编号', question: '题目', A: '选项一', B: '选项二', C: '选项三', answer: '答案', explanation: '解析' }) }],
    ];
    for (const [name, path, fields] of imports) {
      const { id } = await uploadImport(t, researcher.token, path, fields);
      const done = await waitForImport(t, researcher.token, id);
      expect(done.status, name).toBe('completed');
      ids[name] = (await t.db.query(`SELECT id::int FROM items WHERE import_id = $1 ORDER BY raw_line`, [id])).map((r: { id: number }) => r.id);
    }
    seed = await seedEvaluationExperiment(t.db, {
      modelPath: modelDir,
      checkpoints: { 1: modelDir },
      items: evaluationItems(['history']),
      hyperParams: { evalBackend: 'onnx', maxNewTokens: 4, ifevalMaxNewTokens: 12, benchmarks: ['ceval', 'mcq', 'ifeval'], bestFromEpoch: 1 },
    });
    // the checkpoint's ONNX export is the shared one; the run trained on 40 history items (its place on the growth curves)
    await t.db.query(`UPDATE checkpoints SET onnx_path = $2 WHERE id = $1`, [seed.checkpointIds[1], onnxDir]);
    await t.db.query(`UPDATE experiments SET train_counts = '{"history": 40}' WHERE id = $1`, [seed.experimentId]);
    evaluation = await t.app.get(EvaluationsService).enqueueCheckpoint({ experimentId: seed.experimentId, checkpointId: seed.checkpointIds[1], epoch: 1 });
    await until('the onnx evaluation to finish', async () => {
      const [e] = await t.db.query(`SELECT status, failure_reason AS "failureReason" FROM evaluations WHERE id = $1`, [evaluation.id]);
      if (e.status === 'failed') throw new Error(`evaluation failed: ${e.failureReason}`);
      return e.status === 'completed';
    }, 120_000);
    rows = await t.db.query(
      `SELECT item_id::int AS "itemId", suite, ability, shots, answer, score, details FROM evaluation_results WHERE evaluation_id = $1 ORDER BY suite, shots, item_id`,
      [evaluation.id],
    );
    scores = (await api(`/experiments/${seed.experimentId}/scores`).expect(200)).body;
  }, 240_000);
  afterAll(async () => {
    await t?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('issue 15 item 7: one generation per IFEval prompt within its budget, each verdict holding the checkers’ strict and loose outcome per instruction', async () => {
    expect(evaluation).toMatchObject({ backend: 'onnx', suites: ['in-domain', 'ceval', 'mcq', 'ifeval'] });
    const ifeval = rows.filter((r) => r.suite === 'ifeval');
    expect(ifeval.map((r) => r.itemId)).toEqual(ids.ifeval);
    const items = await t.db.query(`SELECT id::int, messages->0->>'content' AS prompt, meta FROM items WHERE id = ANY($1) ORDER BY id`, [ids.ifeval]);
    for (const [i, r] of ifeval.entries()) {
      expect(r).toMatchObject({ ability: 'ifeval', shots: 0 });
      // the answer is the model's generation, checked again here by the checkers themselves
      const prompt = parseIfevalPrompt({ key: r.itemId, prompt: items[i].prompt, instruction_id_list: items[i].meta.instruction_id_list, kwargs: items[i].meta.kwargs }, 'test');
      const check = checkResponse(prompt, r.answer);
      expect(r.details).toMatchObject({ instructionIds: items[i].meta.instruction_id_list, strict: check.strict, loose: check.loose });
      expect(r.score).toBe(check.strict.every(Boolean) ? 1 : 0);
    }
    const [{ progress }] = await t.db.query(`SELECT progress FROM evaluations WHERE id = $1`, [evaluation.id]);
    expect(progress.requestsDone).toBe(progress.requestsTotal);
  });

  it('issue 15 item 7: the experiment score API reports the four IFEval metrics, instruction-level over instructions, as the reference computes them', () => {
    const ifeval = rows.filter((r) => r.suite === 'ifeval');
    const reference = ifevalMetrics(ifeval.map((r) => ({ instructionIds: r.details.instructionIds as string[], strict: r.details.strict as boolean[], loose: r.details.loose as boolean[] })));
    const instructions = ifeval.reduce((n, r) => n + (r.details.strict as boolean[]).length, 0);
    expect(instructions).toBeGreaterThan(IFEVAL_PROMPTS); // the shared sample's prompts carry several instructions each
    const metrics = scores.epochs[0].scores.filter((s) => s.suite === 'ifeval');
    // (the API lists a suite's groups by name)
    expect(metrics.map((s) => [s.ability, s.split, s.shots, s.items, s.score])).toEqual([
      ['instruction_loose', 'test', 0, instructions, reference.instructionLoose],
      ['instruction_strict', 'test', 0, instructions, reference.instructionStrict],
      ['prompt_loose', 'test', 0, IFEVAL_PROMPTS, reference.promptLoose],
      ['prompt_strict', 'test', 0, IFEVAL_PROMPTS, reference.promptStrict],
    ]);
  });

  it('issue 15 item 8: C-Eval and the mapped MCQ set are scored 0- and 5-shot, their dev rows only as exemplars: in 5-shot prompts, never scored', async () => {
    const ceval = rows.filter((r) => r.suite === 'ceval');
    expect(ceval.map((r) => `${r.shots}:${r.itemId}`)).toEqual([0, 5].flatMap((shots) => ids['ceval-val'].map((id) => `${shots}:${id}`)));
    for (const r of ceval) expect(r.details.exemplars).toEqual(r.shots === 5 ? ids['ceval-dev'] : []);
    const mcq = rows.filter((r) => r.suite === 'mcq');
    // the val file's two good rows (its three bad rows were reported at import)
    expect(mcq.map((r) => `${r.shots}:${r.itemId}`)).toEqual([0, 5].flatMap((shots) => ids['mcq-val'].map((id) => `${shots}:${id}`)));
    expect(ids['mcq-val']).toHaveLength(2);
    for (const r of mcq) expect(Object.keys(r.details.optionLogprobs as object).sort()).toEqual(r.itemId === ids['mcq-val'][1] ? ['A', 'B'] : ['A', 'B', 'C']);
    const bench = scores.epochs[0].scores.filter((s) => s.suite === 'ceval' || s.suite === 'mcq');
    const mean = (suite: string, shots: number) => {
      const mine = rows.filter((r) => r.suite === suite && r.shots === shots);
      return mine.reduce((a, r) => a + r.score, 0) / mine.length;
    };
    expect(bench.map((s) => [s.suite, s.ability, s.shots, s.items, s.score])).toEqual([
      ['ceval', 'logic', 0, 3, mean('ceval', 0)],
      ['ceval', 'logic', 5, 3, mean('ceval', 5)],
      ['mcq', 'law_quiz', 0, 2, mean('mcq', 0)],
      ['mcq', 'law_quiz', 5, 2, mean('mcq', 5)],
    ]);
    expect(bench.find((s) => s.suite === 'mcq')!.expected).toBeCloseTo((1 / 3 + 1 / 2) / 2, 6); // stored as float4
  });

  it('issue 15 items 7 and 8: the growth curves draw the IFEval metrics and each set at 0 and 5 shots, with no average over IFEval’s metrics', async () => {
    const growth: GrowthView = (await api(`/growth?experimentIds=${seed.experimentId}&minEpoch=1`).expect(200)).body;
    const stored = new Map(scores.epochs[0].scores.map((s) => [`${s.suite}/${s.ability}/${s.split}/${s.shots}`, s.score]));
    const bench = growth.series.filter((s) => s.suite !== 'in-domain');
    expect(bench.map((s) => `${s.kind}:${s.suite}/${s.ability}@${s.shots}`).sort()).toEqual(
      [
        'average:ceval/average@0',
        'average:ceval/average@5',
        'average:mcq/average@0',
        'average:mcq/average@5',
        'benchmark:ceval/logic@0',
        'benchmark:ceval/logic@5',
        'benchmark:ifeval/instruction_loose@0',
        'benchmark:ifeval/instruction_strict@0',
        'benchmark:ifeval/prompt_loose@0',
        'benchmark:ifeval/prompt_strict@0',
        'benchmark:mcq/law_quiz@0',
        'benchmark:mcq/law_quiz@5',
      ].sort(),
    );
    for (const s of bench.filter((x) => x.kind === 'benchmark')) {
      expect(s.points.map((p) => [p.volume, p.epoch])).toEqual([[40, 1]]);
      expect(s.points[0].score, `${s.suite}/${s.ability}@${s.shots}`).toBe(stored.get(`${s.suite}/${s.ability}/test/${s.shots}`));
    }
  });
});
