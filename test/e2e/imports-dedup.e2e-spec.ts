import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chineseQa, qa, writeJsonl } from '../factories/records';
import { uploadImport, waitForImport } from '../utils/imports';
import { createTestApp, TestApp } from '../utils/test-app';

describe('de-duplication across imports', () => {
  let t: TestApp;
  let researcher: string;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp();
    researcher = await t.tokenFor('researcher');
    dir = await mkdtemp(join(tmpdir(), 'pace-dedup-'));
  });
  afterAll(() => t.close());

  it('keeps exact and near duplicates of an earlier import out of review, linked to their originals', async () => {
    const first = Array.from({ length: 40 }, (_, i) => chineseQa(i));
    await writeJsonl(join(dir, 'a.jsonl'), first);
    const a = await waitForImport(t, researcher, (await uploadImport(t, researcher, join(dir, 'a.jsonl'), { sourceName: 'batch-a' })).id);
    expect(a).toMatchObject({ status: 'completed', itemsCreated: 40, exactDuplicates: 0, nearDuplicates: 0 });

    const exact = first[3];
    // Same text with half-width punctuation and extra spaces: standardization makes it the same item.
    const reformatted = qa(first[5].messages[0].content.replace(/，/g, ', ').replace(/：/g, ':  '), first[5].messages[1].content);
    // A near duplicate: one character of the answer changed.
    const near = qa(first[7].messages[0].content, first[7].messages[1].content.replace('深远', '深刻'));
    const fresh = [chineseQa(500), chineseQa(501)];
    await writeJsonl(join(dir, 'b.jsonl'), [exact, reformatted, near, ...fresh]);
    const b = await waitForImport(t, researcher, (await uploadImport(t, researcher, join(dir, 'b.jsonl'), { sourceName: 'batch-b' })).id);
    expect(b).toMatchObject({ status: 'completed', itemsCreated: 2, exactDuplicates: 2, nearDuplicates: 1, errorCount: 0 });

    const rows = await t.db.query(
      `SELECT b.raw_line, b.status, b.duplicate_kind, b.duplicate_similarity, a.raw_line AS original_line, a.import_id = $2 AS original_in_a
         FROM items b LEFT JOIN items a ON a.id = b.duplicate_of WHERE b.import_id = $1 ORDER BY b.raw_line`,
      [b.id, a.id],
    );
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'pending_review', 'pending_review']);
    expect(rows.slice(0, 3).map((r: { duplicate_kind: string; original_line: number; original_in_a: boolean }) => [r.duplicate_kind, r.original_line, r.original_in_a]))
      .toEqual([['exact', 4, true], ['exact', 6, true], ['near', 8, true]]);
    expect(rows[2].duplicate_similarity).toBeGreaterThanOrEqual(0.8);
    expect(rows[2].duplicate_similarity).toBeLessThan(1);
  });

  it('finds duplicates inside one file too, pointing at the first occurrence', async () => {
    const recs = [chineseQa(900), chineseQa(901), chineseQa(900)];
    await writeJsonl(join(dir, 'c.jsonl'), recs);
    const c = await waitForImport(t, researcher, (await uploadImport(t, researcher, join(dir, 'c.jsonl'), { sourceName: 'batch-c' })).id);
    expect(c).toMatchObject({ itemsCreated: 2, exactDuplicates: 1 });
    const [dup] = await t.db.query(`SELECT d.duplicate_of = o.id AS linked FROM items d JOIN items o ON o.import_id = d.import_id AND o.raw_line = 1 WHERE d.import_id = $1 AND d.raw_line = 3`, [c.id]);
    expect(dup.linked).toBe(true);
  });

  it('lets a lead overrule a duplicate flag, with an audit entry; researchers cannot', async () => {
    const [dup] = await t.db.query(`SELECT id FROM items WHERE status = 'duplicate' ORDER BY id LIMIT 1`);
    await t.http.post(`/api/items/${dup.id}/overrule-duplicate`).set('Authorization', `Bearer ${researcher}`).expect(403);
    const lead = await t.tokenFor('lead');
    const res = await t.http.post(`/api/items/${dup.id}/overrule-duplicate`).set('Authorization', `Bearer ${lead}`).expect(200);
    expect(res.body.status).toBe('pending_review');
    expect(res.body.duplicateOf).not.toBeNull();
    await t.http.post(`/api/items/${dup.id}/overrule-duplicate`).set('Authorization', `Bearer ${lead}`).expect(409);
    const [audit] = await t.db.query(`SELECT action, actor_id, before->>'status' AS before FROM audit_log WHERE entity = 'item' AND entity_id = $1`, [String(dup.id)]);
    expect(audit).toEqual({ action: 'overrule_duplicate', actor_id: t.userId('lead'), before: 'duplicate' });
    const list = await t.http.get(`/api/items?filter=${encodeURIComponent(JSON.stringify({ status: 'duplicate' }))}`).set('Authorization', `Bearer ${lead}`).expect(200);
    expect(list.body.map((i: { id: number }) => i.id)).not.toContain(dup.id);
  });
});
