import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertItems } from '../factories/items';
import { createTestApp, TestApp } from '../utils/test-app';

/** GET /api/items filters, text search above all: Chinese substrings, several terms, nothing from the JSON around. */
describe('item list filters and text search', () => {
  let t: TestApp;
  let token: string;
  let ids: number[];
  let other: number[];

  const list = async (filter: Record<string, unknown>) => {
    const res = await t.http
      .get('/api/items')
      .query({ filter: JSON.stringify(filter), sort: JSON.stringify(['id', 'ASC']), range: JSON.stringify([0, 99]) })
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    return (res.body as Array<{ id: number }>).map((r) => r.id);
  };
  const setMessages = (id: number, user: string, assistant: string) =>
    t.db.query(`UPDATE items SET messages = $2 WHERE id = $1`, [id, JSON.stringify([{ role: 'user', content: user }, { role: 'assistant', content: assistant }])]);

  beforeAll(async () => {
    t = await createTestApp();
    token = await t.tokenFor('researcher');
    // Factory text: "第<n>题：简述汉朝的建立过程及其影响。" / "公元前202年，刘邦击败项羽，建立汉朝，定都长安。第<n>号答案。"
    ids = await insertItems(t.db, { count: 12, ability: 'history', status: 'accepted', split: 'train', sourceName: 'han' });
    other = await insertItems(t.db, { count: 3, ability: 'biology', status: 'pending_review', sourceName: 'bio' });
    await setMessages(other[0], '什么是光合作用？\n请简要回答。', '光合作用是植物利用光能把二氧化碳和水合成有机物的过程。');
    await setMessages(other[1], '请解释"引号"里的 100% 是什么意思', '意思是全部。');
    await setMessages(other[2], 'Write a_b in Python', '```python\nprint(a_b)\n```');
  });
  afterAll(() => t.close());

  it('finds Chinese substrings anywhere in the conversation, in either turn', async () => {
    expect(await list({ q: '光合' })).toEqual([other[0]]);
    expect(await list({ q: '二氧化碳和水' })).toEqual([other[0]]);
    expect(await list({ q: '刘邦击败项羽' })).toEqual(ids);
    expect(await list({ q: '第7号答案' })).toEqual([ids[6]]);
  });

  it('needs every whitespace-separated term, each possibly in another turn', async () => {
    expect(await list({ q: '光合作用 有机物' })).toEqual([other[0]]);
    expect(await list({ q: '光合作用 汉朝' })).toEqual([]);
    expect(await list({ q: '第1题 第1号答案' })).toEqual([ids[0]]);
  });

  it('matches full-width digits and Latin punctuation the way imports store the text', async () => {
    expect(await list({ q: '第１２题' })).toEqual([ids[11]]);
    expect(await list({ q: '光合作用?' })).toEqual([other[0]]);
    expect(await list({ q: '第3题:简述' })).toEqual([ids[2]]);
  });

  it('does not match the JSON around the text, and takes quotes and wildcards literally', async () => {
    expect(await list({ q: 'assistant' })).toEqual([]);
    expect(await list({ q: 'content' })).toEqual([]);
    expect(await list({ q: '"引号"' })).toEqual([other[1]]);
    expect(await list({ q: '100%' })).toEqual([other[1]]);
    expect(await list({ q: '%' })).toEqual([other[1]]);
    expect(await list({ q: 'a_b' })).toEqual([other[2]]);
    expect(await list({ q: 'ab' })).toEqual([]);
  });

  it('combines the search with ability, status, source and split', async () => {
    const [{ id: biology }] = await t.db.query(`SELECT id FROM abilities WHERE key = 'biology'`);
    const [{ id: han }] = await t.db.query(`SELECT id FROM sources WHERE name = 'han'`);
    expect(await list({ abilityId: biology })).toEqual(other);
    expect(await list({ abilityId: biology, q: '光合' })).toEqual([other[0]]);
    expect(await list({ status: 'accepted', q: '光合' })).toEqual([]);
    expect(await list({ status: 'pending_review', q: '光合' })).toEqual([other[0]]);
    expect(await list({ sourceId: han, q: '汉朝' })).toEqual(ids);
    expect(await list({ split: 'train', q: '第2题' })).toEqual([ids[1]]);
    expect(await list({ split: 'test' })).toEqual([]);
    expect(await list({ q: '   ' })).toEqual([...ids, ...other]);
  });

  it('issue 16 item 3: filters by answer type, refusing a type that does not exist', async () => {
    await t.db.query(`UPDATE items SET answer_type = 'math' WHERE id = $1`, [other[1]]);
    try {
      expect(await list({ answerType: 'math' })).toEqual([other[1]]);
      expect(await list({ answerType: 'open' })).toEqual([...ids, other[0], other[2]]);
      expect(await list({ answerType: 'single_choice' })).toEqual([]);
      await t.http
        .get('/api/items')
        .query({ filter: JSON.stringify({ answerType: 'essay' }) })
        .set('Authorization', `Bearer ${token}`)
        .expect(400);
    } finally {
      await t.db.query(`UPDATE items SET answer_type = 'open' WHERE id = $1`, [other[1]]);
    }
  });

  it('counts what the search matched in Content-Range', async () => {
    const res = await t.http
      .get('/api/items')
      .query({ filter: JSON.stringify({ q: '汉朝' }), range: JSON.stringify([0, 4]) })
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(res.headers['content-range']).toBe('items 0-4/12');
  });
});
