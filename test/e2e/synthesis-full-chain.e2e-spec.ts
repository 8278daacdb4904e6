import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertEvalItem } from '../factories/synthesis';
import { startExport, waitForExport } from '../utils/exports';
import { startFixtureLlmServer, type FixtureLlmServer } from '../utils/fixture-llm-server';
import { glanFixture } from '../utils/glan-fixture';
import { createPeople, type Person } from '../utils/people';
import { TWO_DISCIPLINES } from '../utils/synthesis';
import { createTestApp, type TestApp } from '../utils/test-app';
import { until } from '../utils/until';
import { freezeAndWait, seedItems } from './datasets-fixtures';

/**
 * A benchmark item that copies the key concepts of one class session the fixture model writes for the subject
 * 唐代史专题1 (test/utils/glan-fixture.ts: concepts `<subject>第<session>课概念<n>`): every generated question built on
 * two of its first concepts shares a 13-gram with it.
 */
const BENCHMARK = '唐代史专题1第1课概念1、唐代史专题1第1课概念2、唐代史专题1第1课概念3';

/**
 * What the decontamination rule calls a shared 13-gram here, computed independently of it: the texts are CJK
 * characters and one-digit numbers, one token each, so with punctuation and spaces removed a 13-gram is 13 characters.
 */
function shares13(text: string, reference: string): boolean {
  const strip = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  const ref = strip(reference);
  const t = strip(text);
  for (let i = 0; i + 13 <= ref.length; i++) if (t.includes(ref.slice(i, i + 13))) return true;
  return false;
}

interface Pair {
  id: string;
  question: string;
  answer: string;
  status: string;
  tags: { field: string; discipline: string; abilityKey: string | null; subject: string; taxonomyRevision: string };
  contamination: { n: number; matches: Array<{ source: string }> } | null;
  item_id: string | null;
  item_status: string | null;
  duplicate_of: string | null;
  item_review_mode: string | null;
  source: string | null;
  ability: string | null;
}

/**
 * Issue 15 (Proof), the whole chain with nothing seeded in between: a taxonomy through its API → a generation run of
 * two disciplines (one Chinese) against an OpenAI-compatible server on loopback → subjects, syllabi, questions,
 * answers → the run's answers published → ingestion with decontamination against a benchmark → accepted items of
 * the run's synthetic source (review mode none) → a version frozen → a mix-K recipe naming that source → an export,
 * read back.
 */
describe('issue 15 end to end: taxonomy → GLAN run → decontaminated items → freeze → mix-K export', () => {
  let t: TestApp;
  let researcher: Person;
  let llm: FixtureLlmServer;
  let taxonomy: { id: string; revision: string };
  let runId: string;
  let pairs: Pair[];

  const api = (method: 'get' | 'post' | 'put', url: string) => t.http[method](`/api${url}`).set(...researcher.auth);

  beforeAll(async () => {
    t = await createTestApp();
    [researcher] = await createPeople(t, 'researcher', 1);
    llm = await startFixtureLlmServer({ respond: glanFixture() });
    // curated items of both mapped abilities, and the benchmark the generated pairs are checked against
    await seedItems(t, { count: 3, ability: 'history', sourceName: 'doit' });
    await seedItems(t, { count: 3, ability: 'cot_math', sourceName: 'doit' });
    await insertEvalItem(t.db, { sourceName: 'CMMLU', kind: 'benchmark', question: BENCHMARK, answer: 'A' });
  }, 120_000);
  afterAll(async () => {
    await llm?.close();
    await t?.close();
  });

  it('a taxonomy made through the API drives a generation run that records its revision, and the answers are ingested on their own', async () => {
    const created = await api('post', '/taxonomies').send({ name: 'full chain', json: TWO_DISCIPLINES });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    taxonomy = { id: created.body.id, revision: created.body.revision };
    const ep = await api('post', '/llm-endpoints').send({ name: 'loopback', baseUrl: llm.baseUrl, model: 'fixture-model', maxConcurrency: 4, inputPer1M: 0, outputPer1M: 0 });
    expect(ep.status, JSON.stringify(ep.body)).toBe(201);
    const run = await api('post', '/synthesis/runs').send({
      name: 'full chain',
      taxonomyId: taxonomy.id,
      endpointId: ep.body.id,
      reviewMode: 'none',
      settings: { subjectSamples: 1, questionsPerSubject: 4, maxTokens: 300, seed: 3 },
    });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    runId = run.body.id;

    // generation, then the ingestion job subscribed to synthesis.answered: nobody asks for it
    const done = await until(
      'the run generated and ingested',
      async () => {
        const [r] = await t.db.query('SELECT status, stage, failure_reason, taxonomy_revision FROM synthesis_runs WHERE id = $1', [runId]);
        if (r.status === 'failed') throw new Error(`run failed: ${r.failure_reason}`);
        return r.stage === 'done' && r;
      },
      120_000,
      100,
    );
    expect(done).toMatchObject({ status: 'completed', failure_reason: null, taxonomy_revision: taxonomy.revision });
    // the runs list (the UI's first screen), whole and by status
    const list = await api('get', '/synthesis/runs?range=[0,9]').expect(200);
    expect(list.body.map((r: { id: string }) => r.id)).toEqual([runId]);
    expect(list.headers['content-range']).toBe('synthesis/runs 0-0/1');
    const none = await api('get', `/synthesis/runs?filter=${encodeURIComponent(JSON.stringify({ status: ['failed'] }))}`).expect(200);
    expect(none.body).toEqual([]);

    pairs = await t.db.query(
      `SELECT p.id, p.question, p.answer, p.status, p.tags, p.contamination, p.item_id, i.status AS item_status, i.review_mode AS item_review_mode, i.duplicate_of,
              s.name AS source, a.key AS ability
         FROM synthesis_pairs p LEFT JOIN items i ON i.id = p.item_id LEFT JOIN sources s ON s.id = i.source_id LEFT JOIN abilities a ON a.id = i.ability_id
        WHERE p.run_id = $1 ORDER BY p.id`,
      [runId],
    );
    // 2 disciplines × 2 subjects (one listing of two) × 4 questions, each answered
    expect(pairs).toHaveLength(16);
    const byDiscipline = (d: string) => pairs.filter((p) => p.tags.discipline === d);
    expect(byDiscipline('Algebra')).toHaveLength(8);
    expect(byDiscipline('唐代史')).toHaveLength(8);
    expect(new Set(byDiscipline('唐代史').map((p) => p.tags.subject))).toEqual(new Set(['唐代史专题1', '唐代史专题2']));
    expect(pairs.every((p) => p.tags.taxonomyRevision === taxonomy.revision && p.answer.length > 0)).toBe(true);
    expect(byDiscipline('唐代史').every((p) => p.question.startsWith('作业题') && p.answer.startsWith('解答'))).toBe(true);
  }, 180_000);

  it('decontamination excludes exactly the pairs that share a 13-gram with the benchmark, with the evidence; the rest become items of the run’s source', async () => {
    const contaminated = pairs.filter((p) => shares13(`${p.question}\n${p.answer}`, BENCHMARK));
    // the check proves something only if the run wrote some such pairs, and not only such pairs
    expect(contaminated.length).toBeGreaterThan(0);
    expect(contaminated.length).toBeLessThan(8);
    expect(pairs.filter((p) => p.status === 'excluded').map((p) => p.id)).toEqual(contaminated.map((p) => p.id));
    for (const p of contaminated) {
      expect(p.tags.subject).toBe('唐代史专题1');
      expect(p.contamination).toMatchObject({ n: 13, matches: [expect.objectContaining({ source: 'CMMLU' })] });
      expect(p.item_status).toBeNull();
    }
    const kept = pairs.filter((p) => p.status !== 'excluded');
    expect(kept.every((p) => p.status === 'ingested')).toBe(true);
    expect(kept.every((p) => p.item_review_mode === 'none' && p.source === 'GLAN full chain')).toBe(true);
    // through the imports' de-duplication: the fixture model's templated questions include near copies of each other,
    // marked duplicates of an item of the same run (not accepted, whatever the review mode); the others are accepted
    const accepted = kept.filter((p) => p.item_status === 'accepted');
    const duplicates = kept.filter((p) => p.item_status === 'duplicate');
    expect(accepted.length + duplicates.length).toBe(kept.length);
    expect(duplicates.length).toBeGreaterThan(0);
    const runItems = new Set(kept.map((p) => p.item_id));
    expect(duplicates.every((p) => runItems.has(p.duplicate_of))).toBe(true);
    for (const d of ['Algebra', '唐代史']) expect(accepted.filter((p) => p.tags.discipline === d).length, d).toBeGreaterThanOrEqual(2);
    // the discipline's ability mapping, from the taxonomy
    expect(kept.filter((p) => p.tags.discipline === 'Algebra').every((p) => p.ability === 'cot_math')).toBe(true);
    expect(kept.filter((p) => p.tags.discipline === '唐代史').every((p) => p.ability === 'history')).toBe(true);

    // the reports agree
    const decon = await api('get', `/synthesis/runs/${runId}/decontamination`).expect(200);
    expect(decon.body.total).toBe(contaminated.length);
    expect(decon.body.disciplines).toEqual([
      { field: 'Mathematics', discipline: 'Algebra', checked: 8, excluded: 0 },
      { field: '人文', discipline: '唐代史', checked: 8, excluded: contaminated.length },
    ]);
    const coverage = await api('get', `/synthesis/runs/${runId}/coverage`).expect(200);
    expect(coverage.body.totals).toEqual({
      generated: 16,
      excluded: contaminated.length,
      ingested: 16 - contaminated.length,
      rejected: 0,
      itemsAccepted: 16 - contaminated.length - duplicates.length,
      itemsPending: 0,
      itemsDuplicate: duplicates.length,
    });
    expect(coverage.body.usageByStage.map((u: { kind: string }) => u.kind)).toEqual(['answer', 'question', 'sessions', 'subject-list', 'subjects', 'syllabus']);
  });

  it('a version frozen from them and a mix-2 recipe naming the GLAN source export curated items plus two synthetic items per ability, read back', async () => {
    const v = await freezeAndWait(t, researcher.token, { name: 'v-full-chain', splits: { valid: 0, test: 0 } });
    const recipe = await api('post', '/recipes').send({
      name: 'mix-full-chain-2',
      spec: { pool: 'curated', quotas: { all: true }, synthetic: { perAbility: 2 }, syntheticSources: ['GLAN full chain'] },
    });
    expect(recipe.status, JSON.stringify(recipe.body)).toBe(201);
    const { id } = await startExport(t, researcher.token, { versionId: v.id, recipe: 'mix-full-chain-2', seed: 1, formats: ['openai'] });
    const exported = await waitForExport(t, researcher.token, id);
    expect(exported.status, exported.failureReason).toBe('completed');

    const res = await api('get', `/exports/${id}`).expect(200);
    expect(res.body.manifest.recipe).toMatchObject({ name: 'mix-full-chain-2', spec: { syntheticSources: ['GLAN full chain'] } });
    expect(res.body.manifest.reviewModes).toEqual({ dual: 6, single: 0, none: 4 });

    const lines = (await readFile(join(t.dataDir, 'exports', id, 'openai', 'train.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    const questions: string[] = lines.map((l: { messages: Array<{ role: string; content: string }> }) => l.messages.find((m) => m.role === 'user')!.content);
    expect(questions).toHaveLength(10);
    const synthetic = questions.filter((q) => pairs.some((p) => p.question === q && p.item_status === 'accepted'));
    expect(synthetic).toHaveLength(4);
    // two per ability, none of them an excluded pair
    const of = (q: string) => pairs.find((p) => p.question === q)!;
    expect(synthetic.filter((q) => of(q).tags.discipline === 'Algebra')).toHaveLength(2);
    expect(synthetic.filter((q) => of(q).tags.discipline === '唐代史')).toHaveLength(2);
    expect(questions.filter((q) => pairs.some((p) => p.question === q && p.item_status !== 'accepted'))).toEqual([]);
  }, 120_000);
});
