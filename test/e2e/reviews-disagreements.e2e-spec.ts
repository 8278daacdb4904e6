import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReviews } from '../../bench/seed-reviews';
import { DISAGREEMENT_COUNT_LIMIT } from '../../server/reviews/review-queries.service';
import { createPeople, type Person } from '../utils/people';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * The lead's disagreements list on more split rounds than it counts: 2,400 decided rounds with a coin-flip approval
 * each give about 1,200 disagreements (the chance of 1,000 or fewer is below 1e-15), so the total stops at the limit
 * and says so, while a narrower filter still gets an exact total.
 */
describe('disagreements past the count limit', () => {
  let t: TestApp;
  let lead: Person;
  const list = (query: Record<string, string>) => t.http.get('/api/reviews/disagreements').query(query).set(...lead.auth).expect(200);
  const exact = async (abilityId?: number) =>
    Number(
      (
        await t.db.query(
          `SELECT count(*) AS n FROM review_rounds r JOIN items i ON i.id = r.item_id
           WHERE r.status = 'decided' AND r.approve_lo <> r.approve_hi AND i.status IN ('accepted', 'rejected') AND ($1::int IS NULL OR r.ability_id = $1)`,
          [abilityId ?? null],
        )
      )[0].n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    [lead] = await createPeople(t, 'lead', 1);
    await seedReviews(t.db, { decidedItems: 2400, pendingItems: 0, annotators: 6, approveRate: 0.5, weeks: 4 }, () => undefined);
  }, 120_000);
  afterAll(() => t.close());

  it('stops counting at the limit, says the total is a lower bound, and pages newest first', async () => {
    expect(await exact()).toBeGreaterThan(DISAGREEMENT_COUNT_LIMIT);
    const first = await list({ range: '[0,9]', sort: '["decidedAt","DESC"]' });
    expect(first.headers['content-range']).toBe(`disagreements 0-9/${DISAGREEMENT_COUNT_LIMIT}`);
    expect(first.headers['x-total-is-lower-bound']).toBe('true');
    const second = await list({ range: '[10,19]', sort: '["decidedAt","DESC"]' });
    const times = [...first.body, ...second.body].map((d: { decidedAt: string }) => Date.parse(d.decidedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set([...first.body, ...second.body].map((d: { id: string }) => d.id)).size).toBe(20);
    // the newest disagreement of all heads the list
    const [{ newest }] = await t.db.query(`SELECT max(decided_at) AS newest FROM review_rounds WHERE status = 'decided' AND approve_lo <> approve_hi`);
    expect(times[0]).toBe(new Date(newest).getTime());
  });

  it('counts exactly below the limit, with no lower-bound header', async () => {
    // one ability of ten holds about 120 disagreements
    const res = await list({ range: '[0,9]', filter: JSON.stringify({ abilityId: 3 }) });
    const n = await exact(3);
    expect(n).toBeLessThan(DISAGREEMENT_COUNT_LIMIT);
    expect(res.headers['content-range']).toBe(`disagreements 0-9/${n}`);
    expect(res.headers['x-total-is-lower-bound']).toBeUndefined();
    expect(res.body.every((d: { abilityId: number }) => d.abilityId === 3)).toBe(true);
  });
});
