import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { insertItems } from '../factories/items';
import { createPeople, type Person } from '../utils/people';
import { lease } from '../utils/reviews';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * issue 16 item 2: the queue's priority between stages. POST /reviews/next serves the first kind of round in the
 * lead's order that has work (default: validation, distractor review, filtering — a filtering round's second slot
 * and then a new round both count as filtering); inside a stage the pace-guided weights order the abilities.
 * Rounds are made by hand here (the revision flow that opens validation rounds is tested in reviews-lifecycle).
 */
describe('review queue stage order', () => {
  let t: TestApp;
  let people: Person[];
  let lead: Person;
  let annotator: Person;
  let researcher: Person;
  let low: { id: number; key: string };
  let high: { id: number; key: string };

  /** An open round on the item with `slots` free (a filtering round with one slot taken by someone else: 1). */
  const openRound = async (itemId: number, kind: 'filter' | 'validation', slots: number) => {
    const [row] = await t.db.query(
      `INSERT INTO review_rounds (item_id, kind, ability_id, source_id, open_slots) SELECT id, $2, ability_id, source_id, $3 FROM items WHERE id = $1 RETURNING id`,
      [itemId, kind, slots],
    );
    return String(row.id);
  };
  const setOrder = (who: Person, stages: unknown) => t.http.put('/api/reviews/stage-order').set(...who.auth).send({ stages });
  const setPace = async (enabled: boolean, weights: Record<string, number>) => {
    const list = Object.entries(weights).map(([ability, weight], i) => ({ ability, weight, rank: i + 1 }));
    await t.db.query(
      `INSERT INTO pace_queue_settings (id, enabled, hours, weights, updated_at) VALUES (1, $1, 10, $2, now())
       ON CONFLICT (id) DO UPDATE SET enabled = $1, weights = $2`,
      [enabled, JSON.stringify(list)],
    );
  };

  /**
   * What a lead waiting on a revised item saw: an older filtering round with a free second slot, five new items, and
   * the validation round of the revised item opened last.
   */
  const waitingValidation = async () => {
    const [older] = await insertItems(t.db, { count: 1, ability: low.key, status: 'in_review' });
    const filterRound = await openRound(older, 'filter', 1);
    const fresh = await insertItems(t.db, { count: 5, ability: low.key });
    const [revised] = await insertItems(t.db, { count: 1, ability: low.key, status: 'validating' });
    const validationRound = await openRound(revised, 'validation', 2);
    return { filterRound, fresh, validationRound };
  };

  beforeAll(async () => {
    t = await createTestApp();
    const annotators = await createPeople(t, 'annotator', 5);
    people = annotators.slice(0, 4);
    annotator = annotators[4];
    [lead] = await createPeople(t, 'lead', 1);
    [researcher] = await createPeople(t, 'researcher', 1);
    const rows: { id: number; key: string }[] = await t.db.query(`SELECT id, key FROM abilities WHERE key IN ('history', 'code') ORDER BY id`);
    [low, high] = rows;
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.db.query(`DELETE FROM review_assignments`);
    await t.db.query(`DELETE FROM review_rounds`);
    await t.db.query(`DELETE FROM items`);
    await t.db.query(`UPDATE review_queue_settings SET stage_order = '{validation,distractor,filter}', updated_by = NULL, updated_at = NULL`);
    await setPace(false, {});
  });

  it('by default a pending validation round is served before older filtering slots and new items', async () => {
    const { filterRound, fresh, validationRound } = await waitingValidation();
    const res = await t.http.get('/api/reviews/stage-order').set(...lead.auth).expect(200);
    expect(res.body).toEqual({ stages: ['validation', 'distractor', 'filter'], updatedAt: null, updatedBy: null });

    const first = await lease(t, people[0]);
    expect(first.round).toMatchObject({ id: validationRound, kind: 'validation' });
    // the round needs two reviewers: the next one gets its second slot, still ahead of filtering
    expect((await lease(t, people[1])).round.id).toBe(validationRound);
    // then filtering: the open round's second slot, then a new round on the oldest item
    expect((await lease(t, people[2])).round.id).toBe(filterRound);
    const fourth = await lease(t, people[3]);
    expect(fourth.round.kind).toBe('filter');
    expect(fourth.item.id).toBe(fresh[0]);
  });

  it('a lead putting filtering first changes what is served, and putting validation back restores it', async () => {
    const { filterRound, fresh, validationRound } = await waitingValidation();
    const put = await setOrder(lead, ['filter', 'validation', 'distractor']).expect(200);
    expect(put.body).toMatchObject({ stages: ['filter', 'validation', 'distractor'], updatedBy: lead.name, updatedAt: expect.any(String) });
    expect((await t.http.get('/api/reviews/stage-order').set(...lead.auth).expect(200)).body.stages).toEqual(['filter', 'validation', 'distractor']);
    const [audit] = await t.db.query(`SELECT actor_id, before, after FROM audit_log WHERE entity = 'review_queue' ORDER BY id DESC LIMIT 1`);
    expect(audit).toMatchObject({ actor_id: lead.id, before: { stages: ['validation', 'distractor', 'filter'] }, after: { stages: ['filter', 'validation', 'distractor'] } });

    expect((await lease(t, people[0])).round.id).toBe(filterRound);
    // filtering still has new items, so the validation round keeps waiting
    const second = await lease(t, people[1]);
    expect(second.round.kind).toBe('filter');
    expect(second.item.id).toBe(fresh[0]);

    await setOrder(lead, ['validation', 'filter', 'distractor']).expect(200);
    expect((await lease(t, people[2])).round.id).toBe(validationRound);
    // a reviewer asking for one kind gets only that kind, whatever the order
    await setOrder(lead, ['filter', 'distractor', 'validation']).expect(200);
    expect((await lease(t, people[3], { kind: 'validation' })).round.id).toBe(validationRound);
  });

  it('only leads and admins change the order, and only to each stage exactly once', async () => {
    for (const who of [annotator, researcher]) {
      expect((await setOrder(who, ['filter', 'validation', 'distractor'])).status).toBe(403);
      expect((await t.http.get('/api/reviews/stage-order').set(...who.auth)).status).toBe(403);
    }
    for (const bad of [['filter', 'filter', 'validation'], ['filter', 'validation'], ['filter', 'validation', 'distractor', 'revision'], 'filter']) {
      const res = await setOrder(lead, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(JSON.stringify(res.body)).toContain('exactly once');
    }
    const [row] = await t.db.query(`SELECT stage_order FROM review_queue_settings`);
    expect(row.stage_order).toEqual(['validation', 'distractor', 'filter']);
    // the database refuses an order that is not a permutation too
    await expect(t.db.query(`UPDATE review_queue_settings SET stage_order = '{filter,filter,validation}'`)).rejects.toThrow(/check/);
  });

  it('within a stage the pace-guided weights order the abilities; the stage order still comes first', async () => {
    await setPace(true, { [high.key]: 1, [low.key]: 0 });
    // validation rounds of both abilities (the low one older), and new items of both (the low one older)
    const [lowRevised] = await insertItems(t.db, { count: 1, ability: low.key, status: 'validating' });
    const [highRevised] = await insertItems(t.db, { count: 1, ability: high.key, status: 'validating' });
    const lowValidation = await openRound(lowRevised, 'validation', 1);
    const highValidation = await openRound(highRevised, 'validation', 1);
    const [lowNew] = await insertItems(t.db, { count: 1, ability: low.key });
    const [highNew] = await insertItems(t.db, { count: 1, ability: high.key });

    expect((await lease(t, people[0])).round.id).toBe(highValidation);
    expect((await lease(t, people[1])).round.id).toBe(lowValidation);
    const opened = await lease(t, people[2]);
    expect(opened.item.id).toBe(highNew);
    expect(opened.item.id).not.toBe(lowNew);
    // a filtering round's second slot before a new round, whatever the weights
    expect((await lease(t, people[3])).round.id).toBe(opened.round.id);
  });

  it('with filtering first and weights on, the preferred ability\'s new item comes before the older one', async () => {
    await setPace(true, { [high.key]: 1, [low.key]: 0 });
    await setOrder(lead, ['filter', 'distractor', 'validation']).expect(200);
    const [revised] = await insertItems(t.db, { count: 1, ability: high.key, status: 'validating' });
    const validationRound = await openRound(revised, 'validation', 2);
    const [lowNew] = await insertItems(t.db, { count: 1, ability: low.key });
    const [highNew] = await insertItems(t.db, { count: 1, ability: high.key });

    const served = [];
    for (const p of [...people, annotator]) served.push(await lease(t, p));
    // each new round's second slot follows it; the validation round waits until filtering has no work
    expect(served.map((l) => l.item.id)).toEqual([highNew, highNew, lowNew, lowNew, revised]);
    expect(served[4].round.id).toBe(validationRound);
  });
});
