import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chineseQa } from '../factories/records';
import { uploadImport, waitForImport } from '../utils/imports';
import { createTestApp, TestApp } from '../utils/test-app';

const line = (v: unknown) => Buffer.from(JSON.stringify(v) + '\n');

describe('bad input', () => {
  let t: TestApp;
  let token: string;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp({ IMPORT_MAX_LINE_BYTES: '4096' });
    token = await t.tokenFor('lead');
    dir = await mkdtemp(join(tmpdir(), 'pace-bad-'));
  });
  afterAll(() => t.close());

  it('reports every bad line with file, line, field and reason, and imports the good ones whole', async () => {
    const file = join(dir, 'corrupt.jsonl');
    await writeFile(file, Buffer.concat([
      line(chineseQa(1)), // 1 good
      Buffer.from('{"messages": [{"role": "user", "content": "缺少结尾"}\n'), // 2 malformed JSON
      Buffer.concat([Buffer.from('{"messages":[{"role":"user","content":"'), Buffer.from([0xe4, 0xb8]), Buffer.from('"}]}\n')]), // 3 truncated UTF-8
      line({ type: 'history', question_format: 1 }), // 4 missing messages
      line({ messages: 'not a list', type: 'history' }), // 5 wrong type
      line({ ...chineseQa(2), type: 'astrology' }), // 6 unknown ability
      line({ messages: [{ role: 'user', content: 'Q' }, { role: 'user', content: 'A' }], type: 'history' }), // 7 wrong role
      line(chineseQa(3)), // 8 good
      line({ ...chineseQa(4), padding: 'x'.repeat(5000) }), // 9 over-long
      Buffer.from('\n'), // 10 blank: ignored
      line(chineseQa(5)), // 11 good
    ]));
    const { id } = await uploadImport(t, token, file, { sourceName: 'corrupt', adapter: 'messages' });
    const done = await waitForImport(t, token, id);
    expect(done).toMatchObject({ status: 'completed', itemsCreated: 3, errorCount: 7 });

    const errors = await t.http.get(`/api/imports/${id}/errors?range=[0,99]`).set('Authorization', `Bearer ${token}`).expect(200);
    const report = errors.body.map((e: { file: string; line: number; field: string | null; reason: string }) => ({ file: e.file, line: e.line, field: e.field, reason: e.reason }));
    expect(report.every((e: { file: string }) => e.file.endsWith('corrupt.jsonl'))).toBe(true);
    expect(report.map((e: { line: number; field: string | null }) => [e.line, e.field])).toEqual([
      [2, null],
      [3, null],
      [4, 'messages'],
      [5, 'messages'],
      [6, 'ability'],
      [7, 'messages[1].role'],
      [9, null],
    ]);
    expect(report[0].reason).toMatch(/malformed JSON/i);
    expect(report[1].reason).toMatch(/invalid UTF-8/i);
    expect(report[2].reason).toMatch(/missing|required/i);
    expect(report[3].reason).toMatch(/array|list/i);
    expect(report[4].reason).toMatch(/unknown ability "astrology"/);
    expect(report[5].reason).toMatch(/assistant/);
    expect(report[6].reason).toMatch(/over the limit of 4096/);
    // issue 11 (fuzzing): each row says its kind of problem from the one list in import-error-codes.ts
    expect(errors.body.map((e: { code: string }) => e.code)).toEqual([
      'malformed_json', 'invalid_utf8', 'missing_field', 'wrong_type', 'unknown_ability', 'bad_conversation', 'too_long',
    ]);

    const csv = await t.http.get(`/api/imports/${id}/errors/report?format=csv`).set('Authorization', `Bearer ${token}`).expect(200);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="import-.*-errors\.csv"/);
    const csvLines = csv.text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(csvLines[0]).toBe('file,line,field,code,reason,excerpt');
    expect(csvLines).toHaveLength(8);
    const jsonl = await t.http.get(`/api/imports/${id}/errors/report?format=jsonl`).set('Authorization', `Bearer ${token}`).expect(200);
    expect(jsonl.text.trim().split('\n').map((l) => JSON.parse(l).line)).toEqual([2, 3, 4, 5, 6, 7, 9]);

    const items = await t.db.query(`SELECT raw_line, raw_file, jsonb_array_length(messages) AS n FROM items WHERE import_id = $1 ORDER BY raw_line`, [id]);
    expect(items.map((i: { raw_line: number }) => i.raw_line)).toEqual([1, 8, 11]);
    expect(items.every((i: { n: number; raw_file: string }) => i.n === 2 && i.raw_file.endsWith('corrupt.jsonl'))).toBe(true);
  });

  it('fails a file that is entirely unusable with one clear message and creates nothing', async () => {
    const file = join(dir, 'people.jsonl');
    await writeFile(file, Array.from({ length: 600 }, (_, i) => JSON.stringify({ name: `p${i}`, age: i })).join('\n'));
    const { id } = await uploadImport(t, token, file, { sourceName: 'wrong-shape', adapter: 'messages' });
    const done = await waitForImport(t, token, id);
    expect(done.status).toBe('failed');
    expect(done.failureReason).toMatch(/^people\.jsonl: no record could be imported with the "messages" adapter .*first problem at line 1, field messages: /);
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM items WHERE import_id = $1', [id]);
    expect(n).toBe(0);
  });

  it('refuses an empty file or one of the wrong format up front, naming it', async () => {
    const empty = join(dir, 'empty.jsonl');
    await writeFile(empty, '');
    const post = (path: string) => t.http.post('/api/imports').set('Authorization', `Bearer ${token}`)
      .attach('file', path).field('adapter', 'messages').field('sourceName', 'x');
    const res = await post(empty);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.message).toMatch(/^empty\.jsonl: .*empty/i);
    const table = join(dir, 'table.json');
    await writeFile(table, 'name,age\nalice,3\n');
    const wrong = await post(table);
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toBe('table.json: expected a JSON array or JSON Lines file');
  });

  it('refuses a request with an unknown adapter, unknown ability or no file before queuing anything', async () => {
    const file = join(dir, 'ok.jsonl');
    await writeFile(file, line(chineseQa(7)));
    const post = () => t.http.post('/api/imports').set('Authorization', `Bearer ${token}`);
    const unknownAdapter = await post().attach('file', file).field('adapter', 'nope').field('sourceName', 's');
    expect(unknownAdapter.status).toBe(400);
    expect(unknownAdapter.body.message).toMatch(/adapter.*nope/);
    const unknownAbility = await post().attach('file', file).field('ability', 'astrology').field('sourceName', 's');
    expect(unknownAbility.status).toBe(400);
    expect(unknownAbility.body.message).toMatch(/ability: unknown ability "astrology"/);
    const noFile = await post().field('adapter', 'messages');
    expect(noFile.status).toBe(400);
    expect(noFile.body.message).toMatch(/file/);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM imports`);
    expect(n).toBe(2); // only the two imports of the earlier tests

  });
});
