import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chineseQa } from '../factories/records';
import { uploadImport, waitForImport } from '../utils/imports';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * Issue 11 item 2: one bad character made PostgreSQL refuse the batch (or the error row quoting it) and the whole
 * import failed with "0 records read". Such records are reported (file, line, field, reason) and the rest imported.
 */

interface ErrorView {
  file: string;
  line: number;
  field: string | null;
  reason: string;
  excerpt: string | null;
}

const json = (v: unknown) => JSON.stringify(v);

describe('bad characters (issue 11 item 2)', () => {
  let t: TestApp;
  let token: string;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp();
    token = await t.tokenFor('lead');
    dir = await mkdtemp(join(tmpdir(), 'pace-chars-'));
  });
  afterAll(() => t.close());

  async function errorsOf(id: string): Promise<ErrorView[]> {
    const res = await t.http.get(`/api/imports/${id}/errors?range=[0,99]`).set('Authorization', `Bearer ${token}`).expect(200);
    return res.body;
  }

  it('reports a raw NUL byte, \\u0000, unpaired surrogates and control characters in JSON Lines, and imports every other line', async () => {
    const qa = (n: number, answer: string) => ({ ...chineseQa(n), messages: [chineseQa(n).messages[0], { role: 'assistant', content: answer }] });
    const file = join(dir, 'chars.jsonl');
    await writeFile(file, Buffer.concat([
      Buffer.from(json(chineseQa(1)) + '\n'), // 1 good
      Buffer.from(`{"messages":[{"role":"user","content":"raw\0NUL"},{"role":"assistant","content":"a"}],"type":"history"}\n`), // 2 raw NUL byte
      Buffer.from(json(qa(3, 'escaped\u0000NUL')) + '\n'), // 3 \u0000
      Buffer.from(json(qa(4, 'lone \ud800 high')) + '\n'), // 4 \ud800
      Buffer.from(json(qa(5, 'lone \udfff low')) + '\n'), // 5 \udfff
      Buffer.from(json(qa(6, 'bell\u0007')) + '\n'), // 6 BEL
      Buffer.from(json(qa(7, '笑 😀 (a surrogate pair)')).replace('😀', '\\ud83d\\ude00') + '\n'), // 7 good
      Buffer.from(json({ ...chineseQa(8), note: 'k\u0000' }) + '\n'), // 8 NUL in a field the adapter ignores: still reported
      Buffer.from(json(chineseQa(9)) + '\n'), // 9 good
    ]));
    const { id } = await uploadImport(t, token, file, { adapter: 'messages', sourceName: 'chars' });
    const done = await waitForImport(t, token, id);
    expect(done, done.failureReason ?? '').toMatchObject({ status: 'completed', linesRead: 9, itemsCreated: 3, errorCount: 6 });

    const errors = await errorsOf(id);
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [2, null],
      [3, 'messages[1].content'],
      [4, 'messages[1].content'],
      [5, 'messages[1].content'],
      [6, 'messages[1].content'],
      [8, 'note'],
    ]);
    expect(errors.every((e) => e.file.endsWith('chars.jsonl'))).toBe(true);
    expect(errors[0].reason).toMatch(/malformed JSON.*control character/i);
    expect(errors[1].reason).toMatch(/^NUL character \(U\+0000\) at character 8/);
    expect(errors[2].reason).toMatch(/^unpaired UTF-16 surrogate U\+D800/);
    expect(errors[3].reason).toMatch(/^unpaired UTF-16 surrogate U\+DFFF/);
    expect(errors[4].reason).toMatch(/^control character U\+0007 \(BEL\)/);
    // the excerpts quote what was there, as visible escapes
    expect(errors[0].excerpt).toContain('raw\\u0000NUL');
    expect(errors[1].excerpt).toContain('escaped\\u0000NUL');
    expect(errors[2].excerpt).toContain('lone \\ud800 high');

    const contents: Array<{ c: string }> = await t.db.query(`SELECT messages->1->>'content' AS c FROM items WHERE import_id = $1 ORDER BY raw_line`, [id]);
    expect(contents.map((r) => r.c)).toEqual([chineseQa(1).messages[1].content, '笑 😀 (a surrogate pair)', chineseQa(9).messages[1].content]);

    const report = await t.http.get(`/api/imports/${id}/errors/report?format=jsonl`).set('Authorization', `Bearer ${token}`).expect(200);
    expect(report.text.trim().split('\n').map((l) => JSON.parse(l).line)).toEqual([2, 3, 4, 5, 6, 8]);
  });

  it('reports a bad character in a one-line JSON array element and in a CSV cell, naming the field', async () => {
    const array = join(dir, 'alpaca.json');
    const records = [
      { instruction: '第一条', output: '好' },
      { instruction: '第二条', output: 'bad\u0000' },
      { instruction: '第三条\ud800', output: '好' },
      { instruction: '第四条', output: '好的' },
    ];
    await writeFile(array, JSON.stringify(records));
    const a = await uploadImport(t, token, array, { adapter: 'alpaca', sourceName: 'chars-alpaca', ability: 'creative_writing' });
    const doneA = await waitForImport(t, token, a.id);
    expect(doneA, doneA.failureReason ?? '').toMatchObject({ status: 'completed', itemsCreated: 2, errorCount: 2 });
    expect((await errorsOf(a.id)).map((e) => [e.line, e.field])).toEqual([[1, 'output'], [1, 'instruction']]);

    const csv = join(dir, 'table.csv');
    await writeFile(csv, Buffer.from('Question,Answer\n甲问题,甲答案\n乙\0问题,乙答案\n丙问题,丙\u0001答案\n丁问题,丁答案\n'));
    const c = await uploadImport(t, token, csv, { adapter: 'csv', sourceName: 'chars-csv', ability: 'history', csvMapping: JSON.stringify({ instruction: 'Question', output: 'Answer' }) });
    const doneC = await waitForImport(t, token, c.id);
    expect(doneC, doneC.failureReason ?? '').toMatchObject({ status: 'completed', itemsCreated: 2, errorCount: 2 });
    const errors = await errorsOf(c.id);
    expect(errors.map((e) => [e.line, e.field])).toEqual([[3, 'Question'], [4, 'Answer']]);
    expect(errors[0].excerpt).toContain('乙\\u0000问题');
  });
});
