import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedGenerationRun, seedPairs } from '../factories/synthesis';
import { startExport, waitForExport } from '../utils/exports';
import { createPeople, type Person } from '../utils/people';
import { createTestApp, type TestApp } from '../utils/test-app';
import { until } from '../utils/until';
import { freezeAndWait, seedItems } from './datasets-fixtures';

const HISTORY = { field: 'Humanities', subField: 'History', discipline: 'World history', abilityKey: 'history' };
const BIOLOGY = { field: 'Natural Sciences', subField: 'Life sciences', discipline: 'Biology', abilityKey: 'biology' };
/** Generated pairs (the lead swaps this seeding for a real pipeline run against the fixture LLM server). */
const PAIRS = [
  { question: '罗马共和国为何在公元前一世纪走向帝制？请从军队与元老院的关系分析。', answer: '马略改革后军队效忠将领而非国家，元老院无力约束手握重兵的将领，内战频仍，最终屋大维建立元首制。', tags: { ...HISTORY, subject: '罗马史' } },
  { question: 'What were the main causes of the Thirty Years War in seventeenth-century Europe?', answer: 'Religious conflict between Protestant and Catholic states, Habsburg ambitions, and the Bohemian revolt of 1618.', tags: { ...HISTORY, subject: 'Early modern Europe' } },
  { question: '明朝郑和下西洋的主要目的是什么？它为何没有像欧洲航海那样带来殖民扩张？', answer: '宣扬国威、建立朝贡关系；其航行由朝廷主导、不以贸易利润与移民为目标，且耗费巨大而被停止。', tags: { ...HISTORY, subject: '明史' } },
  { question: 'How do enzymes lower the activation energy of a biochemical reaction?', answer: 'They bind substrates in an active site that stabilises the transition state, orienting and straining the molecules.', tags: { ...BIOLOGY, subject: 'Biochemistry' } },
  { question: '为什么说DNA的半保留复制保证了遗传信息的准确传递？', answer: '每条子代DNA保留一条亲代链作模板，碱基互补配对使新链与旧链信息一致，加上校对修复，错误率极低。', tags: { ...BIOLOGY, subject: '分子生物学' } },
  { question: 'Describe how the nervous system transmits a signal across a chemical synapse.', answer: 'An action potential opens calcium channels, vesicles release neurotransmitter, which binds receptors on the next neuron.', tags: { ...BIOLOGY, subject: 'Neurobiology' } },
];

describe('issue 15 end to end (after generation): seeded pairs → ingest (no review) → accepted → freeze → mix-K naming the GLAN source → export → read back', () => {
  let t: TestApp;
  let researcher: Person;
  let runId: string;
  let versionId: number;
  let exported: Record<string, any>;

  beforeAll(async () => {
    t = await createTestApp();
    [researcher] = await createPeople(t, 'researcher', 1);
    // curated items (dual review, accepted) and another synthetic source the recipe must not draw from
    await seedItems(t, { count: 3, ability: 'history', sourceName: 'doit' });
    await seedItems(t, { count: 3, ability: 'biology', sourceName: 'doit' });
    await seedItems(t, { count: 4, ability: 'history', sourceName: 'other-synthetic', sourceKind: 'synthetic', texts: ['其他合成数据一', '其他合成数据二', '其他合成数据三', '其他合成数据四'] });
    await seedItems(t, { count: 4, ability: 'biology', sourceName: 'other-synthetic', sourceKind: 'synthetic', texts: ['其他合成生物一', '其他合成生物二', '其他合成生物三', '其他合成生物四'] });

    runId = await seedGenerationRun(t.db, { name: 'e2e', sourceName: 'GLAN e2e', reviewMode: 'none', createdBy: researcher.id });
    await seedPairs(t.db, runId, PAIRS);
  }, 120_000);
  afterAll(() => t?.close());

  it('ingests the pairs as accepted items of the GLAN source, marked as accepted without review', async () => {
    await t.http.post(`/api/synthesis/runs/${runId}/ingest`).set(...researcher.auth).send({}).expect(202);
    await until('ingested', async () => (await t.db.query('SELECT stage FROM synthesis_runs WHERE id = $1', [runId]))[0].stage === 'done', 60_000);
    const items = await t.db.query(
      `SELECT i.status, i.review_mode, s.name FROM synthesis_pairs p JOIN items i ON i.id = p.item_id JOIN sources s ON s.id = i.source_id WHERE p.run_id = $1`,
      [runId],
    );
    expect(items).toHaveLength(6);
    expect(items.every((i: any) => i.status === 'accepted' && i.review_mode === 'none' && i.name === 'GLAN e2e')).toBe(true);
  });

  it('a recipe refuses a curation source or an unknown one in its synthetic slot, naming the field', async () => {
    const bad = await t.http
      .post('/api/recipes')
      .set(...researcher.auth)
      .send({ name: 'mix-bad', spec: { pool: 'curated', quotas: { all: true }, synthetic: { perAbility: 2 }, syntheticSources: ['doit', 'nowhere'] } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      { field: 'spec.syntheticSources[0]', message: '"doit" is a curation source; this slot draws synthetic sources only' },
      { field: 'spec.syntheticSources[1]', message: 'no source "nowhere"' },
    ]);
  });

  it('freezes, samples mix-2 from the named GLAN source only, and exports a manifest with the recipe and items per review mode', async () => {
    const v = await freezeAndWait(t, researcher.token, { name: 'v-glan', splits: { valid: 0, test: 0 } });
    versionId = v.id;
    const recipe = await t.http
      .post('/api/recipes')
      .set(...researcher.auth)
      .send({ name: 'mix-glan-2', spec: { pool: 'curated', quotas: { all: true }, synthetic: { perAbility: 2 }, syntheticSources: ['GLAN e2e'] } });
    expect(recipe.status, JSON.stringify(recipe.body)).toBe(201);
    const { id } = await startExport(t, researcher.token, { versionId, recipe: 'mix-glan-2', seed: 1, formats: ['openai'] });
    exported = await waitForExport(t, researcher.token, id);
    expect(exported.status, exported.failureReason).toBe('completed');

    // read back from the API: the manifest names the recipe with its synthetic sources and counts items per review mode
    const res = await t.http.get(`/api/exports/${id}`).set(...researcher.auth).expect(200);
    expect(res.body.manifest.recipe).toMatchObject({ name: 'mix-glan-2', spec: { syntheticSources: ['GLAN e2e'], synthetic: { perAbility: 2 } } });
    // 6 curated (dual) + 2 history and 2 biology GLAN items (none); nothing of other-synthetic
    expect(res.body.manifest.reviewModes).toEqual({ dual: 6, single: 0, none: 4 });

    const lines = (await readFile(join(t.dataDir, 'exports', id, 'openai', 'train.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    const questions = lines.map((l: { messages: Array<{ role: string; content: string }> }) => l.messages.find((m) => m.role === 'user')!.content);
    expect(questions).toHaveLength(10);
    const glan = questions.filter((q: string) => PAIRS.some((p) => p.question === q));
    expect(glan).toHaveLength(4);
    expect(questions.some((q: string) => q.startsWith('其他合成'))).toBe(false);
  });
});
