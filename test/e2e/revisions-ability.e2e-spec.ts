import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertItems } from '../factories/items';
import { createPeople, type Person } from '../utils/people';
import { decide, itemStatus, lease, nextReview } from '../utils/reviews';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * Issue 16 item 4: a reviewer rejects an item as the wrong category; the reviser moves it to another ability with the
 * revision, and from then on the item is that ability's: its validation round, the validators' lease, the item page.
 */
describe('revision moves an item to another ability (issue 16 item 4)', () => {
  let t: TestApp;
  let a: Person[];
  let lead: Person;
  let history: number;
  let biology: number;
  let moved: number;
  let refused: number;

  const abilityOf = async (itemId: number) => (await t.db.query(`SELECT ability_id FROM items WHERE id = $1`, [itemId]))[0].ability_id;
  const submit = (p: Person, revisionId: string, body: Record<string, unknown>) =>
    t.http.post(`/api/revisions/${revisionId}/submit`).set(...p.auth).send({ idempotencyKey: randomUUID(), ...body });
  const conversation = [
    { role: 'user', content: '细胞膜的主要成分是什么？' },
    { role: 'assistant', content: '细胞膜主要由磷脂双分子层和蛋白质构成。' },
  ];

  beforeAll(async () => {
    t = await createTestApp();
    a = await createPeople(t, 'annotator', 4);
    [lead] = await createPeople(t, 'lead', 1);
    [{ id: history }] = await t.db.query(`SELECT id FROM abilities WHERE key = 'history'`);
    [{ id: biology }] = await t.db.query(`SELECT id FROM abilities WHERE key = 'biology'`);
    [moved, refused] = await insertItems(t.db, { count: 2, ability: 'history', status: 'rejected' });
    await t.http.post('/api/revisions/assign').set(...lead.auth).send({ itemIds: [moved, refused] }).expect(200);
  });
  afterAll(() => t.close());

  it('the submitted ability is the item’s: validation round, the validators’ queue and lease, the item page, the diff', async () => {
    const task = await t.http.post('/api/revisions/next').set(...a[0].auth).send({}).expect(200);
    expect(task.body.item).toMatchObject({ id: moved, ability: { id: history, key: 'history' } });

    const done = await submit(a[0], task.body.revision.id, { messages: conversation, abilityId: biology, comment: '类别错误：应属生物' }).expect(200);
    expect(await abilityOf(moved)).toBe(biology);
    const [round] = await t.db.query(`SELECT kind, ability_id FROM review_rounds WHERE id = $1`, [done.body.validationRoundId]);
    expect(round).toEqual({ kind: 'validation', ability_id: biology });

    // the item page (GET /api/items/:id, the item list filtered by ability) names the new ability
    expect((await t.http.get(`/api/items/${moved}`).set(...lead.auth).expect(200)).body.abilityId).toBe(biology);
    const inBiology = await t.http.get('/api/items').query({ filter: JSON.stringify({ abilityId: biology }) }).set(...lead.auth).expect(200);
    expect(inBiology.body.map((i: { id: number }) => i.id)).toEqual([moved]);

    // the revision record and its diff say what moved
    const stored = await t.http.get(`/api/revisions/${task.body.revision.id}`).set(...lead.auth).expect(200);
    expect(stored.body.before.abilityId).toBe(history);
    expect(stored.body.after.abilityId).toBe(biology);
    expect(stored.body.diff).toContain('-history');
    expect(stored.body.diff).toContain('+biology');
    const [audit] = await t.db.query(`SELECT before, after FROM audit_log WHERE entity = 'revision' AND entity_id = $1 AND action = 'submit'`, [task.body.revision.id]);
    expect([audit.before.abilityId, audit.after.abilityId]).toEqual([history, biology]);

    // validators asking for history work do not get it; asking for biology they do, and the lease names biology
    expect((await nextReview(t, a[1], { abilityId: history })).status).toBe(204);
    const v1 = await lease(t, a[1], { abilityId: biology });
    const v2 = await lease(t, a[2], { abilityId: biology });
    for (const v of [v1, v2]) {
      expect(v.item.id).toBe(moved);
      expect(v.round.kind).toBe('validation');
      expect((v as unknown as { ability: { key: string } }).ability.key).toBe('biology');
    }
    await decide(t, a[1], v1.lease.id, 'approve').expect(200);
    expect((await decide(t, a[2], v2.lease.id, 'approve').expect(200)).body.outcome).toBe('accepted');
    expect(await itemStatus(t, moved)).toBe('accepted');
    expect(await abilityOf(moved)).toBe(biology);
  });

  it('an unknown ability is refused (422 on abilityId) and nothing changes', async () => {
    const task = await t.http.post('/api/revisions/next').set(...a[3].auth).send({}).expect(200);
    expect(task.body.item.id).toBe(refused);
    const res = await submit(a[3], task.body.revision.id, { messages: conversation, abilityId: 999_999 }).expect(422);
    expect(res.body.errors).toEqual([{ field: 'abilityId', message: 'no such ability' }]);
    expect(await abilityOf(refused)).toBe(history);
    expect(await itemStatus(t, refused)).toBe('revising');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM review_rounds WHERE item_id = $1 AND kind = 'validation'`, [refused]);
    expect(n).toBe(0);
  });
});
