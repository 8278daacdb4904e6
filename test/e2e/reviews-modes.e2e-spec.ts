import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VersionItemsRepository } from '../../server/exports/version-items.repository';
import { insertItems } from '../factories/items';
import { freezeAndWait } from './datasets-fixtures';
import { SingleReviewRounds1764022000000 } from '../../migrations/1764022000000-SingleReviewRounds';
import { ReviewsUnderLoad1764028000000 } from '../../migrations/1764028000000-ReviewsUnderLoad';
import { createPeople, type Person } from '../utils/people';
import { decide, itemStatus, lease, nextReview } from '../utils/reviews';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * Issue 15 item 4 and DESIGN.md invariant 1: a synthetic source may have its items reviewed once (`single`) or not
 * at all (`none`); everything else keeps two blind reviews. The items are inserted with their mode directly (the
 * import pipeline that copies an import's mode onto its items is tested with it).
 */
describe('review modes of synthetic sources', () => {
  let t: TestApp;
  let a: Person[];
  let lead: Person;
  let researcher: Person;

  const abilityId = async (key: string): Promise<number> => (await t.db.query(`SELECT id FROM abilities WHERE key = $1`, [key]))[0].id;

  beforeAll(async () => {
    t = await createTestApp();
    a = await createPeople(t, 'annotator', 5);
    [lead] = await createPeople(t, 'lead', 1);
    [researcher] = await createPeople(t, 'researcher', 1);
  });
  afterAll(() => t.close());

  it('issue 15 item 4: a single-review item is decided by its first review, and nobody else is offered it meanwhile', async () => {
    const history = await abilityId('history');
    const [accepted, rejected] = await insertItems(t.db, { count: 2, ability: 'history', sourceKind: 'synthetic', reviewMode: 'single' });

    const first = await lease(t, a[0], { abilityId: history });
    expect(first.item.id).toBe(accepted);
    expect(first).toMatchObject({ round: { kind: 'filter', reviewsNeeded: 1 }, item: { reviewMode: 'single' } });
    // the round opened with its one slot taken: a second reviewer gets the next item, never a second lease on this one
    const second = await lease(t, a[1], { abilityId: history });
    expect(second.item.id).toBe(rejected);
    expect((await nextReview(t, a[2], { abilityId: history })).status).toBe(204);

    expect((await decide(t, a[0], first.lease.id, 'approve').expect(200)).body).toMatchObject({ itemId: accepted, outcome: 'accepted' });
    expect((await decide(t, a[1], second.lease.id, 'reject').expect(200)).body).toMatchObject({ itemId: rejected, outcome: 'rejected' });
    expect(await itemStatus(t, accepted)).toBe('accepted');
    expect(await itemStatus(t, rejected)).toBe('rejected');
    const rounds = await t.db.query(
      `SELECT item_id::int AS item, status, reviews_needed, open_slots, reviewer_lo, approve_lo, reviewer_hi, approve_hi
         FROM review_rounds WHERE item_id = ANY ($1::bigint[]) ORDER BY item_id`,
      [[accepted, rejected]],
    );
    expect(rounds).toEqual([
      { item: accepted, status: 'decided', reviews_needed: 1, open_slots: 0, reviewer_lo: a[0].id, approve_lo: true, reviewer_hi: null, approve_hi: null },
      { item: rejected, status: 'decided', reviews_needed: 1, open_slots: 0, reviewer_lo: a[1].id, approve_lo: false, reviewer_hi: null, approve_hi: null },
    ]);
    expect((await nextReview(t, a[2], { abilityId: history })).status).toBe(204);
    const [audit] = await t.db.query(`SELECT actor_id, after FROM audit_log WHERE entity = 'item' AND entity_id = $1 AND after->>'status' = 'accepted'`, [String(accepted)]);
    expect(audit).toEqual({ actor_id: a[0].id, after: { action: 'accept', roundId: first.round.id, reviewsNeeded: 1, status: 'accepted' } });

    // the item's review history says its one decision decided it
    const seen = await t.http.get(`/api/items/${accepted}/reviews`).set(...lead.auth).expect(200);
    expect(seen.body).toHaveLength(1);
    expect(seen.body[0]).toMatchObject({ status: 'decided', outcome: 'accepted', reviews_needed: 1, reviewsIn: 1 });
  });

  it('issue 15 item 4: a released or expired single-review lease returns its one slot, so the item is not stranded', async () => {
    const biology = await abilityId('biology');
    const [item] = await insertItems(t.db, { count: 1, ability: 'biology', sourceKind: 'synthetic', reviewMode: 'single' });
    const held = await lease(t, a[0], { abilityId: biology });
    expect(held.item.id).toBe(item);
    await t.http.post(`/api/reviews/${held.lease.id}/release`).set(...a[0].auth).expect(200);
    const again = await lease(t, a[1], { abilityId: biology });
    expect(again.round.id).toBe(held.round.id);
    expect((await nextReview(t, a[2], { abilityId: biology })).status).toBe(204);
    expect((await decide(t, a[1], again.lease.id, 'approve').expect(200)).body.outcome).toBe('accepted');
  });

  it('issue 15 item 4: a dual item of the same synthetic source still needs two reviews from two people', async () => {
    const code = await abilityId('code');
    const [item] = await insertItems(t.db, { count: 1, ability: 'code', sourceKind: 'synthetic', reviewMode: 'dual' });
    const l0 = await lease(t, a[0], { abilityId: code });
    expect(l0).toMatchObject({ item: { id: item, reviewMode: 'dual' }, round: { reviewsNeeded: 2 } });
    expect((await decide(t, a[0], l0.lease.id, 'approve').expect(200)).body.outcome).toBeNull();
    expect(await itemStatus(t, item)).toBe('in_review');
    const l1 = await lease(t, a[1], { abilityId: code });
    expect(l1.round.id).toBe(l0.round.id);
    expect((await decide(t, a[1], l1.lease.id, 'approve').expect(200)).body.outcome).toBe('accepted');
  });

  it('issue 15 item 4: a none item never enters the review queue, not even if it were pending', async () => {
    const ethics = await abilityId('ethics');
    await insertItems(t.db, { count: 1, ability: 'ethics', sourceKind: 'synthetic', reviewMode: 'none', status: 'accepted' });
    await insertItems(t.db, { count: 1, ability: 'ethics', sourceKind: 'synthetic', reviewMode: 'none' });
    for (const p of a) expect((await nextReview(t, p, { abilityId: ethics })).status).toBe(204);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM review_rounds WHERE ability_id = $1`, [ethics]);
    expect(n).toBe(0);
    // nor does the queue depth leads watch count it as waiting for review
    const queue = await t.http.get('/api/reviews/queue').set(...lead.auth).expect(200);
    expect(queue.body.byAbility.filter((r: { abilityId: number }) => r.abilityId === ethics)).toEqual([]);
  });

  it('issue 15 item 4: the database refuses a single or none review mode on a curation source’s item, naming the rule', async () => {
    const [item] = await insertItems(t.db, { count: 1, ability: 'chinese', status: 'accepted' });
    await t.db.query(`UPDATE sources SET kind = 'curation' WHERE id = (SELECT source_id FROM items WHERE id = $1)`, [item]);
    await expect(t.db.query(`UPDATE items SET review_mode = 'single' WHERE id = $1`, [item])).rejects.toThrow('review mode single is only for synthetic sources');
    await expect(insertItems(t.db, { count: 1, ability: 'chinese', reviewMode: 'none' })).rejects.toThrow('review mode none is only for synthetic sources');
    const [{ mode }] = await t.db.query(`SELECT review_mode AS mode FROM items WHERE id = $1`, [item]);
    expect(mode).toBe('dual');
  });

  it('issue 15 item 4: items carry reviewMode in the list and on their page, and the list filters by it', async () => {
    const single = await insertItems(t.db, { count: 2, ability: 'role_play', sourceKind: 'synthetic', reviewMode: 'single', status: 'accepted' });
    const none = await insertItems(t.db, { count: 1, ability: 'role_play', sourceKind: 'synthetic', reviewMode: 'none', status: 'accepted' });
    const role = await abilityId('role_play');
    const list = await t.http
      .get('/api/items')
      .query({ filter: JSON.stringify({ reviewMode: 'single', abilityId: role }) })
      .set(...researcher.auth)
      .expect(200);
    expect(list.body.map((i: { id: number }) => i.id)).toEqual(single);
    expect(list.body.every((i: { reviewMode: string }) => i.reviewMode === 'single')).toBe(true);
    const shown = await t.http.get(`/api/items/${none[0]}`).set(...researcher.auth).expect(200);
    expect(shown.body.reviewMode).toBe('none');
    const all = await t.http.get('/api/items').query({ filter: JSON.stringify({ abilityId: role }) }).set(...researcher.auth).expect(200);
    expect(all.body.map((i: { reviewMode: string }) => i.reviewMode)).toEqual(['single', 'single', 'none']);
    const bad = await t.http.get('/api/items').query({ filter: JSON.stringify({ reviewMode: 'triple' }) }).set(...researcher.auth).expect(400);
    expect(JSON.stringify(bad.body)).toContain('reviewMode');
  });

  it('issue 15 item 4: a revised single-review item is validated by one reviewer other than its reviser', async () => {
    const logic = await abilityId('logical_reasoning');
    const [item] = await insertItems(t.db, { count: 1, ability: 'logical_reasoning', sourceKind: 'synthetic', reviewMode: 'single' });
    const first = await lease(t, a[0], { abilityId: logic });
    await decide(t, a[0], first.lease.id, 'reject').expect(200);
    await t.http.post('/api/revisions/assign').set(...lead.auth).send({ abilityIds: [logic] }).expect(200);
    const task = await t.http.post('/api/revisions/next').set(...a[1].auth).send({ abilityId: logic }).expect(200);
    expect(task.body.item.id).toBe(item);
    await t.http
      .post(`/api/revisions/${task.body.revision.id}/submit`)
      .set(...a[1].auth)
      .send({ messages: [{ role: 'user', content: '若所有A都是B，某个C是A，那么这个C是B吗？' }, { role: 'assistant', content: '是。' }], idempotencyKey: 'rev-single' })
      .expect(200);
    expect((await nextReview(t, a[1], { abilityId: logic })).status).toBe(204);
    const v = await lease(t, a[2], { abilityId: logic });
    expect(v).toMatchObject({ round: { kind: 'validation', reviewsNeeded: 1 }, item: { id: item, reviewMode: 'single' } });
    expect((await nextReview(t, a[3], { abilityId: logic })).status).toBe(204);
    expect((await decide(t, a[2], v.lease.id, 'approve').expect(200)).body.outcome).toBe('accepted');
    expect(await itemStatus(t, item)).toBe('accepted');
  });

  it('issue 15 item 4: agreement statistics count only two-decision rounds; the pass rate counts single rounds too', async () => {
    const math = await abilityId('cot_math');
    const single = await insertItems(t.db, { count: 3, ability: 'cot_math', sourceKind: 'synthetic', reviewMode: 'single' });
    const dual = await insertItems(t.db, { count: 2, ability: 'cot_math', sourceKind: 'synthetic', reviewMode: 'dual' });
    // single rounds: a[0] approves two and rejects one (none of these is agreement or disagreement)
    for (const [i, d] of (['approve', 'approve', 'reject'] as const).entries()) {
      const l = await lease(t, a[0], { abilityId: math });
      expect(l.item.id).toBe(single[i]);
      await decide(t, a[0], l.lease.id, d).expect(200);
    }
    // dual rounds: a[0] and a[1] agree on the first (both approve) and disagree on the second
    for (const [i, [d0, d1]] of ([['approve', 'approve'], ['approve', 'reject']] as const).entries()) {
      const l0 = await lease(t, a[0], { abilityId: math });
      const l1 = await lease(t, a[1], { abilityId: math });
      expect([l0.item.id, l1.item.id]).toEqual([dual[i], dual[i]]);
      await decide(t, a[0], l0.lease.id, d0).expect(200);
      await decide(t, a[1], l1.lease.id, d1).expect(200);
    }

    const summary = await t.http.get('/api/agreement').query({ groupBy: 'ability', abilityId: math }).set(...researcher.auth).expect(200);
    expect(summary.body.groups).toHaveLength(1);
    const g = summary.body.groups[0];
    expect(g).toMatchObject({ rounds: 2, singleReviewRounds: 3, reviewerPairs: 1 });
    expect(g.passRate).toBeCloseTo(3 / 5, 10);
    expect(g.percentAgreement.estimate).toBeCloseTo(0.5, 10);
    const pairs = await t.http.get('/api/agreement/pairs').query({ abilityId: math }).set(...researcher.auth).expect(200);
    expect(pairs.body.pairs).toHaveLength(1);
    expect(pairs.body.pairs[0].rounds).toBe(2);
    const reviewers = await t.http.get('/api/agreement/reviewers').query({ abilityId: math }).set(...researcher.auth).expect(200);
    const mine = reviewers.body.find((r: { reviewerId: string }) => r.reviewerId === a[0].id);
    // five reviews, four approvals; agreement with the co-reviewer over the two dual rounds only
    expect(mine).toMatchObject({ reviewed: 5, coReviewerAgreement: 0.5 });
    expect(mine.approvalRate).toBeCloseTo(4 / 5, 10);

    // the rebuild from review_rounds gives the same running counts as the decisions kept
    const counts = async () => ({
      cells: await t.db.query('SELECT subject, ability_id, source_id, week, reviews, approvals, n FROM agreement_cells ORDER BY 1, 2, 3, 4, 5, 6'),
      pairs: await t.db.query('SELECT * FROM agreement_pairs ORDER BY subject, ability_id, reviewer_lo, reviewer_hi'),
      reviewers: await t.db.query('SELECT subject, reviewer_id, ability_id, source_id, reviewed, approved, decided, agreed FROM reviewer_stats ORDER BY 1, 2, 3, 4'),
    });
    const kept = await counts();
    await t.db.query('SELECT pace_rebuild_agreement_counts()');
    expect(await counts()).toEqual(kept);
  });
  it('issue 15 item 4: a frozen version keeps a non-dual item’s review mode, and its DoIT line names it; dual lines are as before', async () => {
    const [single, none] = await insertItems(t.db, { count: 2, ability: 'creative_writing', sourceKind: 'synthetic', reviewMode: 'single', status: 'accepted' });
    await t.db.query(`UPDATE items SET review_mode = 'none' WHERE id = $1`, [none]);
    const [dual] = await insertItems(t.db, { count: 1, ability: 'creative_writing', status: 'accepted' });
    const version = await freezeAndWait(t, researcher.token, { name: 'modes', filter: { abilities: ['creative_writing'] }, splits: { valid: 0, test: 0 }, seed: 'modes' });
    const snapshots: { item: number; mode: string | null }[] = await t.db.query(
      `SELECT v.item_id::int AS item, s.content->>'reviewMode' AS mode FROM dataset_version_items v JOIN item_snapshots s ON s.hash = v.snapshot_hash
        WHERE v.version_id = $1 ORDER BY v.item_id`,
      [version.id],
    );
    expect(snapshots).toEqual([
      { item: single, mode: 'single' },
      { item: none, mode: 'none' },
      { item: dual, mode: null },
    ]);
    const repo = t.app.get(VersionItemsRepository);
    let doit = '';
    const seg = { ability: 'creative_writing', abilityId: await abilityId('creative_writing'), split: 'train' as const };
    for await (const page of repo.lines(version.id, seg, 'doit')) doit += page.bytes.toString('utf8');
    const lines = doit.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.review_mode)).toEqual(['single', 'none', undefined]);
    expect(doit.trimEnd().split('\n')[0].endsWith(',"review_mode":"single"}')).toBe(true);
  });
});

describe('review modes under concurrency (invariant 2)', () => {
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

  it('issue 15 item 4: 150 annotators asking at once never get two leases on a single-review item, nor three on a dual one', async () => {
    const single = await insertItems(t.db, { count: 40, sourceKind: 'synthetic', reviewMode: 'single' });
    const dual = await insertItems(t.db, { count: 20, sourceKind: 'synthetic', reviewMode: 'dual' });
    const people = await createPeople(t, 'annotator', 150);

    const responses = await Promise.all(people.map((p) => post(p, '/reviews/next', {})));
    expect(responses.every((r) => r.status === 200 || r.status === 204)).toBe(true);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(40 + 2 * 20);
    const perItem: { item: number; mode: string; n: number; people: number }[] = await t.db.query(
      `SELECT r.item_id::int AS item, i.review_mode AS mode, count(*)::int AS n, count(DISTINCT a.reviewer_id)::int AS people
         FROM review_assignments a JOIN review_rounds r ON r.id = a.round_id JOIN items i ON i.id = r.item_id
        WHERE a.state = 'leased' GROUP BY 1, 2 ORDER BY 1`,
    );
    expect(perItem.map((r) => r.item)).toEqual([...single, ...dual].sort((x, y) => x - y));
    for (const r of perItem) expect(r, `item ${r.item}`).toMatchObject(r.mode === 'single' ? { n: 1, people: 1 } : { n: 2, people: 2 });
    const [{ slots }] = await t.db.query(`SELECT sum(open_slots)::int AS slots FROM review_rounds`);
    expect(slots).toBe(0);
  });
});

describe('the SingleReviewRounds migration', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('goes down (refusing while single-review rounds exist) and back up', async () => {
    const columns = async () =>
      (await t.db.query(`SELECT table_name || '.' || column_name AS c FROM information_schema.columns WHERE column_name IN ('reviews_needed', 'reviews') ORDER BY 1`)).map(
        (r: { c: string }) => r.c,
      );
    const runner = t.db.createQueryRunner();
    try {
      // a later migration turned agreement_cells into a view over tables of its own: it goes down first, up last
      await new ReviewsUnderLoad1764028000000().down(runner);
      expect(await columns()).toEqual(['agreement_cells.reviews', 'review_rounds.reviews_needed']);
      const [a] = await createPeople(t, 'annotator', 1);
      await insertItems(t.db, { count: 1, sourceKind: 'synthetic', reviewMode: 'single' });
      await lease(t, a);
      await expect(new SingleReviewRounds1764022000000().down(runner)).rejects.toThrow('1 single-review rounds exist');
      await t.db.query(`DELETE FROM review_assignments`);
      await t.db.query(`DELETE FROM review_rounds`);
      await t.db.query(`INSERT INTO pace_queue_settings (id, enabled, hours) VALUES (1, true, 7)`);
      await new SingleReviewRounds1764022000000().down(runner);
      expect(await columns()).toEqual([]);
      const [kept] = await t.db.query(`SELECT enabled, hours FROM pace_queue_settings WHERE id = 1`);
      expect(kept).toEqual({ enabled: true, hours: 7 });
      await new SingleReviewRounds1764022000000().up(runner);
      expect(await columns()).toEqual(['agreement_cells.reviews', 'review_rounds.reviews_needed']);
      await new ReviewsUnderLoad1764028000000().up(runner);
      expect(await columns()).toEqual(['agreement_cell_deltas.reviews', 'agreement_cell_totals.reviews', 'agreement_cells.reviews', 'review_rounds.reviews_needed']);
    } finally {
      await runner.release();
    }
  });
});
