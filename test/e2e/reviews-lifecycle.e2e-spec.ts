import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertItems } from '../factories/items';
import { qa, writeJsonl } from '../factories/records';
import { uploadImport, waitForImport } from '../utils/imports';
import { createPeople, type Person } from '../utils/people';
import { decide, itemStatus, lease, nextReview, review } from '../utils/reviews';
import { createTestApp, type TestApp } from '../utils/test-app';

describe('review life-cycle: dual blind filtering, revision, validation by new people', () => {
  let t: TestApp;
  let dir: string;
  let a: Person[];
  let lead: Person;

  beforeAll(async () => {
    t = await createTestApp();
    dir = await mkdtemp(join(tmpdir(), 'pace-reviews-'));
    a = await createPeople(t, 'annotator', 5);
    [lead] = await createPeople(t, 'lead', 1);
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('import → two approvals → accepted; one reject → rejected → revision → validation by two new people → accepted', async () => {
    const file = join(dir, 'two.jsonl');
    await writeJsonl(file, [
      qa('汉朝是由谁建立的？', '汉朝由刘邦于公元前202年建立。'),
      qa('唐朝的都城在哪里？', '唐朝的都城是洛阳。'),
    ]);
    const curator = await t.tokenFor('researcher');
    const { id: importId } = await uploadImport(t, curator, file, { sourceName: 'lifecycle', ability: 'history' });
    expect((await waitForImport(t, curator, importId)).itemsCreated).toBe(2);
    const [han, tang] = (await t.db.query(`SELECT id FROM items WHERE import_id = $1 ORDER BY raw_line`, [importId])).map((r: { id: string }) => Number(r.id));

    const first = await lease(t, a[0]);
    expect(first.item.id).toBe(han);
    expect(first.round.kind).toBe('filter');
    const second = await lease(t, a[1]);
    expect(second.round.id).toBe(first.round.id);
    expect((await decide(t, a[0], first.lease.id, 'approve')).body.outcome).toBeNull();
    expect((await decide(t, a[1], second.lease.id, 'approve')).body).toMatchObject({ itemId: han, outcome: 'accepted' });
    expect(await itemStatus(t, han)).toBe('accepted');

    const r1 = await review(t, a[0], 'approve');
    expect(r1.item.id).toBe(tang);
    const l2 = await lease(t, a[1]);
    const rejected = await decide(t, a[1], l2.lease.id, 'reject', { reasons: ['incorrect_answer'], comment: '唐朝都城是长安' });
    expect(rejected.body).toMatchObject({ itemId: tang, outcome: 'rejected' });
    expect(await itemStatus(t, tang)).toBe('rejected');

    const disagreements = await t.http.get('/api/reviews/disagreements').set(...lead.auth).expect(200);
    expect(disagreements.body).toHaveLength(1);
    expect(disagreements.body[0].decisions.map((d: { decision: string }) => d.decision).sort()).toEqual(['approve', 'reject']);

    const sent = await t.http.post('/api/revisions/assign').set(...lead.auth).send({ abilityIds: [await abilityId(t, 'history')] }).expect(200);
    expect(sent.body).toEqual({ sent: 1, itemIds: [tang] });

    const task = await t.http.post('/api/revisions/next').set(...a[2].auth).send({}).expect(200);
    expect(task.body.item.id).toBe(tang);
    expect(task.body.history[0].decisions).toContainEqual({ decision: 'reject', reasons: ['incorrect_answer'], comment: '唐朝都城是长安' });
    expect(await itemStatus(t, tang)).toBe('revising');
    const revised = await t.http
      .post(`/api/revisions/${task.body.revision.id}/submit`)
      .set(...a[2].auth)
      .send({
        messages: [
          { role: 'user', content: '唐朝的都城在哪里？' },
          { role: 'assistant', content: '唐朝的都城是长安（今西安）。' },
        ],
        comment: '更正都城',
        idempotencyKey: 'rev-1',
      })
      .expect(200);
    expect(new Set(revised.body.excludedReviewers)).toEqual(new Set([a[2].id, a[0].id, a[1].id]));
    expect(await itemStatus(t, tang)).toBe('validating');

    const stored = await t.http.get(`/api/revisions/${task.body.revision.id}`).set(...lead.auth).expect(200);
    expect(stored.body.diff).toContain('-唐朝的都城是洛阳。');
    expect(stored.body.diff).toContain('+唐朝的都城是长安（今西安）。');
    expect(stored.body.before.messages[1].content).toBe('唐朝的都城是洛阳。');

    for (const p of [a[0], a[1], a[2]]) expect((await nextReview(t, p)).status, `${p.name} must not validate`).toBe(204);
    const v1 = await lease(t, a[3]);
    expect(v1.round.kind).toBe('validation');
    expect(v1.item.messages[1].content).toBe('唐朝的都城是长安（今西安）。');
    expect(v1.revision?.diff).toContain('+唐朝的都城是长安（今西安）。');
    const v2 = await lease(t, a[4]);
    expect(v2.round.id).toBe(v1.round.id);
    await decide(t, a[3], v1.lease.id, 'approve').expect(200);
    expect((await decide(t, a[4], v2.lease.id, 'approve').expect(200)).body.outcome).toBe('accepted');
    expect(await itemStatus(t, tang)).toBe('accepted');

    const history = await t.db.query(
      `SELECT before->>'status' AS before, after->>'status' AS after FROM audit_log WHERE entity = 'item' AND entity_id = $1 AND action = 'status' ORDER BY id`,
      [String(tang)],
    );
    expect(history).toEqual([
      { before: 'pending_review', after: 'in_review' },
      { before: 'in_review', after: 'rejected' },
      { before: 'rejected', after: 'in_revision' },
      { before: 'in_revision', after: 'revising' },
      { before: 'revising', after: 'validating' },
      { before: 'validating', after: 'accepted' },
    ]);
    const [{ reviews }] = await t.db.query(`SELECT count(*)::int AS reviews FROM audit_log WHERE entity = 'review' AND action = 'submit'`);
    expect(reviews).toBe(6);
    await expect(t.db.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
  });

  it('keeps each decision blind until both are in: lease, item reviews, lead view', async () => {
    const [itemId] = await insertItems(t.db, { count: 1, ability: 'biology' });
    const bio = await abilityId(t, 'biology');
    const first = await lease(t, a[0], { abilityId: bio });
    expect(first.item.id).toBe(itemId);
    await decide(t, a[0], first.lease.id, 'reject', { reasons: ['other'], comment: 'secret-note-42' }).expect(200);

    const second = await lease(t, a[1], { abilityId: bio });
    expect(second.round.id).toBe(first.round.id);
    expect(JSON.stringify(second)).not.toMatch(/secret-note-42|reject/);
    const seenBySecond = await t.http.get(`/api/items/${itemId}/reviews`).set(...a[1].auth).expect(200);
    expect(seenBySecond.body).toEqual([]);
    const seenByFirst = await t.http.get(`/api/items/${itemId}/reviews`).set(...a[0].auth).expect(200);
    expect(seenByFirst.body[0].decisions).toHaveLength(1);
    expect(seenByFirst.body[0].decisions[0].reviewerId).toBe(a[0].id);
    const seenByLead = await t.http.get(`/api/items/${itemId}/reviews`).set(...lead.auth).expect(200);
    expect(seenByLead.body[0]).toMatchObject({ status: 'open', reviewsIn: 1, decisions: [] });

    await decide(t, a[1], second.lease.id, 'approve').expect(200);
    const after = await t.http.get(`/api/items/${itemId}/reviews`).set(...lead.auth).expect(200);
    expect(after.body[0]).toMatchObject({ status: 'decided', outcome: 'rejected' });
    expect(after.body[0].decisions.map((d: { comment: string | null }) => d.comment)).toContain('secret-note-42');
    const bySecond = await t.http.get(`/api/items/${itemId}/reviews`).set(...a[1].auth).expect(200);
    expect(bySecond.body[0].decisions).toHaveLength(2);
    expect((await t.http.get(`/api/items/${itemId}/reviews`).set(...a[2].auth).expect(200)).body).toEqual([]);
  });

  it('refuses a rejection without a reason and "other" without a comment, naming the field', async () => {
    await insertItems(t.db, { count: 1, ability: 'ethics' });
    const l = await lease(t, a[0], { abilityId: await abilityId(t, 'ethics') });
    const noReason = await decide(t, a[0], l.lease.id, 'reject', { reasons: [] }).expect(422);
    expect(noReason.body.errors).toEqual([{ field: 'reasons', message: 'required when rejecting' }]);
    const noComment = await decide(t, a[0], l.lease.id, 'reject', { reasons: ['other'] }).expect(422);
    expect(noComment.body.errors[0].field).toBe('comment');
    const badReason = await decide(t, a[0], l.lease.id, 'reject', { reasons: ['boring'] }).expect(400);
    expect(JSON.stringify(badReason.body)).toContain('reasons');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM review_assignments WHERE id = $1 AND state = 'submitted'`, [l.lease.id]);
    expect(n).toBe(0);
  });
});

async function abilityId(t: TestApp, key: string): Promise<number> {
  const [row] = await t.db.query('SELECT id FROM abilities WHERE key = $1', [key]);
  return row.id;
}
