import PgBoss from 'pg-boss';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPeople, type Person } from '../utils/people';
import { createTestApp, type TestApp } from '../utils/test-app';
import { canonical, freeze, freezeAndWait, makePplReady, seedItems, sha256, versionSplits, waitForVersion } from './datasets-fixtures';

describe('freezing dataset versions: snapshots, sticky splits, PPL readiness, events', () => {
  let t: TestApp;
  let researcher: Person;
  let lead: Person;
  let annotator: Person;
  let socket: Socket;
  let boss: PgBoss;
  const frozenEvents: Array<{ versionId: number; contentHash: string }> = [];
  const progressEvents: Array<{ id: number; status: string; phase: string; percent: number }> = [];
  let history0: number[];
  let history1: number[];
  const v: Record<string, any> = {};

  beforeAll(async () => {
    t = await createTestApp();
    [researcher] = await createPeople(t, 'researcher', 1);
    [lead] = await createPeople(t, 'lead', 1);
    [annotator] = await createPeople(t, 'annotator', 1);
    history0 = await seedItems(t, { count: 30, ability: 'history', questionFormat: 0 });
    history1 = await seedItems(t, { count: 10, ability: 'history', questionFormat: 1 });
    await seedItems(t, { count: 5, ability: 'history', status: 'rejected' });

    await t.app.listen(0, '127.0.0.1');
    const port = (t.app.getHttpServer().address() as { port: number }).port;
    socket = io(`http://127.0.0.1:${port}`, { auth: { token: researcher.token }, transports: ['websocket'] });
    socket.on('dataset.frozen', (e) => frozenEvents.push(e));
    socket.on('dataset.progress', (e) => progressEvents.push(e));
    await new Promise<void>((res, rej) => {
      socket.on('connect', () => res());
      socket.on('connect_error', rej);
    });
    expect((await socket.emitWithAck('subscribe', { room: 'datasets' })).ok).toBe(true);

    boss = new PgBoss({ connectionString: t.databaseUrl, schema: 'pgboss', supervise: false, schedule: false });
    await boss.start();
    await boss.createQueue('training-policy');
    await boss.subscribe('dataset.frozen', 'training-policy');
  });
  afterAll(async () => {
    socket?.close();
    await boss?.stop({ graceful: false, wait: true });
    await t.close();
  });

  it('refuses annotators, unknown abilities and taken names', async () => {
    await t.http.post('/api/datasets/versions').set(...annotator.auth).send({ name: 'nope' }).expect(403);
    const bad = await t.http.post('/api/datasets/versions').set(...researcher.auth).send({ name: 'x', filter: { abilities: ['astrology'] } }).expect(400);
    expect(bad.body.message).toMatch(/unknown ability "astrology"/);
    await t.http.post('/api/datasets/versions').set(...researcher.auth).send({ name: 'bad name!' }).expect(400);
  });

  it('freezes v1: seeded stratified splits, open-ended eval items without distractors left out and reported', async () => {
    v.v1 = await freezeAndWait(t, researcher.token, { name: 'v1', notes: '第一版', splits: { valid: 4, test: 4 }, seed: 's1' });
    // pool 30 exact-match : 10 open-ended → 3 + 1 of each for test and for validation
    const items = await t.db.query(`SELECT id, split, question_format FROM items WHERE id = ANY ($1::bigint[])`, [[...history0, ...history1]]);
    const by = (f: number, s: string) => items.filter((r: any) => r.question_format === f && r.split === s).map((r: any) => Number(r.id));
    expect([by(0, 'test').length, by(0, 'valid').length, by(1, 'test').length, by(1, 'valid').length]).toEqual([3, 3, 1, 1]);
    expect(items.every((r: any) => r.split !== null)).toBe(true);
    // the first three by SHA-256(seed:id) are test, the next three validation
    const order = [...history0].sort((a, b) => sha256(`s1:${a}`).localeCompare(sha256(`s1:${b}`)));
    expect(new Set(by(0, 'test'))).toEqual(new Set(order.slice(0, 3)));
    expect(new Set(by(0, 'valid'))).toEqual(new Set(order.slice(3, 6)));

    expect(v.v1).toMatchObject({
      name: 'v1',
      notes: '第一版',
      status: 'frozen',
      itemCount: 38,
      counts: { history: { train: 32, valid: 3, test: 3, total: 38 } },
      missingPpl: { history: { valid: 1, test: 1 } },
      splitConfig: { valid: 4, test: 4, seed: 's1' },
      progress: { percent: 100, status: 'frozen' },
    });
    const ex = await t.http.get(`/api/datasets/versions/${v.v1.id}/exclusions`).set(...researcher.auth).query({ filter: '{"reason":"not_ppl_ready"}' }).expect(200);
    expect(ex.body.map((e: any) => e.itemId).sort()).toEqual([...by(1, 'test'), ...by(1, 'valid')].sort());
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM dataset_version_items WHERE version_id = $1 AND item_id = ANY ($2::bigint[])`, [
      v.v1.id,
      [...by(1, 'test'), ...by(1, 'valid')],
    ]);
    expect(n).toBe(0);
  });

  it('has a content hash anyone can recompute from the snapshots (README canonical form)', async () => {
    const rows = await t.db.query(
      `SELECT v.item_id, a.key, v.split, encode(v.snapshot_hash, 'hex') AS hash, s.content
         FROM dataset_version_items v JOIN abilities a ON a.id = v.ability_id JOIN item_snapshots s ON s.hash = v.snapshot_hash
        WHERE v.version_id = $1 ORDER BY v.item_id`,
      [v.v1.id],
    );
    for (const r of rows) expect(sha256(canonical(r.content))).toBe(r.hash);
    const item = await t.db.query(`SELECT messages, gold, choices, answer_type, question_format FROM items WHERE id = $1`, [rows[0].item_id]);
    expect(rows[0].content).toEqual({
      messages: item[0].messages,
      gold: item[0].gold,
      choices: item[0].choices,
      answerType: item[0].answer_type,
      questionFormat: item[0].question_format,
    });
    const lines = rows.map((r: any) => `${r.item_id}\t${r.key}\t${r.split}\t${r.hash}\n`).join('');
    expect(v.v1.contentHash).toBe(sha256(lines));
  });

  it('keeps the frozen content when an item is edited later', async () => {
    const target = history0.find((id) => id !== undefined)!;
    const [before] = await t.db.query(
      `SELECT s.content FROM dataset_version_items v JOIN item_snapshots s ON s.hash = v.snapshot_hash WHERE v.version_id = $1 AND v.item_id = $2`,
      [v.v1.id, target],
    );
    await t.db.query(`UPDATE items SET messages = '[{"role":"user","content":"改过的问题"},{"role":"assistant","content":"改过的答案"}]' WHERE id = $1`, [target]);
    const again = await t.http.get(`/api/datasets/versions/${v.v1.id}`).set(...researcher.auth).expect(200);
    expect(again.body.contentHash).toBe(v.v1.contentHash);
    const [after] = await t.db.query(
      `SELECT s.content FROM dataset_version_items v JOIN item_snapshots s ON s.hash = v.snapshot_hash WHERE v.version_id = $1 AND v.item_id = $2`,
      [v.v1.id, target],
    );
    expect(after.content).toEqual(before.content);
    expect(after.content.messages[0].content).not.toBe('改过的问题');
    await expect(t.db.query(`UPDATE dataset_version_items SET split = 'train' WHERE version_id = $1`, [v.v1.id])).rejects.toThrow(/frozen/);
  });

  it('refuses to move a frozen item to another split (409), but not an item no version holds', async () => {
    const split = await versionSplits(t, v.v1.id);
    const testItem = [...split].find(([, s]) => s === 'test')![0];
    const res = await t.http.post('/api/items/split').set(...lead.auth).send({ itemIds: [testItem], split: 'train' }).expect(409);
    expect(res.body.message).toMatch(new RegExp(`items ${testItem}: already frozen into a dataset version`));
    await t.http.post('/api/items/split').set(...lead.auth).send({ itemIds: [testItem], split: 'test' }).expect(200, { updated: 0 });
    const [fresh] = await seedItems(t, { count: 1, ability: 'history' });
    await t.http.post('/api/items/split').set(...lead.auth).send({ itemIds: [fresh], split: 'train' }).expect(200, { updated: 1 });
  });

  it('published dataset.frozen on socket.io and through pg-boss, and progress events', async () => {
    await new Promise((r) => setTimeout(r, 300));
    expect(frozenEvents).toContainEqual(expect.objectContaining({ versionId: v.v1.id, contentHash: v.v1.contentHash, itemCount: 38 }));
    const job = await boss.fetch<{ versionId: number }>('training-policy');
    expect(job?.[0]?.data).toMatchObject({ versionId: v.v1.id, contentHash: v.v1.contentHash });
    expect(progressEvents.some((e) => e.id === v.v1.id && e.status === 'freezing')).toBe(true);
    expect(progressEvents.filter((e) => e.id === v.v1.id).at(-1)).toMatchObject({ status: 'frozen', percent: 100 });
  });

  it('keeps splits sticky over three versions while new items fill the targets', async () => {
    const s1 = await versionSplits(t, v.v1.id);
    const [openTest, openValid] = await Promise.all(
      ['test', 'valid'].map(async (s) => (await t.db.query(`SELECT id FROM items WHERE id = ANY ($1::bigint[]) AND split = $2`, [history1, s]))[0].id),
    );
    await makePplReady(t, [Number(openTest), Number(openValid)], annotator.id);
    const newHistory = await seedItems(t, { count: 20, ability: 'history' });
    const chinese = await seedItems(t, { count: 12, ability: 'chinese' });

    v.v2 = await freezeAndWait(t, researcher.token, { name: 'v2', parentId: v.v1.id, splits: { valid: 4, test: 4 }, seed: 's1' });
    expect(v.v2).toMatchObject({
      parentId: v.v1.id,
      parentName: 'v1',
      counts: { history: { valid: 4, test: 4 }, chinese: { train: 4, valid: 4, test: 4, total: 12 } },
      missingPpl: {},
    });
    const s2 = await versionSplits(t, v.v2.id);
    for (const [id, split] of s1) expect(s2.get(id), `item ${id}`).toBe(split);
    for (const id of newHistory) expect(s2.get(id)).toBe('train'); // history's targets were already met
    const [snap] = await t.db.query(
      `SELECT s.content FROM dataset_version_items v JOIN item_snapshots s ON s.hash = v.snapshot_hash WHERE v.version_id = $1 AND v.item_id = $2`,
      [v.v2.id, openTest],
    );
    expect(snap.content.distractors).toEqual({ fine: `细微干扰项 ${openTest}`, coarse: `粗略干扰项 ${openTest}` });

    const more = await seedItems(t, { count: 10, ability: 'history' });
    v.v3 = await freezeAndWait(t, researcher.token, { name: 'v3', parentId: v.v2.id, splits: { valid: 4, test: 6 }, seed: 's1' });
    const s3 = await versionSplits(t, v.v3.id);
    for (const [id, split] of s2) expect(s3.get(id), `item ${id}`).toBe(split);
    expect(v.v3.counts.history.test).toBe(6);
    expect(more.filter((id) => s3.get(id) === 'test')).toHaveLength(2);
    // chinese has no unassigned items left: its splits stay as they were
    expect(v.v3.counts.chinese).toEqual({ train: 4, valid: 4, test: 4, total: 12 });
  });

  it('assigns splits without freezing, and lists versions newest first', async () => {
    const fresh = await seedItems(t, { count: 3, ability: 'ethics' });
    await t.http.post('/api/datasets/splits/assign').set(...annotator.auth).send({}).expect(403);
    const res = await t.http.post('/api/datasets/splits/assign').set(...lead.auth).send({ filter: { abilities: ['ethics'] }, splits: { valid: 1, test: 1 } }).expect(200);
    expect(res.body.assigned).toEqual({ train: 1, valid: 1, test: 1 });
    const rows = await t.db.query(`SELECT split FROM items WHERE id = ANY ($1::bigint[])`, [fresh]);
    expect(rows.map((r: any) => r.split).sort()).toEqual(['test', 'train', 'valid']);
    const list = await t.http.get('/api/datasets/versions').set(...researcher.auth).expect(200);
    expect(list.headers['content-range']).toBe('versions 0-2/3');
    expect(list.body.map((r: any) => r.name)).toEqual(['v3', 'v2', 'v1']);
  });

  it('keeps a frozen version: no delete, no rename; a duplicate name is a conflict', async () => {
    await t.http.delete(`/api/datasets/versions/${v.v1.id}`).set(...researcher.auth).expect(409);
    const dup = await freeze(t, researcher.token, { name: 'v4-tmp' }).then(async (r) => waitForVersion(t, researcher.token, r.id));
    expect(dup.status).toBe('frozen');
    const again = await t.http.post('/api/datasets/versions').set(...researcher.auth).send({ name: 'v1' }).expect(409);
    expect(again.body.message).toMatch(/already exists/);
  });
});
