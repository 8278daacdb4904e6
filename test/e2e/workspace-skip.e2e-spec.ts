import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockForUser } from '../../server/common/per-user-lock';
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

  it('gives an author asking twice at once their own task both times, not a 204 for the item the first call locked', async () => {
    const [itemId] = await insertItems(t.db, { count: 1, status: 'accepted', split: 'test' });
    const author = (await createPeople(t, 'annotator', 1))[0];
    // The first call, caught mid-way: it holds the author's lock and the item row while it creates the task.
    const first = t.db.createQueryRunner();
    await first.connect();
    await first.startTransaction();
    await lockForUser(first.manager, 'distractors.next', author.id);
    await first.query('SELECT id FROM items WHERE id = $1 FOR UPDATE', [itemId]);
    const [{ id: taskId }] = await first.query(
      `INSERT INTO distractor_tasks (item_id, author_id, kinds, expires_at) VALUES ($1, $2, '{fine,coarse}', now() + interval '1 hour') RETURNING id`,
      [itemId, author.id],
    );
    const second = t.http.post('/api/distractors/next').set(...author.auth).send({}).then((res) => res);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await first.commitTransaction();
    await first.release();
    const res = await second;
    expect(res.status).toBe(200);
    expect(res.body.task.id).toBe(String(taskId));
    expect(res.body.item.id).toBe(itemId);
  });

  it('gives concurrent asks of one person one lease per queue', async () => {
    const reviser = (await createPeople(t, 'annotator', 1))[0];
    await insertItems(t.db, { count: 1, status: 'in_revision' });
    const answers = await Promise.all(Array.from({ length: 6 }, () => t.http.post('/api/revisions/next').set(...reviser.auth).send({})));
    expect(answers.map((r) => r.status)).toEqual(Array(6).fill(200));
    expect(new Set(answers.map((r) => r.body.revision.id)).size).toBe(1);
  });
});
