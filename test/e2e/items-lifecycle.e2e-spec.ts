import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedMoves } from '../../server/items/item-lifecycle';
import { insertItems } from '../factories/items';
import { createPeople, type Person } from '../utils/people';
import { itemStatus, lease, review } from '../utils/reviews';
import { createTestApp, type TestApp } from '../utils/test-app';
import { freezeAndWait, versionSplits } from './datasets-fixtures';

/**
 * Issue 11 item 5: the item life-cycle is a state machine enforced on the server. The reported case: an item revised
 * and accepted, in the test split of a frozen version, was still listed in the dashboard's Disagreements, and sending
 * it again moved it from accepted to in_revision without a word.
 */
describe('item life-cycle: disagreements, re-opening accepted items, bulk sends (issue 11 item 5)', () => {
  let t: TestApp;
  let a: Person[];
  let lead: Person;
  let admin: Person;
  let researcher: Person;
  let ethics: number;
  let item: number;
  let v1: { id: number; contentHash: string };

  const ids = async (path: string, p: Person) => (await t.http.get(path).set(...p.auth).expect(200)).body.map((d: { itemId: number }) => d.itemId);
  const assign = (p: Person, body: Record<string, unknown>) => t.http.post('/api/revisions/assign').set(...p.auth).send(body);
  const versionRows = (versionId: number) =>
    t.db.query(`SELECT item_id, split, snapshot_hash FROM dataset_version_items WHERE version_id = $1 ORDER BY item_id`, [versionId]);

  /** A reviser revises `itemId` and two validators approve it. */
  async function reviseAndAccept(itemId: number, reviser: Person, validators: [Person, Person], answer: string) {
    const task = await t.http.post('/api/revisions/next').set(...reviser.auth).send({ abilityId: ethics }).expect(200);
    expect(task.body.item.id).toBe(itemId);
    await t.http
      .post(`/api/revisions/${task.body.revision.id}/submit`)
      .set(...reviser.auth)
      .send({ messages: [{ role: 'user', content: '简述知情同意原则。' }, { role: 'assistant', content: answer }], idempotencyKey: randomUUID() })
      .expect(200);
    for (const v of validators) expect((await review(t, v, 'approve', { abilityId: ethics, kind: 'validation' })).item.id).toBe(itemId);
    expect(await itemStatus(t, itemId)).toBe('accepted');
  }

  beforeAll(async () => {
    t = await createTestApp();
    a = await createPeople(t, 'annotator', 7);
    [lead] = await createPeople(t, 'lead', 1);
    [admin] = await createPeople(t, 'admin', 1);
    [researcher] = await createPeople(t, 'researcher', 1);
    [{ id: ethics }] = await t.db.query(`SELECT id FROM abilities WHERE key = 'ethics'`);
    [item] = await insertItems(t.db, { count: 1, ability: 'ethics', questionFormat: 0 });
  });
  afterAll(() => t.close());

  it('reported case: a disagreement revised and accepted leaves the Disagreements list, and sending it again is refused (409) while it stays accepted', async () => {
    expect((await review(t, a[0], 'approve', { abilityId: ethics })).item.id).toBe(item);
    await review(t, a[1], 'reject', { abilityId: ethics });
    expect(await itemStatus(t, item)).toBe('rejected');
    const listed = await t.http.get('/api/reviews/disagreements').set(...lead.auth).expect(200);
    expect(listed.body).toEqual([expect.objectContaining({ itemId: item, itemStatus: 'rejected' })]);

    expect((await assign(lead, { itemIds: [item] }).expect(200)).body).toEqual({ sent: 1, itemIds: [item] });
    expect(await ids('/api/reviews/disagreements', lead), 'in revision: nothing left to act on').toEqual([]);
    await reviseAndAccept(item, a[2], [a[3], a[4]], '尊重受试者自主，充分告知后自愿同意。');
    expect(await ids('/api/reviews/disagreements', lead), 'revised and accepted: no longer a disagreement to act on').toEqual([]);

    v1 = await freezeAndWait(t, researcher.token, { name: 'v1', filter: { abilities: ['ethics'] }, splits: { valid: 0, test: 1 }, seed: 'lc' });
    expect((await versionSplits(t, v1.id)).get(item)).toBe('test');

    const again = await assign(lead, { itemIds: [item] });
    expect(again.status, JSON.stringify(again.body)).toBe(409);
    expect(again.body.message).toContain(`Item ${item} (frozen in v1) is accepted: re-opening it needs confirmReopen: true`);
    expect(again.body.message).toContain('Nothing was sent');
    expect(await itemStatus(t, item)).toBe('accepted');
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'item' AND entity_id = $1 AND after->>'action' = 'reopen'`, [String(item)]);
    expect(n).toBe(0);
  });

  it('re-opening is for leads and admins only, even confirmed', async () => {
    await assign(a[0], { itemIds: [item], confirmReopen: true }).expect(403);
    await assign(researcher, { itemIds: [item], confirmReopen: true }).expect(403);
    expect(await itemStatus(t, item)).toBe('accepted');
  });

  it('a confirmed re-open by a lead is audited with who and why; the frozen version keeps its snapshot and the item its split', async () => {
    const frozenBefore = await versionRows(v1.id);
    const res = await assign(lead, { itemIds: [item], confirmReopen: true, reason: '答案遗漏了可撤回同意' }).expect(200);
    expect(res.body).toEqual({ sent: 1, itemIds: [item], reopened: [item] });
    expect(await itemStatus(t, item)).toBe('in_revision');
    const audit = await t.db.query(
      `SELECT actor_id, before->>'status' AS before, after FROM audit_log WHERE entity = 'item' AND entity_id = $1 AND after->>'action' = 'reopen'`,
      [String(item)],
    );
    expect(audit).toEqual([{ actor_id: lead.id, before: 'accepted', after: { action: 'reopen', reason: '答案遗漏了可撤回同意', status: 'in_revision' } }]);

    const version = await t.http.get(`/api/datasets/versions/${v1.id}`).set(...researcher.auth).expect(200);
    expect(version.body.contentHash).toBe(v1.contentHash);
    expect(await versionRows(v1.id)).toEqual(frozenBefore);

    await reviseAndAccept(item, a[5], [a[6], a[2]], '尊重受试者自主，充分告知后自愿同意，且可随时撤回。');
    const v2 = await freezeAndWait(t, researcher.token, { name: 'v2', parentId: v1.id, filter: { abilities: ['ethics'] }, splits: { valid: 1, test: 0 }, seed: 'other' });
    expect((await versionSplits(t, v2.id)).get(item), 'the split is sticky').toBe('test');
    expect(v2.contentHash).not.toBe(v1.contentHash);
  });

  it('a bulk ability send touches only the states its action applies to: accepted items stay unless re-opening is confirmed', async () => {
    const [roleplay] = (await t.db.query(`SELECT id FROM abilities WHERE key = 'role_play'`)).map((r: { id: number }) => r.id);
    const rejected = await insertItems(t.db, { count: 2, ability: 'role_play', status: 'rejected' });
    const accepted = await insertItems(t.db, { count: 2, ability: 'role_play', status: 'accepted' });
    const inReview = await insertItems(t.db, { count: 1, ability: 'role_play', status: 'in_review' });
    const statuses = async () => Promise.all([...rejected, ...accepted, ...inReview].map((id) => itemStatus(t, id)));

    const refused = await assign(lead, { abilityIds: [roleplay], statuses: ['rejected', 'accepted'] });
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body.message).toMatch(/confirmReopen: true/);
    expect(await statuses()).toEqual(['rejected', 'rejected', 'accepted', 'accepted', 'in_review']);

    expect((await assign(lead, { abilityIds: [roleplay] }).expect(200)).body).toEqual({ sent: 2, itemIds: rejected });
    expect(await statuses()).toEqual(['in_revision', 'in_revision', 'accepted', 'accepted', 'in_review']);

    const byId = await assign(admin, { itemIds: [...inReview, 999_999_999] }).expect(200);
    expect(byId.body).toEqual({
      sent: 0,
      itemIds: [],
      skipped: [
        { itemId: inReview[0], status: 'in_review', reason: 'in_review items cannot be sent to revision' },
        { itemId: 999_999_999, status: null, reason: 'no such item' },
      ],
    });

    const reopened = await assign(admin, { abilityIds: [roleplay], statuses: ['accepted'], confirmReopen: true, reason: '批量复审' }).expect(200);
    expect(reopened.body).toEqual({ sent: 2, itemIds: accepted, reopened: accepted });
    expect(await statuses()).toEqual(['in_revision', 'in_revision', 'in_revision', 'in_revision', 'in_review']);
  });

  it('the database refuses any status change the machine does not allow, whatever statement makes it', async () => {
    const table = await t.db.query(`SELECT from_status AS "from", to_status AS "to", action FROM item_status_transitions`);
    const byKey = (m: { from: string; to: string; action: string }) => `${m.from} ${m.to} ${m.action}`;
    expect(table.map(byKey).sort(), 'the trigger table is the machine of server/items/item-lifecycle.ts').toEqual(allowedMoves().map(byKey).sort());
    const [fresh] = await insertItems(t.db, { count: 1, ability: 'ethics', status: 'accepted' });
    await expect(t.db.query(`UPDATE items SET status = 'pending_review' WHERE id = $1`, [fresh])).rejects.toThrow(
      `item ${fresh}: accepted -> pending_review is not a move of the item life-cycle`,
    );
    await expect(t.db.query(`UPDATE items SET status = 'rejected' WHERE id = $1`, [fresh])).rejects.toThrow(/not a move of the item life-cycle/);
    const [reference] = await insertItems(t.db, { count: 1, ability: 'ethics', status: 'reference' });
    await expect(t.db.query(`UPDATE items SET status = 'in_revision' WHERE id = $1`, [reference])).rejects.toThrow(/reference -> in_revision/);
    expect([await itemStatus(t, fresh), await itemStatus(t, reference)]).toEqual(['accepted', 'reference']);
    await t.db.query(`UPDATE items SET status = 'in_revision' WHERE id = $1`, [fresh]);
    expect(await itemStatus(t, fresh)).toBe('in_revision');
  });

  it('a decided round cannot move an item that left its round state (the outcome goes through the machine too)', async () => {
    const [other] = await insertItems(t.db, { count: 1, ability: 'ethics', questionFormat: 0 });
    const first = await lease(t, a[1], { abilityId: ethics });
    expect(first.item.id).toBe(other);
    const second = await lease(t, a[2], { abilityId: ethics });
    await t.http.post(`/api/reviews/${first.lease.id}/decision`).set(...a[1].auth).send({ decision: 'approve', reasons: [], idempotencyKey: randomUUID() }).expect(200);
    // the item leaves in_review behind the round's back (as a buggy path could); the deciding review must not accept it
    await t.db.query(`UPDATE items SET status = 'rejected' WHERE id = $1`, [other]);
    const res = await t.http.post(`/api/reviews/${second.lease.id}/decision`).set(...a[2].auth).send({ decision: 'approve', reasons: [], idempotencyKey: randomUUID() });
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect(res.body.message).toBe(`Cannot accept item ${other}: it is rejected, and this applies only to in_review or validating items`);
    expect(await itemStatus(t, other)).toBe('rejected');
  });
});
