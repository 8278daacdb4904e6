import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertItems } from '../factories/items';
import { createPeople, type Person } from '../utils/people';
import { createTestApp, type TestApp } from '../utils/test-app';

/** The workspace's Skip hands a lease back; the next item must then be another one while others wait. */
describe('skipping a revision or a distractor task', () => {
  let t: TestApp;
  let a: Person[];

  beforeAll(async () => {
    t = await createTestApp();
    a = await createPeople(t, 'annotator', 2);
  });
  afterAll(() => t.close());

  const take = async (p: Person, queue: 'revisions' | 'distractors') => {
    const res = await t.http.post(`/api/${queue}/next`).set(...p.auth).send({}).expect(200);
    return { id: queue === 'revisions' ? res.body.revision.id : res.body.task.id, itemId: res.body.item.id as number };
  };
  const release = (p: Person, path: string) => t.http.post(path).set(...p.auth).send({}).expect(200);

  it('offers a reviser another item after a skip, and the skipped one when nothing else waits', async () => {
    const items = await insertItems(t.db, { count: 2, status: 'in_revision' });
    const first = await take(a[0], 'revisions');
    expect(first.itemId).toBe(items[0]);
    await release(a[0], `/api/revisions/${first.id}/release`);

    const second = await take(a[0], 'revisions');
    expect(second.itemId).toBe(items[1]);
    expect((await take(a[1], 'revisions')).itemId).toBe(items[0]);
    await release(a[0], `/api/revisions/${second.id}/release`);
    expect((await take(a[0], 'revisions')).itemId).toBe(items[1]);
  });

  it('offers a distractor author another item after a skip, and the skipped one when nothing else waits', async () => {
    const items = await insertItems(t.db, { count: 2, status: 'accepted', split: 'valid' });
    const first = await take(a[0], 'distractors');
    expect(first.itemId).toBe(items[0]);
    await release(a[0], `/api/distractors/tasks/${first.id}/release`);

    const second = await take(a[0], 'distractors');
    expect(second.itemId).toBe(items[1]);
    await release(a[0], `/api/distractors/tasks/${second.id}/release`);
    expect((await take(a[0], 'distractors')).itemId).toBe(items[0]);
  });
});
