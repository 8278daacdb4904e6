import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPeople, type Person } from '../utils/people';
import { createTestApp, type TestApp } from '../utils/test-app';
import { freezeAndWait, seedItems, versionSplits } from './datasets-fixtures';

const TEST_TEXT = '秦始皇统一六国以后，推行郡县制度，并且统一文字、货币和度量衡。';
const BENCH_TEXT = '光合作用是绿色植物利用光能，把二氧化碳和水合成有机物并释放氧气的过程。';

describe('decontamination on freeze: shared 13-character n-grams with eval and benchmark items', () => {
  let t: TestApp;
  let researcher: Person;
  let lead: Person;
  let testItem: number;
  let benchItem: number;
  let leaksTest: number;
  let leaksBench: number;
  let shares12: number;
  let clean: number[];
  let v1: any;

  beforeAll(async () => {
    t = await createTestApp();
    [researcher] = await createPeople(t, 'researcher', 1);
    [lead] = await createPeople(t, 'lead', 1);
    [testItem] = await seedItems(t, { count: 1, split: 'test', texts: [TEST_TEXT] });
    [benchItem] = await seedItems(t, { count: 1, sourceKind: 'benchmark', sourceName: 'CMMLU-生物', status: 'pending_review', texts: [BENCH_TEXT] });
    [leaksTest, leaksBench, shares12] = await seedItems(t, {
      count: 3,
      split: 'train',
      texts: [
        // 13 characters of the test item, with full-width punctuation dropped and other text around it
        '请回答：据史书记载，以后 推行郡县制度并且统一文字 之后发生了什么？',
        '下面哪一项描述正确？绿色植物利用光能把二氧化碳和水合成有机物。',
        // only 12 shared characters: 推行郡县制度并且统一文字
        '问：推行郡县制度并且统一文字的意义是什么',
      ],
    });
    clean = await seedItems(t, { count: 5, split: 'train' });
  });
  afterAll(() => t.close());

  it('flags and excludes train items sharing a 13-gram with a test item or a benchmark item, with evidence', async () => {
    v1 = await freezeAndWait(t, researcher.token, { name: 'd1', splits: { valid: 0, test: 1 } });
    const splits = await versionSplits(t, v1.id);
    expect(splits.get(testItem)).toBe('test');
    expect(splits.has(leaksTest)).toBe(false);
    expect(splits.has(leaksBench)).toBe(false);
    expect(splits.has(benchItem)).toBe(false); // benchmarks are references, never data
    expect(splits.get(shares12)).toBe('train');
    for (const id of clean) expect(splits.get(id)).toBe('train');
    expect(v1.decontamination).toMatchObject({ ngram: 13, flagged: 2, overruled: 0, excluded: 2, evalItems: 1, benchmarkItems: 1, documents: 10, boilerplateCutoff: 10 });
    expect(v1.counts.history).toEqual({ train: 6, valid: 0, test: 1, total: 7 });

    const res = await t.http.get(`/api/datasets/versions/${v1.id}/exclusions`).set(...researcher.auth).query({ filter: '{"reason":"contaminated"}' }).expect(200);
    expect(res.body).toEqual([
      expect.objectContaining({
        itemId: leaksTest,
        split: 'train',
        overruled: false,
        // the n-gram is in the test item and this one: 2 documents, far under the boilerplate cut-off (issue 11 item 4)
        evidence: { ngram: '以后推行郡县制度并且统一文', documentFrequency: 2, cutoff: 10, matchedItemId: testItem, matchedSplit: 'test', benchmark: null },
      }),
      expect.objectContaining({
        itemId: leaksBench,
        evidence: {
          ngram: '绿色植物利用光能把二氧化碳',
          documentFrequency: 2,
          cutoff: 10,
          matchedItemId: benchItem,
          matchedSplit: null,
          benchmark: { sourceId: expect.any(String), sourceName: 'CMMLU-生物' },
        },
      }),
    ]);
    expect([...res.body[0].evidence.ngram]).toHaveLength(13);
  });

  it('lets only leads overrule, audits it, and includes the overruled item in the next freeze', async () => {
    const body = { reason: '同一史实的常识表述，不构成泄漏' };
    await t.http.post(`/api/datasets/contamination/${leaksTest}/overrule`).set(...researcher.auth).send(body).expect(403);
    await t.http.post(`/api/datasets/contamination/${leaksTest}/overrule`).set(...lead.auth).send({ reason: '' }).expect(400);
    await t.http.post(`/api/datasets/contamination/999999/overrule`).set(...lead.auth).send(body).expect(404);
    const ok = await t.http.post(`/api/datasets/contamination/${leaksTest}/overrule`).set(...lead.auth).send(body).expect(200);
    expect(ok.body).toMatchObject({ itemId: leaksTest, overruledBy: lead.id, reason: body.reason });
    const [audit] = await t.db.query(`SELECT actor_id, after FROM audit_log WHERE entity = 'item' AND entity_id = $1 AND action = 'overrule_contamination'`, [
      String(leaksTest),
    ]);
    expect(audit).toEqual({ actor_id: lead.id, after: { reason: body.reason } });

    // the frozen version still shows the flag, now with the standing overrule for the next freeze
    const listed = await t.http.get(`/api/datasets/versions/${v1.id}/exclusions`).set(...researcher.auth).expect(200);
    expect(listed.body.find((e: any) => e.itemId === leaksTest)).toMatchObject({ overruled: false, overrule: { reason: body.reason } });

    const v2 = await freezeAndWait(t, researcher.token, { name: 'd2', parentId: v1.id, splits: { valid: 0, test: 1 } });
    const splits = await versionSplits(t, v2.id);
    expect(splits.get(leaksTest)).toBe('train');
    expect(splits.has(leaksBench)).toBe(false);
    expect(v2.decontamination).toMatchObject({ flagged: 2, overruled: 1, excluded: 1 });
    const flags = await t.http.get(`/api/datasets/versions/${v2.id}/exclusions`).set(...researcher.auth).expect(200);
    expect(flags.body.map((e: any) => [e.itemId, e.reason, e.overruled])).toEqual([
      [leaksTest, 'contaminated', true],
      [leaksBench, 'contaminated', false],
    ]);
  });

  it('uses the configured n-gram length', async () => {
    const v3 = await freezeAndWait(t, researcher.token, { name: 'd3', splits: { valid: 0, test: 1 }, ngram: 12 });
    const flags = await t.http.get(`/api/datasets/versions/${v3.id}/exclusions`).set(...researcher.auth).expect(200);
    expect(flags.body.map((e: any) => e.itemId)).toContain(shares12);
  });
});
