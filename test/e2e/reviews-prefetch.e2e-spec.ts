import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddReviewPrefetch1763975000000 } from '../../migrations/1763975000000-AddReviewPrefetch';
import { PaceGuidedQueue1764013001000 } from '../../migrations/1764013001000-PaceGuidedQueue';
import { insertItems } from '../factories/items';
import { createPeople, type Person } from '../utils/people';
import { decide, lease, nextReview } from '../utils/reviews';
import { createTestApp, type TestApp } from '../utils/test-app';

const prefetch = (t: TestApp, p: Person) => nextReview(t, p, { prefetch: true });

async function heldBy(t: TestApp, p: Person): Promise<string[]> {
  const rows = await t.db.query(`SELECT id FROM review_assignments WHERE reviewer_id = $1 AND state = 'leased' ORDER BY id`, [p.id]);
  return rows.map((r: { id: string }) => r.id);
}

describe('prefetch: a second lease, at most two held', () => {
  let t: TestApp;
  let a: Person[];

  beforeAll(async () => {
    t = await createTestApp();
    a = await createPeople(t, 'annotator', 3);
  });
  afterAll(() => t.close());

  it('grants a second lease on another item while one is held, and keeps plain next on the first', async () => {
    await insertItems(t.db, { count: 4 });
    const first = await lease(t, a[0]);
    const second = await lease(t, a[0], { prefetch: true });
    expect(second.lease.id).not.toBe(first.lease.id);
    expect(second.round.id).not.toBe(first.round.id);
    expect(second.item.id).not.toBe(first.item.id);
    expect((await lease(t, a[0])).lease.id).toBe(first.lease.id);
    expect((await lease(t, a[0], { prefetch: true })).lease.id).toBe(second.lease.id);
    expect(await heldBy(t, a[0])).toEqual([first.lease.id, second.lease.id]);

    // deciding the first makes the prefetched one current; the next prefetch takes a third item
    await decide(t, a[0], first.lease.id, 'approve').expect(200);
    expect((await lease(t, a[0])).lease.id).toBe(second.lease.id);
    const third = await lease(t, a[0], { prefetch: true });
    expect([first.item.id, second.item.id]).not.toContain(third.item.id);
    expect(await heldBy(t, a[0])).toEqual([second.lease.id, third.lease.id]);
    await decide(t, a[0], second.lease.id, 'reject').expect(200);
    await decide(t, a[0], third.lease.id, 'approve').expect(200);
  });

  it('never holds a third lease, even when prefetches race', async () => {
    await insertItems(t.db, { count: 4 });
    await lease(t, a[1]);
    // Two prefetches at once, forced to overlap: the first holds its transaction open while the second starts.
    const [c1, c2] = [new Client(t.databaseUrl), new Client(t.databaseUrl)];
    await Promise.all([c1.connect(), c2.connect()]);
    try {
      const call = `SELECT assignment_id FROM pace_lease_review($1::uuid, NULL, NULL, 600, true, NULL)`;
      await c1.query('BEGIN');
      const taken = (await c1.query(call, [a[1].id])).rows[0].assignment_id;
      let secondDone = false;
      const second = c2.query(call, [a[1].id]).finally(() => (secondDone = true));
      await new Promise((r) => setTimeout(r, 300));
      expect(secondDone, 'the second prefetch waits for the first').toBe(false);
      await c1.query('COMMIT');
      expect((await second).rows[0].assignment_id).toBe(taken);
    } finally {
      await Promise.all([c1.end(), c2.end()]);
    }
    const held = await heldBy(t, a[1]);
    expect(held).toHaveLength(2);
    expect((await lease(t, a[1], { prefetch: true })).lease.id).toBe(held[1]);
    expect(await heldBy(t, a[1])).toEqual(held);
  });

  it('answers 204 when there is nothing more to fetch ahead', async () => {
    const [lone] = await createPeople(t, 'annotator', 1);
    // no pending item left (taken into review: a move the item life-cycle allows) and no open slot
    await t.db.query(`UPDATE items SET status = 'in_review' WHERE status = 'pending_review'`);
    await t.db.query(`UPDATE review_rounds SET open_slots = 0`);
    await insertItems(t.db, { count: 1 });
    const only = await lease(t, lone);
    expect((await prefetch(t, lone)).status).toBe(204);
    expect(await heldBy(t, lone)).toEqual([only.lease.id]);
  });
});

describe('prefetch: an expired prefetched lease', () => {
  let t: TestApp;
  let a: Person[];

  beforeAll(async () => {
    t = await createTestApp({ REVIEW_LEASE_S: '1' });
    a = await createPeople(t, 'annotator', 2);
  });
  afterAll(() => t.close());

  it('goes back to the pool, refuses a late decision with 410, and a new prefetch takes a fresh lease', async () => {
    await insertItems(t.db, { count: 4 });
    const first = await lease(t, a[0]);
    const ahead = await lease(t, a[0], { prefetch: true });
    await new Promise((r) => setTimeout(r, 1300));

    const other = await lease(t, a[1]);
    expect(other.round.id).toBe(first.round.id);
    const late = await decide(t, a[0], ahead.lease.id, 'approve').expect(410);
    expect(late.body.message).toMatch(/expired.*back to the pool/);
    const [{ state }] = await t.db.query(`SELECT state FROM review_assignments WHERE id = $1`, [ahead.lease.id]);
    expect(state).toBe('expired');
    // a new filtering round keeps one slot open for the second reviewer; the expired lease gave back the other
    const [{ open_slots }] = await t.db.query(`SELECT open_slots FROM review_rounds WHERE id = $1`, [ahead.round.id]);
    expect(open_slots).toBe(2);

    const now = await lease(t, a[0]);
    const again = await lease(t, a[0], { prefetch: true });
    expect(new Set([now.lease.id, again.lease.id, first.lease.id, ahead.lease.id]).size).toBe(4);
    expect(await heldBy(t, a[0])).toEqual([now.lease.id, again.lease.id]);
  });
});

describe('prefetch migration', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const signatures = async () =>
    (await t.db.query(`SELECT pg_get_function_identity_arguments(oid) AS args FROM pg_proc WHERE proname = 'pace_lease_review'`)).map(
      (r: { args: string }) => r.args,
    );

  it('goes down to the four-argument function and back up (through the pace-guided queue\'s six-argument one)', async () => {
    const runner = t.db.createQueryRunner();
    try {
      expect(await signatures()).toEqual([expect.stringMatching(/p_prefetch boolean, p_weights jsonb$/)]);
      await new PaceGuidedQueue1764013001000().down(runner);
      expect(await signatures()).toEqual([expect.stringMatching(/p_prefetch boolean$/)]);
      await new AddReviewPrefetch1763975000000().down(runner);
      expect(await signatures()).toEqual(['p_reviewer uuid, p_ability integer, p_kind text, p_lease_s integer']);
      await new AddReviewPrefetch1763975000000().up(runner);
      expect(await signatures()).toEqual([expect.stringMatching(/p_prefetch boolean$/)]);
      await new PaceGuidedQueue1764013001000().up(runner);
      expect(await signatures()).toEqual([expect.stringMatching(/p_prefetch boolean, p_weights jsonb$/)]);
    } finally {
      await runner.release();
    }
  });
});
