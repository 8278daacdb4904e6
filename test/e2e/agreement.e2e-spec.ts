import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohenKappa } from '../../server/agreement/stats';
import { insertItems } from '../factories/items';
import { createPeople, type Person } from '../utils/people';
import { decide, lease } from '../utils/reviews';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * The prevalence-paradox vector (agreement-golden.md, vector 9: Gwet's irrCAC fixture in DKPro, 2×2 table
 * [[80,7],[8,5]]) produced through the real workflow: two reviewers, 100 items, decisions laid out to match the table.
 */
describe('agreement statistics over real review data', () => {
  let t: TestApp;
  let researcher: Person;
  let rater: Person[];

  beforeAll(async () => {
    t = await createTestApp();
    rater = (await createPeople(t, 'annotator', 2)).sort((x, y) => (x.id < y.id ? -1 : 1));
    [researcher] = await createPeople(t, 'researcher', 1);
    await insertItems(t.db, { count: 100, ability: 'cot_math' });
    const cells: ['approve' | 'reject', 'approve' | 'reject', number][] = [
      ['approve', 'approve', 80],
      ['approve', 'reject', 7],
      ['reject', 'approve', 8],
      ['reject', 'reject', 5],
    ];
    for (const [first, second, count] of cells) {
      for (let i = 0; i < count; i++) {
        const a = await lease(t, rater[0]);
        const b = await lease(t, rater[1]);
        expect(b.round.id).toBe(a.round.id);
        await decide(t, rater[0], a.lease.id, first, { timeSpentMs: 10_000 + 97 * i }).expect(200);
        await decide(t, rater[1], b.lease.id, second, { timeSpentMs: 20_000 }).expect(200);
      }
    }
  }, 120_000);
  afterAll(() => t.close());

  it('reproduces vector 9: agreement 0.85, AC1 0.808, α 0.3177, Fleiss κ = π 0.3143, with bootstrap intervals', async () => {
    const res = await t.http.get('/api/agreement').query({ groupBy: 'ability' }).set(...researcher.auth).expect(200);
    expect(res.body.groups).toHaveLength(1);
    const g = res.body.groups[0];
    expect(g).toMatchObject({ label: 'cot_math', rounds: 100, passRate: 0.8, reviewerPairs: 1 });
    expect(g.percentAgreement.estimate).toBeCloseTo(0.85, 10);
    expect(g.gwetAc1.estimate).toBeCloseTo(0.808, 3);
    expect(g.krippendorffAlpha.estimate).toBeCloseTo(0.3177, 4);
    expect(g.fleissKappa.estimate).toBeCloseTo(0.3143, 4);
    expect(g.meanCohenKappa.estimate).toBeCloseTo(0.3144, 4);
    for (const stat of [g.percentAgreement, g.gwetAc1, g.krippendorffAlpha, g.fleissKappa, g.meanCohenKappa]) {
      expect(stat.low).toBeLessThan(stat.estimate);
      expect(stat.high).toBeGreaterThan(stat.estimate);
    }
    expect(g.gwetAc1.low).toBeGreaterThan(g.krippendorffAlpha.high);
  });

  it('gives the pairwise Cohen κ matrix and per-reviewer figures', async () => {
    const pairs = await t.http.get('/api/agreement/pairs').query({ intervals: true }).set(...researcher.auth).expect(200);
    expect(pairs.body.pairs).toHaveLength(1);
    expect(pairs.body.pairs[0]).toMatchObject({ reviewerA: rater[0].id, reviewerB: rater[1].id, rounds: 100 });
    expect(pairs.body.pairs[0].cohenKappa.estimate).toBeCloseTo(0.3144, 4);
    expect(pairs.body.pairs[0].cohenKappa.low).toBeLessThan(0.3144);
    const plain = await t.http.get('/api/agreement/pairs').set(...researcher.auth).expect(200);
    expect(plain.body.pairs[0].cohenKappa).toEqual({ estimate: pairs.body.pairs[0].cohenKappa.estimate, low: null, high: null });
    expect(pairs.body.meanCohenKappa).toBeCloseTo(0.3144, 4);
    expect(pairs.body.reviewers.map((r: { id: string }) => r.id).sort()).toEqual(rater.map((r) => r.id).sort());
    expect(pairs.body).toMatchObject({ reviewerCount: 2, pairCount: 1 });
    for (const r of rater) expect(pairs.body.reviewerMeans).toContainEqual({ reviewerId: r.id, meanCohenKappa: expect.closeTo(0.3144, 4), pairs: 1 });
    // a heatmap's top covers both reviewers here; fewer than two reviewers make no pair, so top is at least 2
    const top = await t.http.get('/api/agreement/pairs').query({ intervals: true, top: 2 }).set(...researcher.auth).expect(200);
    expect(top.body).toEqual(pairs.body);
    const refused = await t.http.get('/api/agreement/pairs').query({ top: 1 }).set(...researcher.auth).expect(400);
    expect(JSON.stringify(refused.body)).toContain('top');

    const reviewers = await t.http.get('/api/agreement/reviewers').set(...researcher.auth).expect(200);
    const byId = Object.fromEntries(reviewers.body.map((r: { reviewerId: string }) => [r.reviewerId, r]));
    expect(byId[rater[0].id]).toMatchObject({ reviewed: 100, approvalRate: 0.87, coReviewerAgreement: 0.85 });
    expect(byId[rater[1].id]).toMatchObject({ reviewed: 100, approvalRate: 0.88, coReviewerAgreement: 0.85 });
    const [{ median }] = await t.db.query(`SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY time_spent_ms) AS median FROM review_assignments WHERE reviewer_id = $1`, [rater[0].id]);
    expect(Math.abs(byId[rater[0].id].medianMs - median) / median).toBeLessThan(0.06);
    expect(Math.abs(byId[rater[1].id].medianMs - 20_000) / 20_000).toBeLessThan(0.06);
  });

  it('groups by week and source, and filters by time', async () => {
    const weeks = await t.http.get('/api/agreement').query({ groupBy: 'week' }).set(...researcher.auth).expect(200);
    expect(weeks.body.groups).toHaveLength(1);
    expect(weeks.body.groups[0].label).toMatch(/^\d{4}-W\d{2}$/);
    const sources = await t.http.get('/api/agreement').query({ groupBy: 'source' }).set(...researcher.auth).expect(200);
    expect(sources.body.groups[0].rounds).toBe(100);
    const future = await t.http.get('/api/agreement').query({ from: new Date(Date.now() + 8 * 86400_000).toISOString() }).set(...researcher.auth).expect(200);
    expect(future.body.groups).toEqual([]);
    const thisWeek = await t.http.get('/api/agreement').query({ from: new Date().toISOString(), groupBy: 'none' }).set(...researcher.auth).expect(200);
    expect(thisWeek.body.groups[0]).toMatchObject({ rounds: 100, reviewerPairs: null, meanCohenKappa: { estimate: null, low: null, high: null } });
    const bad = await t.http.get('/api/agreement').query({ groupBy: 'planet' }).set(...researcher.auth).expect(400);
    expect(JSON.stringify(bad.body)).toContain('groupBy');
    await t.http.get('/api/agreement/pairs').query({ from: new Date().toISOString() }).set(...researcher.auth).expect(400);
  });

  it('keeps its running counts equal to a rebuild from the rounds and reviews', async () => {
    const snapshot = async () => ({
      cells: await t.db.query('SELECT * FROM agreement_cells ORDER BY subject, ability_id, source_id, week, approvals'),
      pairs: await t.db.query('SELECT * FROM agreement_pairs ORDER BY subject, ability_id, reviewer_lo, reviewer_hi'),
      reviewers: await t.db.query('SELECT * FROM reviewer_stats ORDER BY subject, reviewer_id, ability_id, source_id'),
    });
    const running = await snapshot();
    expect(running.cells.map((c: { approvals: number; n: number }) => [c.approvals, c.n])).toEqual([[0, 5], [1, 15], [2, 80]]);
    expect(running.pairs).toHaveLength(1);
    expect(running.pairs[0]).toMatchObject({ aa: 80, ar: 7, ra: 8, rr: 5 });
    expect(running.pairs[0].kappa).toBeCloseTo(0.3144, 4);
    await t.db.query('SELECT pace_rebuild_agreement_counts()');
    expect(await snapshot()).toEqual(running);
  });

  it('computes a pair κ in SQL by the rules of the statistics library', async () => {
    const tables = [[80, 7, 8, 5], [10, 0, 0, 0], [0, 0, 0, 3], [3, 2, 1, 0], [5, 5, 5, 5], [0, 4, 4, 0]];
    for (const [aa, ar, ra, rr] of tables) {
      const [{ kappa }] = await t.db.query('SELECT pace_cohen_kappa_2x2($1, $2, $3, $4) AS kappa', [aa, ar, ra, rr]);
      const expected = cohenKappa([[aa, ar], [ra, rr]]).value;
      if (expected === null) expect(kappa).toBeNull();
      else expect(kappa).toBeCloseTo(expected, 12);
    }
    const [{ kappa }] = await t.db.query('SELECT pace_cohen_kappa_2x2(0, 0, 0, 0) AS kappa');
    expect(kappa).toBeNull();
  });

  // last: it decides one more round
  it('answers from its cache until the counts change, then with the new decision; pass rates come without the bootstrap', async () => {
    const get = async (path: string, query: Record<string, unknown> = {}) => (await t.http.get(path).query(query).set(...researcher.auth).expect(200)).body;
    const summary = await get('/api/agreement', { groupBy: 'ability' });
    // the same counts: the kept answer, computed once
    expect(await get('/api/agreement', { groupBy: 'ability' })).toEqual(summary);
    expect(await get('/api/agreement/pass-rates', { groupBy: 'ability' })).toEqual({
      groupBy: 'ability',
      groups: [{ key: summary.groups[0].key, label: 'cot_math', rounds: 100, singleReviewRounds: 0, passRate: 0.8 }],
    });
    const pairs = await get('/api/agreement/pairs', { intervals: true });
    expect(await get('/api/agreement/pairs', { intervals: true })).toEqual(pairs);

    // a renamed reviewer shows under the new name
    await t.db.query(`UPDATE users SET name = 'Renamed rater' WHERE id = $1`, [rater[0].id]);
    expect((await get('/api/agreement/pairs', { intervals: true })).reviewers).toContainEqual({ id: rater[0].id, name: 'Renamed rater' });
    expect((await get('/api/agreement/reviewers')).find((r: { reviewerId: string }) => r.reviewerId === rater[0].id).name).toBe('Renamed rater');

    // one more round, approved by one and rejected by the other: every figure moves at once
    await insertItems(t.db, { count: 1, ability: 'cot_math' });
    const a = await lease(t, rater[0]);
    const b = await lease(t, rater[1]);
    await decide(t, rater[0], a.lease.id, 'approve').expect(200);
    // one review in, the round still open: reviewer figures move, agreement does not
    expect((await get('/api/agreement/reviewers')).find((r: { reviewerId: string }) => r.reviewerId === rater[0].id).reviewed).toBe(101);
    expect(await get('/api/agreement', { groupBy: 'ability' })).toEqual(summary);
    await decide(t, rater[1], b.lease.id, 'reject').expect(200);

    const after = await get('/api/agreement', { groupBy: 'ability' });
    expect(after.groups[0]).toMatchObject({ rounds: 101, passRate: 80 / 101 });
    expect(after.groups[0].percentAgreement.estimate).toBeCloseTo(85 / 101, 10);
    expect(after.computedAt).not.toBe(summary.computedAt);
    expect((await get('/api/agreement/pass-rates')).groups[0]).toMatchObject({ rounds: 101, passRate: 80 / 101 });
    const pairsAfter = await get('/api/agreement/pairs', { intervals: true });
    expect(pairsAfter.pairs[0].rounds).toBe(101);
    expect(pairsAfter.pairs[0].cohenKappa.estimate).toBeCloseTo(cohenKappa([[80, 8], [8, 5]]).value!, 10);
    const reviewers = await get('/api/agreement/reviewers');
    expect(reviewers.find((r: { reviewerId: string }) => r.reviewerId === rater[1].id)).toMatchObject({ reviewed: 101, approvalRate: 88 / 101, coReviewerAgreement: 85 / 101 });
  });
});
