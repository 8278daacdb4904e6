import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPeople, type Person } from '../utils/people';
import { createTestApp, type TestApp } from '../utils/test-app';
import { freezeAndWait, seedItems } from './datasets-fixtures';

describe('diff between two frozen versions', () => {
  let t: TestApp;
  let researcher: Person;
  let history: number[];
  let v1: any;
  let v2: any;
  let added: number[];

  beforeAll(async () => {
    t = await createTestApp();
    [researcher] = await createPeople(t, 'researcher', 1);
    history = await seedItems(t, { count: 10, ability: 'history', split: 'train' });
    await t.db.query(`UPDATE items SET messages = '[{"role":"user","content":"汉朝是谁建立的？"},{"role":"assistant","content":"刘邦建立了汉朝。"}]' WHERE id = $1`, [history[0]]);
    v1 = await freezeAndWait(t, researcher.token, { name: 'a', splits: { valid: 0, test: 0 } });
    await t.db.query(`UPDATE items SET messages = '[{"role":"user","content":"汉朝是谁建立的？"},{"role":"assistant","content":"汉高祖刘邦建立了汉朝。"}]' WHERE id = $1`, [history[0]]);
    // re-opened for revision (a move the item life-cycle allows): no longer accepted, so v2 leaves it out
    await t.db.query(`UPDATE items SET status = 'in_revision' WHERE id = $1`, [history[1]]);
    await t.db.query(`UPDATE items SET ability_id = (SELECT id FROM abilities WHERE key = 'chinese') WHERE id = $1`, [history[2]]);
    added = await seedItems(t, { count: 3, ability: 'history', split: 'train' });
    v2 = await freezeAndWait(t, researcher.token, { name: 'b', parentId: v1.id, splits: { valid: 0, test: 0 } });
  });
  afterAll(() => t.close());

  const diff = (a: number, b: number, q: Record<string, string> = {}) =>
    t.http.get(`/api/datasets/versions/${a}/diff/${b}`).set(...researcher.auth).query(q);

  it('counts added, removed, changed and moved items, per ability', async () => {
    const res = await diff(v1.id, v2.id).expect(200);
    expect(res.body.summary).toEqual({
      added: 3,
      removed: 1,
      changed: 1,
      moved: 1,
      unchanged: 7,
      splitChanged: 0,
      byAbility: [
        { ability: 'chinese', added: 0, removed: 0, changed: 0, movedIn: 1, movedOut: 0 },
        { ability: 'history', added: 3, removed: 1, changed: 1, movedIn: 0, movedOut: 1 },
      ],
    });
    expect(res.body.a).toMatchObject({ name: 'a', itemCount: 10, counts: { history: { train: 10 } } });
    expect(res.body.b).toMatchObject({ name: 'b', itemCount: 12, counts: { history: { train: 11 }, chinese: { train: 1 } } });
  });

  it('lists a changed item with a text diff of its messages', async () => {
    const res = await diff(v1.id, v2.id).expect(200);
    expect(res.body.list).toMatchObject({ kind: 'changed', total: 1, offset: 0 });
    const [row] = res.body.list.rows;
    expect(row).toMatchObject({ itemId: history[0], abilityA: 'history', abilityB: 'history', splitA: 'train', splitB: 'train' });
    expect(row.hashA).not.toBe(row.hashB);
    expect(row.textDiff.filter((c: any) => c.added).map((c: any) => c.value).join('')).toBe('汉高祖');
    expect(row.textDiff.some((c: any) => c.removed)).toBe(false);
    expect(row.textDiff.map((c: any) => (c.added ? '' : c.value)).join('')).toContain('刘邦建立了汉朝。');
  });

  it('pages through each kind of change', async () => {
    const page1 = await diff(v1.id, v2.id, { kind: 'added', range: '[0,1]' }).expect(200);
    expect(page1.body.list).toMatchObject({ kind: 'added', total: 3 });
    expect(page1.body.list.rows.map((r: any) => r.itemId)).toEqual(added.slice(0, 2));
    const page2 = await diff(v1.id, v2.id, { kind: 'added', range: '[2,3]' }).expect(200);
    expect(page2.body.list.rows.map((r: any) => r.itemId)).toEqual(added.slice(2));
    const removed = await diff(v1.id, v2.id, { kind: 'removed' }).expect(200);
    expect(removed.body.list.rows).toEqual([expect.objectContaining({ itemId: history[1], abilityA: 'history', abilityB: null })]);
    const moved = await diff(v1.id, v2.id, { kind: 'moved' }).expect(200);
    expect(moved.body.list.rows).toEqual([expect.objectContaining({ itemId: history[2], abilityA: 'history', abilityB: 'chinese' })]);
    await diff(v1.id, v2.id, { kind: 'renamed' }).expect(400);
  });

  it('is symmetric the other way round, and refuses a missing version', async () => {
    const back = await diff(v2.id, v1.id).expect(200);
    expect(back.body.summary).toMatchObject({ added: 1, removed: 3, changed: 1, moved: 1 });
    await diff(v1.id, 9999).expect(404);
  });
});
