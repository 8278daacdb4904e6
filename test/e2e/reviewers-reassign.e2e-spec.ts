import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertItems } from '../factories/items';
import { createPeople, type Person } from '../utils/people';
import { decide, lease, nextReview } from '../utils/reviews';
import { createTestApp, type TestApp } from '../utils/test-app';

const FINE = '公元前206年，刘邦击败项羽，建立汉朝，定都洛阳。第1号答案。';
const COARSE = '长安是一座历史悠久的城市，今天有很多名胜古迹值得游览，比如大雁塔和城墙。';

describe('leads reassign held leases', () => {
  let t: TestApp;
  let a: Person[];
  let lead: Person;

  beforeAll(async () => {
    t = await createTestApp();
    a = await createPeople(t, 'annotator', 5);
    [lead] = await createPeople(t, 'lead', 1);
  });
  afterAll(() => t.close());

  const reassign = (body: Record<string, unknown>, by: Person = lead) => t.http.post('/api/reviewers/leases/reassign').set(...by.auth).send(body);
  const holders = async () =>
    (await t.http.get('/api/reviewers/leases').set(...lead.auth).expect(200)).body.map((l: { kind: string; id: string; holderId: string }) => [l.kind, l.id, l.holderId]);

  it('moves a review lease to another reviewer: the old holder gets 410, the new one finishes the round', async () => {
    const [itemId] = await insertItems(t.db, { count: 1 });
    const held = await lease(t, a[0]);
    const other = await lease(t, a[1]);
    expect(other.round.id).toBe(held.round.id);

    const moved = await reassign({ kind: 'review', leaseId: held.lease.id, toReviewerId: a[2].id }).expect(200);
    expect(moved.body).toMatchObject({ kind: 'review', itemId, releasedLeaseId: held.lease.id, fromReviewerId: a[0].id, toReviewerId: a[2].id });
    expect(moved.body.leaseId).not.toBe(held.lease.id);
    expect(await holders()).toEqual(expect.arrayContaining([['review', moved.body.leaseId, a[2].id]]));

    const late = await decide(t, a[0], held.lease.id, 'approve');
    expect(late.status).toBe(410);
    const taken = await lease(t, a[2]);
    expect(taken.lease.id).toBe(moved.body.leaseId);
    expect(taken.round.id).toBe(held.round.id);
    expect((await decide(t, a[2], taken.lease.id, 'approve').expect(200)).body.outcome).toBeNull();
    expect((await decide(t, a[1], other.lease.id, 'approve').expect(200)).body).toMatchObject({ itemId, outcome: 'accepted' });

    const decided = await t.db.query(`SELECT reviewer_id, state FROM review_assignments WHERE round_id = $1 ORDER BY id`, [held.round.id]);
    expect(decided).toEqual([
      { reviewer_id: a[0].id, state: 'released' },
      { reviewer_id: a[1].id, state: 'submitted' },
      { reviewer_id: a[2].id, state: 'submitted' },
    ]);
    const [audit] = await t.db.query(`SELECT actor_id, before, after FROM audit_log WHERE entity = 'review' AND action = 'reassign' AND entity_id = $1`, [held.lease.id]);
    expect(audit).toEqual({
      actor_id: lead.id,
      before: { holderId: a[0].id, leaseId: held.lease.id },
      after: { holderId: a[2].id, leaseId: moved.body.leaseId, itemId },
    });
  });

  it('refuses what a reviewer could not take themselves, stale leases, bad input and non-leads', async () => {
    await insertItems(t.db, { count: 1 });
    const first = await lease(t, a[3]);
    const second = await lease(t, a[4]);
    expect(second.round.id).toBe(first.round.id);
    const body = { kind: 'review', leaseId: first.lease.id };

    expect((await reassign({ ...body, toReviewerId: a[4].id }).expect(409)).body.message).toMatch(/two different reviewers/);
    expect((await reassign({ ...body, toReviewerId: a[3].id }).expect(409)).body.message).toMatch(/already holds/);
    await t.http.post(`/api/reviewers/${a[0].id}/pause`).set(...lead.auth).send({ paused: true }).expect(200);
    expect((await reassign({ ...body, toReviewerId: a[0].id }).expect(409)).body.message).toMatch(/paused/);
    await t.http.post(`/api/reviewers/${a[0].id}/pause`).set(...lead.auth).send({ paused: false }).expect(200);
    await reassign({ ...body, toReviewerId: '00000000-0000-4000-8000-000000000000' }).expect(404);
    await reassign({ ...body, kind: 'revision' }).expect(404);
    await reassign({ kind: 'review', leaseId: 'abc' }).expect(400);
    await reassign({ kind: 'nap', leaseId: first.lease.id }).expect(400);
    await reassign(body, a[0]).expect(403);

    await decide(t, a[3], first.lease.id, 'approve').expect(200);
    expect((await reassign({ ...body, toReviewerId: a[0].id }).expect(409)).body.message).toMatch(/no longer held \(submitted\)/);
    await decide(t, a[4], second.lease.id, 'approve').expect(200);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'reassign' AND entity_id = $1`, [first.lease.id]);
    expect(n).toBe(0);
  });

  it('sends a review lease back to the pool, where the next reviewer who asks gets the slot', async () => {
    await insertItems(t.db, { count: 1 });
    const held = await lease(t, a[0]);
    const back = await reassign({ kind: 'review', leaseId: held.lease.id, toReviewerId: null }).expect(200);
    expect(back.body).toMatchObject({ releasedLeaseId: held.lease.id, fromReviewerId: a[0].id, leaseId: null, toReviewerId: null });
    const [round] = await t.db.query(`SELECT open_slots FROM review_rounds WHERE id = $1`, [held.round.id]);
    expect(round.open_slots).toBe(2);
    await decide(t, a[0], held.lease.id, 'approve').expect(410);
    const l1 = await lease(t, a[1]);
    const l2 = await lease(t, a[2]);
    expect([l1.round.id, l2.round.id]).toEqual([held.round.id, held.round.id]);
    expect((await nextReview(t, a[3])).status).toBe(204);
    await decide(t, a[1], l1.lease.id, 'reject').expect(200);
    await decide(t, a[2], l2.lease.id, 'approve').expect(200);
  });

  it('moves a revision lease with its starting point, and sends one back to the revision queue', async () => {
    const [first, second] = await insertItems(t.db, { count: 2, status: 'rejected' });
    await t.http.post('/api/revisions/assign').set(...lead.auth).send({ itemIds: [first, second] }).expect(200);
    const held = await t.http.post('/api/revisions/next').set(...a[0].auth).send({}).expect(200);
    expect(held.body.item.id).toBe(first);

    const moved = await reassign({ kind: 'revision', leaseId: held.body.revision.id, toReviewerId: a[1].id }).expect(200);
    expect(moved.body).toMatchObject({ kind: 'revision', itemId: first, toReviewerId: a[1].id });
    const submission = {
      messages: [
        { role: 'user', content: '汉朝是谁建立的？' },
        { role: 'assistant', content: '汉朝由刘邦建立。' },
      ],
      idempotencyKey: 'reassigned-rev',
    };
    await t.http.post(`/api/revisions/${held.body.revision.id}/submit`).set(...a[0].auth).send(submission).expect(410);
    const taken = await t.http.post('/api/revisions/next').set(...a[1].auth).send({}).expect(200);
    expect(taken.body.revision.id).toBe(moved.body.leaseId);
    expect(taken.body.item.id).toBe(first);
    const done = await t.http.post(`/api/revisions/${taken.body.revision.id}/submit`).set(...a[1].auth).send(submission).expect(200);
    expect(done.body.excludedReviewers).toContain(a[1].id);
    const stored = await t.http.get(`/api/revisions/${taken.body.revision.id}`).set(...lead.auth).expect(200);
    expect(stored.body.before.messages[1].content).toMatch(/建立汉朝/);
    expect(stored.body.diff).toContain('+汉朝由刘邦建立。');

    const next = await t.http.post('/api/revisions/next').set(...a[2].auth).send({}).expect(200);
    expect(next.body.item.id).toBe(second);
    await reassign({ kind: 'revision', leaseId: next.body.revision.id }).expect(200);
    const [item] = await t.db.query(`SELECT status FROM items WHERE id = $1`, [second]);
    expect(item.status).toBe('in_revision');
    const again = await t.http.post('/api/revisions/next').set(...a[3].auth).send({}).expect(200);
    expect(again.body.item.id).toBe(second);
    await reassign({ kind: 'revision', leaseId: again.body.revision.id }).expect(200);
  });

  it('moves a distractor task with the kinds still to write', async () => {
    const [itemId] = await insertItems(t.db, { count: 1, status: 'accepted', split: 'valid' });
    const held = await t.http.post('/api/distractors/next').set(...a[0].auth).send({}).expect(200);
    expect(held.body.item.id).toBe(itemId);
    const moved = await reassign({ kind: 'distractor', leaseId: held.body.task.id, toReviewerId: a[1].id }).expect(200);
    const pair = { fine: FINE, coarse: COARSE, idempotencyKey: 'reassigned-task' };
    await t.http.post(`/api/distractors/tasks/${held.body.task.id}/submit`).set(...a[0].auth).send(pair).expect(410);
    expect((await t.http.post('/api/distractors/next').set(...a[0].auth).send({})).status).toBe(204);
    const taken = await t.http.post('/api/distractors/next').set(...a[1].auth).send({}).expect(200);
    expect(taken.body.task).toMatchObject({ id: moved.body.leaseId, kinds: ['fine', 'coarse'] });
    const done = await t.http.post(`/api/distractors/tasks/${taken.body.task.id}/submit`).set(...a[1].auth).send(pair).expect(200);
    expect(done.body.distractors).toHaveLength(2);
    const [audit] = await t.db.query(`SELECT before, after FROM audit_log WHERE entity = 'distractor_task' AND action = 'reassign'`);
    expect(audit.before).toEqual({ holderId: a[0].id, leaseId: held.body.task.id });
  });
});

describe('reviewer throughput for the lead dashboard', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('counts reviews submitted today and in the last 7 days', async () => {
    const a = await createPeople(t, 'annotator', 2);
    const [lead] = await createPeople(t, 'lead', 1);
    await insertItems(t.db, { count: 3 });
    for (let i = 0; i < 3; i++) {
      for (const p of a) {
        const l = await lease(t, p);
        await decide(t, p, l.lease.id, 'approve').expect(200);
      }
    }
    const mine = await t.db.query(`SELECT id FROM review_assignments WHERE reviewer_id = $1 ORDER BY id`, [a[0].id]);
    await t.db.query(`UPDATE review_assignments SET submitted_at = now() - interval '3 days' WHERE id = $1`, [mine[0].id]);
    await t.db.query(`UPDATE review_assignments SET submitted_at = now() - interval '10 days' WHERE id = $1`, [mine[1].id]);

    const people = (await t.http.get('/api/reviewers').set(...lead.auth).expect(200)).body;
    const figures = (id: string) => people.find((p: { id: string }) => p.id === id);
    expect(figures(a[0].id)).toMatchObject({ reviewsToday: 1, reviewsLast7Days: 2, paused: false });
    expect(figures(a[1].id)).toMatchObject({ reviewsToday: 3, reviewsLast7Days: 3 });
    expect(figures(lead.id)).toMatchObject({ reviewsToday: 0, reviewsLast7Days: 0 });
  });
});
