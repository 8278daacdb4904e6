import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertItems } from '../factories/items';
import { createPeople, type Person } from '../utils/people';
import { decide, lease, nextReview } from '../utils/reviews';
import { createTestApp, type TestApp } from '../utils/test-app';

describe('leases: eligibility, expiry, idempotent decisions', () => {
  let t: TestApp;
  let a: Person[];

  beforeAll(async () => {
    t = await createTestApp({ REVIEW_LEASE_S: '1' });
    a = await createPeople(t, 'annotator', 4);
  });
  afterAll(() => t.close());

  it('gives a reviewer their own lease back, never the same item twice in a round, and returns expired leases to the pool', async () => {
    const [itemId] = await insertItems(t.db, { count: 1 });
    const l0 = await lease(t, a[0]);
    expect(l0.item.id).toBe(itemId);
    expect((await lease(t, a[0])).lease.id).toBe(l0.lease.id);
    const l1 = await lease(t, a[1]);
    expect(l1.round.id).toBe(l0.round.id);
    expect((await nextReview(t, a[2])).status).toBe(204);

    await new Promise((r) => setTimeout(r, 1300));
    const l2 = await lease(t, a[2]);
    expect(l2.round.id).toBe(l0.round.id);
    const late = await decide(t, a[0], l0.lease.id, 'approve').expect(410);
    expect(late.body.message).toMatch(/expired.*back to the pool/);
    expect((await nextReview(t, a[0])).status).toBe(204);
    expect((await nextReview(t, a[1])).status).toBe(204);
    const l3 = await lease(t, a[3]);
    expect(l3.round.id).toBe(l0.round.id);
    await decide(t, a[2], l2.lease.id, 'approve').expect(200);
    expect((await decide(t, a[3], l3.lease.id, 'approve').expect(200)).body.outcome).toBe('accepted');

    const rows = await t.db.query(`SELECT reviewer_id, state FROM review_assignments WHERE round_id = $1 ORDER BY id`, [l0.round.id]);
    expect(rows.map((r: { state: string }) => r.state)).toEqual(['expired', 'expired', 'submitted', 'submitted']);
  });

  it('answers a resubmission with the same key with the same result and refuses a different one', async () => {
    await insertItems(t.db, { count: 1 });
    const l = await lease(t, a[0]);
    const body = { decision: 'approve', reasons: [], idempotencyKey: 'key-1' };
    const once = await t.http.post(`/api/reviews/${l.lease.id}/decision`).set(...a[0].auth).send(body).expect(200);
    const again = await t.http.post(`/api/reviews/${l.lease.id}/decision`).set(...a[0].auth).send(body).expect(200);
    expect(again.body).toEqual(once.body);
    const other = await t.http.post(`/api/reviews/${l.lease.id}/decision`).set(...a[0].auth).send({ ...body, idempotencyKey: 'key-2' });
    expect(other.status).toBe(409);
    const flipped = await t.http.post(`/api/reviews/${l.lease.id}/decision`).set(...a[0].auth).send({ ...body, decision: 'reject', reasons: ['formatting'] });
    expect(flipped.status).toBe(200);
    expect(flipped.body.decision).toBe('approve');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'review' AND entity_id = $1`, [l.lease.id]);
    expect(n).toBe(1);

    await insertItems(t.db, { count: 1 });
    const l2 = await lease(t, a[1]);
    await t.http.post(`/api/reviews/${l2.lease.id}/decision`).set(...a[1].auth).send({ ...body, idempotencyKey: 'shared' }).expect(200);
    const l3 = await lease(t, a[1]);
    const reused = await t.http.post(`/api/reviews/${l3.lease.id}/decision`).set(...a[1].auth).send({ ...body, idempotencyKey: 'shared' });
    expect(reused.status).toBe(409);
    expect(reused.body.message).toContain(`lease ${l2.lease.id}`);
    const foreign = await t.http.post(`/api/reviews/${l3.lease.id}/decision`).set(...a[2].auth).send({ ...body, idempotencyKey: 'x' });
    expect(foreign.status).toBe(404);
  });
});

describe('pausing a reviewer', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('hands their leases back, gives them no new work, and lets them work again once resumed', async () => {
    const a = await createPeople(t, 'annotator', 3);
    const [lead] = await createPeople(t, 'lead', 1);
    await insertItems(t.db, { count: 2 });
    const held = await lease(t, a[0]);

    const paused = await t.http.post(`/api/reviewers/${a[0].id}/pause`).set(...lead.auth).send({ paused: true }).expect(200);
    expect(paused.body).toEqual({ id: a[0].id, paused: true, leasesReleased: 1 });
    const refused = await nextReview(t, a[0]);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/paused/);
    await decide(t, a[0], held.lease.id, 'approve').expect(410);

    const l1 = await lease(t, a[1]);
    const l2 = await lease(t, a[2]);
    expect([l1.round.id, l2.round.id]).toEqual([held.round.id, held.round.id]);
    const leases = await t.http.get('/api/reviewers/leases').set(...lead.auth).expect(200);
    expect(leases.body.map((l: { holderId: string }) => l.holderId).sort()).toEqual([a[1].id, a[2].id].sort());
    const people = await t.http.get('/api/reviewers').set(...lead.auth).expect(200);
    expect(people.body.find((p: { id: string }) => p.id === a[0].id)).toMatchObject({ paused: true, activeLeases: 0 });

    await t.http.post(`/api/reviewers/${a[0].id}/pause`).set(...lead.auth).send({ paused: false }).expect(200);
    const again = await lease(t, a[0]);
    expect(again.round.id).not.toBe(held.round.id);
    const audit = await t.db.query(`SELECT action FROM audit_log WHERE entity = 'user' AND entity_id = $1 ORDER BY id`, [a[0].id]);
    expect(audit.map((r: { action: string }) => r.action)).toEqual(['pause', 'resume']);
    await t.http.post(`/api/reviewers/${lead.id}/pause`).set(...a[1].auth).send({ paused: true }).expect(403);
  });
});

describe('concurrency: 200 annotators asking at once', () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}/api`;
  });
  afterAll(() => t.close());

  const post = (p: Person, path: string, body: unknown) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${p.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  it('never gives a third lease on an item-round and loses or doubles no decision', async () => {
    const items = await insertItems(t.db, { count: 60 });
    const people = await createPeople(t, 'annotator', 200);

    const responses = await Promise.all(people.map((p) => post(p, '/reviews/next', {})));
    const leases = await Promise.all(responses.map(async (r) => (r.status === 200 ? ((await r.json()) as { lease: { id: string }; round: { id: string } }) : null)));
    expect(responses.every((r) => r.status === 200 || r.status === 204)).toBe(true);
    expect(leases.filter(Boolean)).toHaveLength(120);
    const perRound = await t.db.query(`SELECT round_id, count(*)::int AS n, count(DISTINCT reviewer_id)::int AS people FROM review_assignments WHERE state = 'leased' GROUP BY 1`);
    expect(perRound).toHaveLength(60);
    expect(perRound.every((r: { n: number; people: number }) => r.n === 2 && r.people === 2)).toBe(true);
    const [{ rounds }] = await t.db.query(`SELECT count(DISTINCT item_id)::int AS rounds FROM review_rounds`);
    expect(rounds).toBe(items.length);

    // every holder submits twice at once with the same key (a retried request), approving on even item-rounds
    const submissions = people.flatMap((p, i) => {
      const l = leases[i];
      if (!l) return [];
      const body = { decision: Number(l.round.id) % 2 ? 'reject' : 'approve', reasons: Number(l.round.id) % 2 ? ['low_diversity'] : [], idempotencyKey: `k-${p.id}` };
      return [post(p, `/reviews/${l.lease.id}/decision`, body), post(p, `/reviews/${l.lease.id}/decision`, body)];
    });
    const statuses = (await Promise.all(submissions)).map((r) => r.status);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    const decided = await t.db.query(`
      SELECT r.id, r.status, r.outcome, count(a.id)::int AS decisions, count(DISTINCT a.reviewer_id)::int AS people
      FROM review_rounds r JOIN review_assignments a ON a.round_id = r.id AND a.state = 'submitted' GROUP BY r.id`);
    expect(decided).toHaveLength(60);
    for (const r of decided) {
      expect(r).toMatchObject({ status: 'decided', decisions: 2, people: 2, outcome: Number(r.id) % 2 ? 'rejected' : 'accepted' });
    }
    const [{ audits }] = await t.db.query(`SELECT count(*)::int AS audits FROM audit_log WHERE entity = 'review' AND action = 'submit'`);
    expect(audits).toBe(120);
    const statusCounts = await t.db.query(`SELECT status, count(*)::int AS n FROM items GROUP BY status ORDER BY status`);
    expect(statusCounts).toEqual([
      { status: 'accepted', n: 30 },
      { status: 'rejected', n: 30 },
    ]);
  });
});
