import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertItems } from '../factories/items';
import { createPeople, type Person } from '../utils/people';
import { itemStatus, review } from '../utils/reviews';
import { createTestApp, type TestApp } from '../utils/test-app';
import { freezeAndWait } from './datasets-fixtures';

/**
 * Issue 16 item 5: leads act on any item, chosen by id (the Items list's bulk selection, an item's page): send to
 * revision, re-open, set the split. Each request names the statuses it applies to; the server moves those through the
 * item life-cycle, audits each move, and answers what it moved and, per item with the reason, what it refused.
 */
describe('lead actions on chosen items (issue 16 item 5)', () => {
  let t: TestApp;
  let lead: Person;
  let admin: Person;
  let researcher: Person;
  let annotators: Person[];
  let history: number;

  const assign = (p: Person, body: Record<string, unknown>) => t.http.post('/api/revisions/assign').set(...p.auth).send(body);
  const split = (p: Person, body: Record<string, unknown>) => t.http.post('/api/items/split').set(...p.auth).send(body);
  const statuses = (ids: number[]) => Promise.all(ids.map((id) => itemStatus(t, id)));
  const audits = (ids: number[], action: string) =>
    t.db.query(
      `SELECT entity_id::bigint::int AS id, actor_id, before, after FROM audit_log a WHERE entity = 'item' AND entity_id = ANY ($1::text[]) AND action = $2 ORDER BY a.entity_id::bigint, a.id`,
      [ids.map(String), action],
    );

  beforeAll(async () => {
    t = await createTestApp();
    [lead] = await createPeople(t, 'lead', 1);
    [admin] = await createPeople(t, 'admin', 1);
    [researcher] = await createPeople(t, 'researcher', 1);
    annotators = await createPeople(t, 'annotator', 3);
    [{ id: history }] = await t.db.query(`SELECT id FROM abilities WHERE key = 'history'`);
  });
  afterAll(() => t.close());

  it('lists the chosen items by id (the UI reads their current status with it)', async () => {
    const ids = await insertItems(t.db, { count: 3, ability: 'biology', status: 'rejected' });
    const list = (filter: unknown) => t.http.get('/api/items').query({ filter: JSON.stringify(filter) }).set(...lead.auth);
    expect((await list({ id: [ids[2], ids[0]] }).expect(200)).body.map((i: { id: number }) => i.id)).toEqual([ids[0], ids[2]]);
    expect((await list({ id: ids[1] }).expect(200)).body.map((i: { id: number; status: string }) => [i.id, i.status])).toEqual([[ids[1], 'rejected']]);
    const bad = await list({ id: ['x'] }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('filter.id[0]');
  });

  it('sends the chosen rejected and unanswered items to revision, skips and names the others with why, and audits each move', async () => {
    const rejected = await insertItems(t.db, { count: 2, ability: 'chinese', status: 'rejected' });
    const [unanswered] = await insertItems(t.db, { count: 1, ability: 'chinese', status: 'needs_answer' });
    const [accepted] = await insertItems(t.db, { count: 1, ability: 'chinese', status: 'accepted' });
    const [inReview] = await insertItems(t.db, { count: 1, ability: 'chinese', status: 'in_review' });
    const all = [...rejected, unanswered, accepted, inReview];

    const res = await assign(lead, { itemIds: [...all, 999_999_999], statuses: ['rejected', 'needs_answer'] }).expect(200);
    expect(res.body).toEqual({
      sent: 3,
      itemIds: [...rejected, unanswered],
      skipped: [
        { itemId: accepted, status: 'accepted', reason: 'accepted is not among the statuses asked for (rejected, needs_answer)' },
        { itemId: inReview, status: 'in_review', reason: 'in_review items cannot be sent to revision' },
        { itemId: 999_999_999, status: null, reason: 'no such item' },
      ],
    });
    expect(await statuses(all)).toEqual(['in_revision', 'in_revision', 'in_revision', 'accepted', 'in_review']);
    expect(await audits(all, 'status')).toEqual(
      [...rejected, unanswered].map((id, k) => ({
        id,
        actor_id: lead.id,
        before: { status: k < 2 ? 'rejected' : 'needs_answer' },
        after: { action: 'send_to_revision', status: 'in_revision' },
      })),
    );

    const again = await assign(lead, { itemIds: rejected, statuses: ['rejected', 'needs_answer'] }).expect(200);
    expect(again.body, 'already in revision: refused, nothing moved twice').toEqual({
      sent: 0,
      itemIds: [],
      skipped: rejected.map((itemId) => ({ itemId, status: 'in_revision', reason: 'in_revision items cannot be sent to revision' })),
    });
  });

  it('re-opens only the chosen accepted items, confirmed and with the reason in each audit entry; the rest are refused by name', async () => {
    const accepted = await insertItems(t.db, { count: 2, ability: 'ethics', status: 'accepted' });
    const [rejected] = await insertItems(t.db, { count: 1, ability: 'ethics', status: 'rejected' });

    const unconfirmed = await assign(lead, { itemIds: [...accepted, rejected], statuses: ['accepted'] });
    expect(unconfirmed.status, JSON.stringify(unconfirmed.body)).toBe(409);
    expect(await statuses([...accepted, rejected]), 'refused: nothing moved').toEqual(['accepted', 'accepted', 'rejected']);

    const res = await assign(admin, { itemIds: [...accepted, rejected], statuses: ['accepted'], confirmReopen: true, reason: '标准答案有误，需复核' }).expect(200);
    expect(res.body).toEqual({
      sent: 2,
      itemIds: accepted,
      reopened: accepted,
      skipped: [{ itemId: rejected, status: 'rejected', reason: 'rejected is not among the statuses asked for (accepted)' }],
    });
    expect(await statuses([...accepted, rejected])).toEqual(['in_revision', 'in_revision', 'rejected']);
    expect(await audits([...accepted, rejected], 'status')).toEqual(
      accepted.map((id) => ({ id, actor_id: admin.id, before: { status: 'accepted' }, after: { action: 'reopen', reason: '标准答案有误，需复核', status: 'in_revision' } })),
    );
  });

  it('sends one unanimously rejected item on its own, and a reviser then leases it', async () => {
    const [item] = await insertItems(t.db, { count: 1, ability: 'history' });
    await review(t, annotators[0], 'reject', { abilityId: history });
    await review(t, annotators[1], 'reject', { abilityId: history });
    expect(await itemStatus(t, item)).toBe('rejected');
    expect((await assign(lead, { itemIds: [item] }).expect(200)).body).toEqual({ sent: 1, itemIds: [item] });
    const task = await t.http.post('/api/revisions/next').set(...annotators[2].auth).send({ abilityId: history }).expect(200);
    expect(task.body.item.id).toBe(item);
    expect(await itemStatus(t, item)).toBe('revising');
  });

  it('sets the split of the chosen items, skipping and naming those frozen into a version instead of refusing them all', async () => {
    const [frozen] = await insertItems(t.db, { count: 1, ability: 'logical_reasoning', status: 'accepted', questionFormat: 0 });
    await freezeAndWait(t, researcher.token, { name: 'lead-actions-v1', filter: { abilities: ['logical_reasoning'] }, splits: { valid: 0, test: 1 }, seed: 'la' });
    const splitOf = async (id: number) => (await t.db.query(`SELECT split FROM items WHERE id = $1`, [id]))[0].split;
    expect(await splitOf(frozen)).toBe('test');
    const [fresh] = await insertItems(t.db, { count: 1, ability: 'logical_reasoning', status: 'rejected' });
    const [already] = await insertItems(t.db, { count: 1, ability: 'logical_reasoning', status: 'pending_review', split: 'train' });

    const all = await split(lead, { itemIds: [frozen, fresh, already], split: 'train' });
    expect(all.status, 'without skipFrozen a frozen item still refuses the whole request').toBe(409);
    expect(await splitOf(fresh)).toBeNull();

    const res = await split(lead, { itemIds: [frozen, fresh, already], split: 'train', skipFrozen: true }).expect(200);
    expect(res.body).toEqual({
      updated: 1,
      itemIds: [fresh],
      skipped: [{ itemId: frozen, reason: 'frozen into a dataset version: its split can no longer change (a test item moved to train would leak)' }],
    });
    expect([await splitOf(frozen), await splitOf(fresh), await splitOf(already)]).toEqual(['test', 'train', 'train']);
    const byLead = (await audits([frozen, fresh, already], 'split')).filter((r: { actor_id: string }) => r.actor_id === lead.id);
    expect(byLead, 'only the change the lead made is audited as theirs').toEqual([{ id: fresh, actor_id: lead.id, before: { split: null }, after: { split: 'train' } }]);
  });

  it('refuses annotators and researchers every one of these actions, moving nothing', async () => {
    const [rejected] = await insertItems(t.db, { count: 1, ability: 'code', status: 'rejected' });
    const [accepted] = await insertItems(t.db, { count: 1, ability: 'code', status: 'accepted' });
    for (const p of [annotators[0], researcher]) {
      await assign(p, { itemIds: [rejected], statuses: ['rejected', 'needs_answer'] }).expect(403);
      await assign(p, { itemIds: [accepted], statuses: ['accepted'], confirmReopen: true, reason: 'x' }).expect(403);
      await split(p, { itemIds: [rejected], split: 'valid', skipFrozen: true }).expect(403);
    }
    expect(await statuses([rejected, accepted])).toEqual(['rejected', 'accepted']);
    expect((await t.db.query(`SELECT split FROM items WHERE id = $1`, [rejected]))[0].split).toBeNull();
  });
});
