import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertItems } from '../factories/items';
import { createPeople, type Person } from '../utils/people';
import { decide, itemStatus, lease } from '../utils/reviews';
import { createTestApp, type TestApp } from '../utils/test-app';

const FINE = '公元前206年，刘邦击败项羽，建立汉朝，定都洛阳。第1号答案。';
const COARSE = '长安是一座历史悠久的城市，今天有很多名胜古迹值得游览，比如大雁塔和城墙。';

type Entry = Record<string, any>;

/** GET /reviews/mine/history as the person, with react-admin's query parameters. */
async function history(t: TestApp, p: Person, filter: Record<string, unknown> = {}, range = [0, 24]) {
  const res = await t.http
    .get('/api/reviews/mine/history')
    .query({ filter: JSON.stringify(filter), range: JSON.stringify(range), sort: JSON.stringify(['at', 'DESC']) })
    .set(...p.auth);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { rows: res.body as Entry[], range: res.headers['content-range'] as string };
}

function change(t: TestApp, p: Person, leaseId: string, body: Record<string, unknown>) {
  return t.http.put(`/api/reviews/${leaseId}/decision`).set(...p.auth).send(body);
}

/** The incrementally kept counts, to compare with a rebuild from the rounds and decisions themselves. */
async function counts(t: TestApp) {
  return {
    stats: await t.db.query(`SELECT subject, reviewer_id, ability_id, reviewed, approved, decided, agreed, time_hist FROM reviewer_stats ORDER BY 1, 2, 3`),
    pairs: await t.db.query(`SELECT subject, ability_id, reviewer_lo, reviewer_hi, aa, ar, ra, rr FROM agreement_pairs ORDER BY 1, 2, 3, 4`),
    cells: await t.db.query(`SELECT subject, ability_id, reviews, approvals, n FROM agreement_cells ORDER BY 1, 2, 3, 4`),
  };
}

describe('my work: a reviewer’s own decisions, revisions and distractors; changing an open decision', () => {
  let t: TestApp;
  let a: Person;
  let b: Person;
  let c: Person;
  let lead: Person;
  let first: number;
  let second: number;
  let distractorItem: number;
  let openLease: string;
  let decidedLease: string;

  beforeAll(async () => {
    t = await createTestApp();
    [a, b, c] = await createPeople(t, 'annotator', 3);
    [lead] = await createPeople(t, 'lead', 1);
    [first, second] = await insertItems(t.db, { count: 2, ability: 'history' });
    [distractorItem] = await insertItems(t.db, { count: 1, ability: 'biology', status: 'accepted', split: 'valid' });
  });
  afterAll(() => t.close());

  it('lists decisions with their outcome and the co-reviewer’s decision only once the round is decided', async () => {
    const l1 = await lease(t, a);
    expect(l1.item.id).toBe(first);
    decidedLease = l1.lease.id;
    await decide(t, a, l1.lease.id, 'approve').expect(200);
    const lb = await lease(t, b);
    expect(lb.round.id).toBe(l1.round.id);
    await decide(t, b, lb.lease.id, 'reject', { reasons: ['incorrect_answer'], comment: 'b-secret-1' }).expect(200);

    const l2 = await lease(t, a);
    expect(l2.item.id).toBe(second);
    openLease = l2.lease.id;
    await decide(t, a, l2.lease.id, 'reject', { reasons: ['other'], comment: 'a-first-thought' }).expect(200);
    // B holds a lease on the open round but has not decided: nothing of B shows for A, nor of A for B
    const lb2 = await lease(t, b);
    expect(lb2.round.id).toBe(l2.round.id);

    const { rows, range } = await history(t, a);
    expect(range).toBe('reviews/mine/history 0-1/2');
    expect(rows.map((r) => [r.kind, r.itemId, r.decision, r.outcome, r.changeable])).toEqual([
      ['decision', second, 'reject', null, true],
      ['decision', first, 'approve', 'rejected', false],
    ]);
    expect(rows[0]).toMatchObject({ id: `decision-${openLease}`, refId: openLease, roundKind: 'filter', abilityKey: 'history', coReviewer: null, decidedAt: null });
    expect(rows[0].instruction).toContain('第2题');
    expect(rows[1].coReviewer).toMatchObject({ reviewerId: b.id, decision: 'reject', comment: 'b-secret-1' });
    expect(JSON.stringify((await history(t, b)).rows)).not.toContain('a-first-thought');
    expect((await history(t, b)).rows.map((r) => r.itemId)).toEqual([first]);
  });

  it('changes an open decision: audited, tally and running stats follow, the co-reviewer decides with the new one', async () => {
    const before = await t.db.query(`SELECT reviewed, approved FROM reviewer_stats WHERE reviewer_id = $1 AND subject = 'items'`, [a.id]);
    expect(before).toEqual([{ reviewed: 2, approved: 1 }]);
    expect((await change(t, a, openLease, { decision: 'reject' })).status).toBe(422); // a rejection still needs a reason
    // the body is validated as a submit's is: a decision and reason codes from their lists
    expect((await change(t, a, openLease, { decision: 'maybe' })).status).toBe(400);
    expect((await change(t, a, openLease, { decision: 'reject', reasons: ['not_a_reason'] })).status).toBe(400);
    const res = await change(t, a, openLease, { decision: 'approve', comment: 'on second thought' }).expect(200);
    expect(res.body).toMatchObject({ leaseId: openLease, itemId: second, decision: 'approve', reasons: [], comment: 'on second thought' });

    const audit = await t.db.query(`SELECT actor_id, action, before, after FROM audit_log WHERE entity = 'review' AND entity_id = $1 ORDER BY id`, [openLease]);
    expect(audit.map((r: { action: string }) => r.action)).toEqual(['submit', 'change']);
    expect(audit[1]).toMatchObject({
      actor_id: a.id,
      before: { decision: 'reject', reasons: ['other'], comment: 'a-first-thought' },
      after: { decision: 'approve', reasons: [], comment: 'on second thought' },
    });
    expect(await t.db.query(`SELECT reviewed, approved FROM reviewer_stats WHERE reviewer_id = $1 AND subject = 'items'`, [a.id])).toEqual([{ reviewed: 2, approved: 2 }]);
    expect((await t.http.get('/api/reviews/mine').set(...a.auth).expect(200)).body).toEqual({ today: 2, approvedToday: 2 });
    // the same again changes nothing and writes no second audit row
    await change(t, a, openLease, { decision: 'approve', comment: 'on second thought' }).expect(200);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'review' AND entity_id = $1`, [openLease]);
    expect(n).toBe(2);

    // someone else's decision: not theirs to change, whatever their role
    expect((await change(t, b, openLease, { decision: 'approve' })).status).toBe(404);
    expect((await change(t, lead, openLease, { decision: 'approve' })).status).toBe(404);

    const [{ id: bLease }] = await t.db.query(`SELECT id FROM review_assignments WHERE reviewer_id = $1 AND state = 'leased'`, [b.id]);
    // with A's first decision (reject) the round would be rejected; it is accepted with the changed one
    expect((await decide(t, b, bLease, 'approve').expect(200)).body.outcome).toBe('accepted');
    expect(await itemStatus(t, second)).toBe('accepted');
    const [round] = await t.db.query(`SELECT approve_lo, approve_hi FROM review_rounds WHERE item_id = $1`, [second]);
    expect(round).toEqual({ approve_lo: true, approve_hi: true });

    const refused = await change(t, a, openLease, { decision: 'reject', reasons: ['incorrect_answer'] });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/already decided \(accepted\)/);
    expect((await change(t, a, decidedLease, { decision: 'reject', reasons: ['incorrect_answer'] })).status).toBe(409);

    const { rows } = await history(t, a, { kind: 'decision' });
    expect(rows[0]).toMatchObject({ itemId: second, decision: 'approve', outcome: 'accepted', changeable: false, coReviewer: { reviewerId: b.id, decision: 'approve' } });
    expect(rows[0].changedAt).not.toBeNull();

    // every count kept along the way equals a rebuild from the decisions as they now stand
    const kept = await counts(t);
    await t.db.query(`SELECT pace_rebuild_agreement_counts()`);
    expect(await counts(t)).toEqual(kept);
  });

  it('lists revisions and distractors too, and filters by kind, outcome, ability and day, a page at a time', async () => {
    const history_ = await t.db.query(`SELECT id FROM abilities WHERE key = 'history'`);
    await t.http.post('/api/revisions/assign').set(...lead.auth).send({ abilityIds: [history_[0].id] }).expect(200);
    const task = await t.http.post('/api/revisions/next').set(...c.auth).send({}).expect(200);
    expect(task.body.item.id).toBe(first);
    await t.http
      .post(`/api/revisions/${task.body.revision.id}/submit`)
      .set(...c.auth)
      .send({ messages: task.body.item.messages.map((m: { role: string; content: string }, i: number) => (i === 1 ? { ...m, content: `${m.content}（已更正）` } : m)), comment: '更正', idempotencyKey: 'rev-c' })
      .expect(200);
    const dt = await t.http.post('/api/distractors/next').set(...c.auth).send({}).expect(200);
    expect(dt.body.item.id).toBe(distractorItem);
    await t.http.post(`/api/distractors/tasks/${dt.body.task.id}/submit`).set(...c.auth).send({ fine: FINE, coarse: COARSE, idempotencyKey: 'd-c' }).expect(200);

    const all = await history(t, c);
    expect(all.rows.map((r) => [r.kind, r.itemId, r.outcome])).toEqual([
      ['distractor', distractorItem, null],
      ['distractor', distractorItem, null],
      ['revision', first, null],
    ]);
    expect(all.rows.map((r) => r.distractorKind)).toEqual(['coarse', 'fine', null]);
    expect(all.rows[2]).toMatchObject({ comment: '更正', changeable: false, coReviewer: null });

    const biology = (await t.db.query(`SELECT id FROM abilities WHERE key = 'biology'`))[0].id;
    expect((await history(t, c, { kind: 'revision' })).rows.map((r) => r.kind)).toEqual(['revision']);
    expect((await history(t, c, { abilityId: biology })).rows.map((r) => r.kind)).toEqual(['distractor', 'distractor']);
    expect((await history(t, a, { outcome: 'rejected' })).rows.map((r) => r.itemId)).toEqual([first]);
    expect((await history(t, a, { outcome: 'accepted' })).rows.map((r) => r.itemId)).toEqual([second]);
    expect((await history(t, c, { outcome: 'pending' })).rows).toHaveLength(3);
    const [{ today, yesterday }] = await t.db.query(`SELECT current_date::text AS today, (current_date - 1)::text AS yesterday`);
    expect((await history(t, a, { from: today, to: today })).rows).toHaveLength(2);
    expect((await history(t, a, { to: yesterday })).rows).toHaveLength(0);
    expect((await t.http.get('/api/reviews/mine/history').query({ filter: JSON.stringify({ from: 'last week' }) }).set(...a.auth)).status).toBe(400);
    expect((await t.http.get('/api/reviews/mine/history').query({ filter: JSON.stringify({ to: '2026-02-31' }) }).set(...a.auth)).status).toBe(400);
    expect((await t.http.get('/api/reviews/mine/history').query({ filter: JSON.stringify({ from: '2026-13-01' }) }).set(...a.auth)).status).toBe(400);
    expect((await t.http.get('/api/reviews/mine/history').query({ filter: JSON.stringify({ kind: 'vote' }) }).set(...a.auth)).status).toBe(400);

    const page2 = await history(t, c, {}, [1, 2]);
    expect(page2.range).toBe('reviews/mine/history 1-2/3');
    expect(page2.rows.map((r) => r.id)).toEqual(all.rows.slice(1).map((r) => r.id));
  });

  it('opens an item one worked on, with the rounds they may see; no one else’s', async () => {
    const mine = await t.http.get(`/api/reviews/mine/items/${second}`).set(...a.auth).expect(200);
    expect(mine.body.item).toMatchObject({ id: second, status: 'accepted' });
    expect(mine.body.ability.key).toBe('history');
    expect(mine.body.rounds[0].decisions.map((d: { reviewerId: string }) => d.reviewerId).sort()).toEqual([a.id, b.id].sort());
    expect((await t.http.get(`/api/reviews/mine/items/${second}`).set(...c.auth)).status).toBe(404);
    expect((await t.http.get(`/api/reviews/mine/items/${distractorItem}`).set(...c.auth)).status).toBe(200);
  });
});
