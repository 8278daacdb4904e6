import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertItems } from '../factories/items';
import { chineseQa, writeJsonl } from '../factories/records';
import { uploadImport, waitForImport } from '../utils/imports';
import { createTestApp, TestApp } from '../utils/test-app';

describe('import list and adapters, as the upload and progress screens read them', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    token = await t.tokenFor('researcher');
  });
  afterAll(() => t.close());

  it('gives each list row the same progress as the import itself and its import.progress event', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pace-list-'));
    const file = join(dir, 'small.jsonl');
    await writeJsonl(file, Array.from({ length: 30 }, (_, i) => chineseQa(i)));
    const { id } = await uploadImport(t, token, file, { sourceName: 'small', ability: 'history' });
    const done = await waitForImport(t, token, id);

    const [{ id: sourceId }] = await t.db.query(`SELECT id FROM sources WHERE name = 'small'`);
    const [{ id: queued }] = await t.db.query(
      `INSERT INTO imports (source_id, adapter, format, file_path, original_name, total_size, done_size, lines_read, status, created_at)
       VALUES ($1, 'messages', 'jsonl', 'x', 'half.jsonl', 200, 85, 17, 'running', now() + interval '1 second') RETURNING id`,
      [sourceId],
    );

    const res = await t.http.get('/api/imports').set('Authorization', `Bearer ${token}`).expect(200);
    expect(res.headers['content-range']).toBe('imports 0-1/2');
    const [running, completed] = res.body;
    expect(running).toMatchObject({ id: queued, status: 'running', progress: { id: queued, status: 'running', percent: 42.5, linesRead: 17 } });
    expect(completed).toMatchObject({ id, status: 'completed', progress: { percent: 100, linesRead: 30, itemsCreated: 30, errorCount: 0 } });
    expect(completed.progress).toEqual(done.progress);

    const filtered = await t.http
      .get('/api/imports')
      .query({ filter: JSON.stringify({ status: 'running' }) })
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(filtered.body.map((r: { id: string }) => r.id)).toEqual([queued]);
    expect(filtered.body[0].progress.percent).toBe(42.5);
  });

  it('keeps a Chinese file name as the browser sent it, and names the file so in errors, the report and items', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pace-name-'));
    const file = join(dir, '考试题.jsonl');
    await writeJsonl(file, [chineseQa(1000), { messages: 'not a list', type: 'history' }]);
    const { id } = await uploadImport(t, token, file, { sourceName: '考试题库', ability: 'history' });
    expect(await waitForImport(t, token, id)).toMatchObject({ originalName: '考试题.jsonl', itemsCreated: 1, errorCount: 1 });
    const [{ file_path }] = await t.db.query('SELECT file_path FROM imports WHERE id = $1', [id]);
    expect(file_path).toMatch(/\/uploads\/.+-考试题\.jsonl$/);

    const auth = ['Authorization', `Bearer ${token}`] as const;
    const errors = await t.http.get(`/api/imports/${id}/errors`).set(...auth).expect(200);
    expect(errors.body.map((e: { file: string; line: number }) => [e.file, e.line])).toEqual([['考试题.jsonl', 2]]);
    const report = await t.http.get(`/api/imports/${id}/errors/report`).set(...auth).expect(200);
    expect(report.text.split('\n')[1]).toMatch(/^考试题\.jsonl,2,messages,/);
    const [{ id: itemId }] = await t.db.query('SELECT id FROM items WHERE import_id = $1', [id]);
    const item = await t.http.get(`/api/items/${itemId}`).set(...auth).expect(200);
    expect(item.body.rawFile).toBe('考试题.jsonl');
  });

  it('imports beside items whose signature cannot be compared (none, or another DEDUP_NUM_PERM) instead of failing', async () => {
    const [unsigned] = await insertItems(t.db, { count: 1 });
    expect((await t.db.query('SELECT length(minhash) AS n FROM items WHERE id = $1', [unsigned]))[0].n).toBe(0);
    const [shortSig] = await insertItems(t.db, { count: 1 });
    await t.db.query(`UPDATE items SET minhash = '\\x0102030405060708'::bytea WHERE id = $1`, [shortSig]);
    await t.db.query(`UPDATE imports SET lsh_params = NULL WHERE id IN (SELECT import_id FROM items WHERE id = ANY($1))`, [[unsigned, shortSig]]);

    const dir = await mkdtemp(join(tmpdir(), 'pace-unsigned-'));
    const file = join(dir, 'after.jsonl');
    await writeJsonl(file, [chineseQa(2000), chineseQa(2000), chineseQa(2001)]);
    const { id } = await uploadImport(t, token, file, { sourceName: 'after', ability: 'history' });
    const done = await waitForImport(t, token, id);
    expect(done).toMatchObject({ status: 'completed', itemsCreated: 2, exactDuplicates: 1, failureReason: null });
  });

  it('lists adapters with their description, and the columns a CSV mapping may name', async () => {
    const res = await t.http.get('/api/imports/adapters').set('Authorization', `Bearer ${token}`).expect(200);
    const csv = res.body.find((a: { key: string }) => a.key === 'csv');
    expect(csv.description).toMatch(/header row/);
    expect(csv.columns).toEqual([
      { name: 'instruction', required: true },
      { name: 'output', required: true },
      { name: 'input', required: false },
      { name: 'ability', required: false },
      { name: 'id', required: false },
      { name: 'answer', required: false },
    ]);
    expect(res.body.find((a: { key: string }) => a.key === 'messages')).toMatchObject({ columns: null, source: { kind: 'generic' } });
  });
});
