import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BenchmarkItemsRepository } from '../../server/evaluations/suites/benchmark-items.repository';
import { planBenchmark } from '../../server/evaluations/suites/benchmark.suite';
import { noSharedData, rawPath, warnIfNoSharedData } from '../../server/imports/adapters/real-samples.spec-helpers';
import { uploadImport, waitForImport } from '../utils/imports';
import { createPeople, type Person } from '../utils/people';
import { createTestApp, type TestApp } from '../utils/test-app';
import { freezeAndWait, seedItems, versionSplits } from './datasets-fixtures';

warnIfNoSharedData('the benchmark import e2e test');

describe.skipIf(noSharedData)('benchmark imports (real CMMLU and AGIEval samples): evaluation items, never review or training material', () => {
  let t: TestApp;
  let curator: Person; // a lead curates imports
  let annotator: Person;
  let researcher: Person;
  let benchmarks: BenchmarkItemsRepository;
  const imported: Record<string, any> = {};

  beforeAll(async () => {
    t = await createTestApp();
    [curator] = await createPeople(t, 'lead', 1);
    [annotator] = await createPeople(t, 'annotator', 1);
    [researcher] = await createPeople(t, 'researcher', 1);
    benchmarks = new BenchmarkItemsRepository(t.db);
    const upload = async (key: string, adapter: string, path: string) => {
      const { id } = await uploadImport(t, curator.token, path, { adapter });
      imported[key] = await waitForImport(t, curator.token, id);
    };
    await upload('cmmlu', 'cmmlu', rawPath('cmmlu', 'test', 'chinese_history.sample.csv'));
    await upload('agieval', 'agieval', rawPath('agieval', 'gaokao-history.sample.jsonl'));
    await upload('math', 'agieval', rawPath('agieval', 'math.sample.jsonl'));
  }, 180_000);
  afterAll(() => t?.close());

  it('imports each file into a benchmark source, subset from the uploaded file name; math.jsonl is refused as a whole', async () => {
    expect(imported.cmmlu).toMatchObject({ status: 'completed', itemsCreated: 75, errorCount: 0 });
    expect(imported.agieval).toMatchObject({ status: 'completed', itemsCreated: 75, errorCount: 0 });
    expect(imported.math.status).toBe('failed');
    expect(imported.math.failureReason).toBe(
      'math.sample.jsonl: no record could be imported with the "agieval" adapter (75 bad in a row); first problem at line 1, field $file: ' +
        "no ability for AGIEval subset (the file's name; only the Chinese multiple-choice subsets gaokao-biology, gaokao-history, logiqa-zh are imported) math",
    );
    const sources = await t.db.query(
      `SELECT s.name, s.kind, i.status, a.key AS ability, count(*)::int AS n
         FROM items i JOIN sources s ON s.id = i.source_id JOIN abilities a ON a.id = i.ability_id
        GROUP BY 1, 2, 3, 4 ORDER BY 1`,
    );
    expect(sources).toEqual([
      { name: 'AGIEval', kind: 'benchmark', status: 'reference', ability: 'history', n: 75 },
      { name: 'CMMLU', kind: 'benchmark', status: 'reference', ability: 'history', n: 75 },
    ]);
  });

  it('loads the items as EvalItems in source order, with subset and options, ready for the 0- and 5-shot plans', async () => {
    const cmmlu = await benchmarks.load('cmmlu');
    expect(cmmlu).toHaveLength(75);
    expect(cmmlu.map((i) => i.meta.subset)).toEqual(Array(75).fill('chinese_history'));
    // the sample keeps upstream rows 0, 1, 3, 6, … in order
    expect(cmmlu.slice(0, 4).map((i) => i.meta.question as string).map((q) => q.slice(0, 6))).toEqual(['随着中国民族', '乾隆时江南地', '据研究，18', '《齐民要术》']);
    expect(cmmlu[0]).toMatchObject({ ability: 'chinese_history', split: 'test', questionFormat: 0, answerType: 'single_choice', gold: 'D' });
    expect(cmmlu[0].meta).toMatchObject({ benchmark: 'cmmlu', subjectName: '中国历史', options: ['工商业者是倡导革命的新中坚力量', '工商业者依旧属于传统的社会群体', '工商业者投身社会事务是有利可图', '工商业者推动了近代中国社会发展'] });

    const five = planBenchmark('cmmlu', cmmlu, 5);
    expect(five.requests).toHaveLength(70 * 4);
    expect(five.requests[0]).toMatchObject({ id: `${cmmlu[5].itemId}:5:A`, continuation: 'A' });
    expect((five.requests[0] as { context: string }).context).toContain(`题目：${cmmlu[0].meta.question as string}\nA. 工商业者是倡导革命的新中坚力量`);

    const agieval = await benchmarks.load('agieval');
    expect(agieval).toHaveLength(75);
    expect(agieval[0]).toMatchObject({ ability: 'gaokao-history', gold: 'D', meta: { benchmark: 'agieval', subset: 'gaokao-history' } });
    expect(planBenchmark('agieval', agieval, 0).requests).toHaveLength(70 * 4);
  });

  it('leaves a re-imported file out of the benchmark (exact copies of its own items)', async () => {
    const { id } = await uploadImport(t, curator.token, rawPath('cmmlu', 'test', 'chinese_history.sample.csv'), { adapter: 'cmmlu' });
    expect(await waitForImport(t, curator.token, id)).toMatchObject({ status: 'completed', exactDuplicates: 75 });
    expect(await benchmarks.load('cmmlu')).toHaveLength(75);
  }, 60_000);

  it('never leases a benchmark item for review', async () => {
    const res = await t.http.post('/api/reviews/next').set(...annotator.auth).send({});
    expect(res.status, JSON.stringify(res.body)).toBe(204);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM review_rounds`);
    expect(n).toBe(0);
  });

  it('flags at freeze a curated train item that copies a CMMLU question, naming the benchmark, and puts no benchmark item in the version', async () => {
    const [question] = await t.db.query(`SELECT meta->>'question' AS text FROM items WHERE meta->>'benchmark' = 'cmmlu' ORDER BY id LIMIT 1`);
    const [copy, ...clean] = await seedItems(t, { count: 3, split: 'train', texts: [`请分析：${question.text as string}`] });
    const [testItem] = await seedItems(t, { count: 1, split: 'test' });
    const v = await freezeAndWait(t, researcher.token, { name: 'bench-decon', splits: { valid: 0, test: 1 } });
    // every benchmark item is a reference: 75 CMMLU + 75 AGIEval + the 75 copies of the re-import
    expect(v.decontamination).toMatchObject({ flagged: 1, excluded: 1, benchmarkItems: 225 });
    const splits = await versionSplits(t, v.id);
    expect(splits.has(copy)).toBe(false);
    expect(clean.map((id) => splits.get(id))).toEqual(['train', 'train']);
    expect(splits.get(testItem)).toBe('test');
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM dataset_version_items v JOIN items i ON i.id = v.item_id JOIN sources s ON s.id = i.source_id
        WHERE v.version_id = $1 AND s.kind = 'benchmark'`,
      [v.id],
    );
    expect(n).toBe(0);
    const flags = await t.http.get(`/api/datasets/versions/${v.id}/exclusions`).set(...researcher.auth).query({ filter: '{"reason":"contaminated"}' }).expect(200);
    expect(flags.body).toEqual([
      expect.objectContaining({
        itemId: copy,
        evidence: expect.objectContaining({ matchedSplit: null, benchmark: { sourceId: expect.any(String), sourceName: 'CMMLU' } }),
      }),
    ]);
  }, 120_000);
});
