import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordOffsets1764000000000 } from '../../migrations/1764000000000-RecordOffsets';
import { chineseQa } from '../factories/records';
import { killAndResumeImport, uploadImport, waitForImport } from '../utils/imports';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * Issue 11 item 1: `json.dump` and `JSON.stringify` write a whole array on one line. Every record then starts on
 * line 1, and before records had a position of their own the second one hit items_raw_record_uq and the import
 * failed with nothing imported.
 */

const alpaca = (n: number) => {
  const { messages } = chineseQa(n);
  return { instruction: messages[0].content, input: n % 2 ? `补充材料${n}` : '', output: messages[1].content };
};

/** A C3-shaped document: a dialogue and `questions` questions about it, each an item. */
const c3 = (n: number, questions: number) => [
  [`男：${chineseQa(n).messages[0].content}`, `女：${chineseQa(n).messages[1].content}`],
  Array.from({ length: questions }, (_, q) => ({ question: `第${q + 1}问：${chineseQa(1000 * n + q).messages[0].content}`, choice: ['甲', '乙', '丙', '丁'], answer: '乙' })),
  `doc-${n}`,
];

interface Row {
  raw_line: number;
  raw_offset: string;
  sub_index: number;
  messages: Array<{ role: string; content: string }>;
}

async function itemsOf(t: TestApp, importId: string): Promise<Row[]> {
  return t.db.query('SELECT raw_line, raw_offset, sub_index, messages FROM items WHERE import_id = $1 ORDER BY raw_offset, sub_index', [importId]);
}

describe('records on one line (issue 11 item 1)', () => {
  let t: TestApp;
  let token: string;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp({ IMPORT_BATCH_SIZE: '500' });
    token = await t.tokenFor('lead');
    dir = await mkdtemp(join(tmpdir(), 'pace-one-line-'));
  });
  afterAll(() => t.close());

  /** Imports `records` written pretty-printed and on one line; both must give the same items, in the same order. */
  async function importBothWays(name: string, records: unknown[], fields: Record<string, string>): Promise<Row[]> {
    const pretty = join(dir, `${name}.pretty.json`);
    const oneLine = join(dir, `${name}.json`);
    await writeFile(pretty, JSON.stringify(records, null, 2));
    await writeFile(oneLine, JSON.stringify(records));
    const a = await uploadImport(t, token, pretty, fields);
    expect((await waitForImport(t, token, a.id)).status).toBe('completed');
    const b = await uploadImport(t, token, oneLine, fields);
    const done = await waitForImport(t, token, b.id);
    expect(done.status, done.failureReason ?? '').toBe('completed');
    expect(done.errorCount).toBe(0);
    const [expected, got] = [await itemsOf(t, a.id), await itemsOf(t, b.id)];
    expect(got.map((r) => r.messages)).toEqual(expected.map((r) => r.messages));
    expect(new Set(got.map((r) => r.raw_line))).toEqual(new Set([1]));
    return got;
  }

  it('imports a one-line JSON array with the alpaca adapter, one item per record at its own offset', async () => {
    const records = Array.from({ length: 30 }, (_, i) => alpaca(i));
    const got = await importBothWays('alpaca', records, { adapter: 'alpaca', sourceName: 'one-line-alpaca', ability: 'creative_writing' });
    expect(got).toHaveLength(30);
    // each record's position is where it starts in the line
    const line = JSON.stringify(records);
    let at = 1;
    const offsets = records.map((r) => {
      const start = line.indexOf(JSON.stringify(r), at);
      at = start + 1;
      return Buffer.byteLength(line.slice(0, start));
    });
    expect(got.map((r) => Number(r.raw_offset))).toEqual(offsets);
  });

  it('imports a one-line C3 array: several records on the line, several items per record', async () => {
    const records = Array.from({ length: 12 }, (_, i) => c3(i, 1 + (i % 3)));
    const got = await importBothWays('c3', records, { adapter: 'c3' });
    expect(got).toHaveLength(records.reduce((n, r) => n + (r[1] as unknown[]).length, 0));
    const keys = got.map((r) => `${r.raw_offset}/${r.sub_index}`);
    expect(new Set(keys).size).toBe(got.length);
    expect(new Set(got.map((r) => r.raw_offset)).size).toBe(12);
  });

  it('imports the messages adapter\'s array form written on one line', async () => {
    const records = Array.from({ length: 25 }, (_, i) => chineseQa(5000 + i));
    const got = await importBothWays('messages', records, { adapter: 'messages', sourceName: 'one-line-messages' });
    expect(got).toHaveLength(25);
  });

  it('resumes a killed one-line array import with every record exactly once', async () => {
    const N = 20_000;
    const file = join(dir, 'crash.json');
    await writeFile(file, JSON.stringify(Array.from({ length: N }, (_, i) => chineseQa(100_000 + i))));
    const { id, killed, done } = await killAndResumeImport(t, token, {
      file, format: 'json-array', adapter: 'messages', originalName: 'crash.json', ability: 'history', batchSize: 500, killAfterItems: 2000,
    });
    expect(killed.status).toBe('running');
    expect(killed.items_created).toBeLessThan(N);
    expect(killed.checkpoint.line).toBe(1); // it stopped inside the one line
    expect(done).toMatchObject({ status: 'completed', itemsCreated: N, errorCount: 0 });
    const rows: Array<{ n: number; offsets: number; line: number }> = await t.db.query(
      `SELECT count(*)::int AS n, count(DISTINCT raw_offset)::int AS offsets, max(raw_line) AS line FROM items WHERE import_id = $1`,
      [id],
    );
    expect(rows[0]).toEqual({ n: N, offsets: N, line: 1 });
    const numbers: Array<{ k: number }> = await t.db.query(
      `SELECT substring(messages->0->>'content' FROM '^第(\\d+)题')::int AS k FROM items WHERE import_id = $1 ORDER BY raw_offset`,
      [id],
    );
    expect(numbers.map((r) => r.k)).toEqual(Array.from({ length: N }, (_, i) => 100_000 + i));
  });

  it('has a down() that numbers the records of a line one after another in sub_index, so the old key holds; and up() again', async () => {
    const [{ import_id: importId }] = await t.db.query(`SELECT DISTINCT import_id FROM items WHERE raw_file LIKE '%-c3.json'`);
    const before: Array<{ id: string }> = await t.db.query('SELECT id FROM items WHERE import_id = $1 ORDER BY raw_offset, sub_index', [importId]);
    const runner = t.db.createQueryRunner();
    try {
      const migration = new RecordOffsets1764000000000();
      await migration.down(runner);
      const after: Array<{ id: string; sub_index: number }> = await t.db.query('SELECT id, sub_index FROM items WHERE import_id = $1 ORDER BY sub_index', [importId]);
      expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
      expect(after.map((r) => r.sub_index)).toEqual(before.map((_, i) => i));
      await migration.up(runner);
      const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM items WHERE import_id = $1 AND raw_offset = 0', [importId]);
      expect(n).toBe(before.length);
    } finally {
      await runner.release();
    }
  });
});
