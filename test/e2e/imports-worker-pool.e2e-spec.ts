import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetEnvCache } from '../../server/config/env';
import { ImportRunner } from '../../server/imports/pipeline/import-runner';
import { chineseQa, qa } from '../factories/records';
import { uploadImport, waitForImport } from '../utils/imports';
import { createTestApp, TestApp } from '../utils/test-app';

const line = (v: unknown) => Buffer.from(JSON.stringify(v) + '\n');

/**
 * The import's records are standardized by a pool of IMPORT_WORKERS threads, each taking every n-th chunk of
 * IMPORT_BATCH_SIZE records. With chunks of 3 records, consecutive batches come from different workers: whatever
 * the pool does, the import must end as the one-worker import does.
 */
describe('import worker pool', () => {
  let t: TestApp;
  let token: string;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp({ IMPORT_BATCH_SIZE: '3', IMPORT_MAX_LINE_BYTES: '4096' });
    token = await t.tokenFor('lead');
    dir = await mkdtemp(join(tmpdir(), 'pace-pool-'));
  });
  afterAll(async () => {
    delete process.env.IMPORT_WORKERS;
    resetEnvCache();
    await t.close();
  });

  /**
   * Imports `file` with `workers` threads (uploaded, or with `direct` registered straight in the table and run here,
   * which lets a file the upload would refuse reach the pipeline); returns what it left, then removes its items so
   * the next run starts alike.
   */
  async function importWith(workers: number, file: string, name: string, direct = false) {
    process.env.IMPORT_WORKERS = String(workers);
    resetEnvCache();
    const id = direct ? await registerImport(file, `${name}-${workers}`) : (await uploadImport(t, token, file, { sourceName: `${name}-${workers}`, adapter: 'messages' })).id;
    if (direct) await t.app.get(ImportRunner).run(id);
    const done = await waitForImport(t, token, id);
    const items = await t.db.query(
      `SELECT i.raw_line, i.raw_offset, i.sub_index, i.status, i.duplicate_kind, i.duplicate_similarity, o.raw_line AS original_line,
              i.messages, encode(i.content_hash, 'hex') AS hash, i.lsh_keys
         FROM items i LEFT JOIN items o ON o.id = i.duplicate_of
        WHERE i.import_id = $1 ORDER BY i.raw_line, i.sub_index`,
      [id],
    );
    const errors = await t.db.query('SELECT file, line, field, code, reason, excerpt FROM import_errors WHERE import_id = $1 ORDER BY id', [id]);
    const [row] = await t.db.query('SELECT checkpoint FROM imports WHERE id = $1', [id]);
    await t.db.query('DELETE FROM import_errors WHERE import_id = $1', [id]);
    await t.db.query('DELETE FROM items WHERE import_id = $1', [id]);
    const { status, failureReason, linesRead, itemsCreated, exactDuplicates, nearDuplicates, skipped, errorCount } = done;
    // uploads are stored under a unique prefix
    const errorsWithoutPath = errors.map((e: { file: string }) => ({ ...e, file: e.file.replace(/^(.*\/)?\d+-[0-9a-f]+-/, '') }));
    return { counts: { status, failureReason, linesRead, itemsCreated, exactDuplicates, nearDuplicates, skipped, errorCount }, items, errors: errorsWithoutPath, checkpoint: row.checkpoint };
  }

  async function registerImport(file: string, sourceName: string): Promise<string> {
    const [{ id: sourceId }] = await t.db.query(`INSERT INTO sources (name, kind) VALUES ($1, 'curation') RETURNING id`, [sourceName]);
    const [{ id }] = await t.db.query(
      `INSERT INTO imports (source_id, adapter, format, file_path, original_name, total_size, status)
       VALUES ($1, 'messages', 'jsonl', $2, $3, 1, 'queued') RETURNING id`,
      [sourceId, file, file.replace(/^.*\//, '')],
    );
    return id;
  }

  it('gives the same items, duplicates, errors, positions and progress with two workers as with one, on a mixed file', async () => {
    const near = chineseQa(7);
    near.messages[1].content = near.messages[1].content.replace(/^答：./, '答：变');
    const file = join(dir, 'mixed.jsonl');
    await writeFile(file, Buffer.concat([
      Buffer.from('\ufeff'), // the file's BOM
      ...[1, 2, 3, 4].map((n) => line(chineseQa(n))),
      Buffer.from('{"messages": [{"role": "user", "content": "缺少结尾"}\n'), // malformed JSON
      Buffer.from(JSON.stringify(chineseQa(5)) + '\r\n'), // CRLF
      line(chineseQa(2)), // exact duplicate of line 2, from another chunk
      Buffer.from('\n  \n'), // blank lines
      line(chineseQa(7)),
      Buffer.concat([Buffer.from('{"messages":[{"role":"user","content":"'), Buffer.from([0xe4, 0xb8]), Buffer.from('"}]}\n')]), // invalid UTF-8
      line(near), // near duplicate of chineseQa(7)
      Buffer.from('\ufeff' + JSON.stringify(chineseQa(8)) + '\n'), // a BOM inside: files joined with cat
      Buffer.from('{"messages":[{"role":"user","content":"NUL \\u0000 here"},{"role":"assistant","content":"答"}],"type":"history"}\n'),
      Buffer.from('{"messages":[{"role":"user","content":"lone \\ud800 surrogate"},{"role":"assistant","content":"答"}],"type":"history"}\n'),
      line({ ...chineseQa(9), type: 'astrology' }), // unknown ability
      line({ ...chineseQa(10), padding: 'x'.repeat(5000) }), // over the line limit
      line(qa('第一题：多轮对话的开头。', '答：好的。')),
      ...[11, 12, 13, 14, 15].map((n) => line(chineseQa(n))),
      line(chineseQa(11)), // exact duplicate inside the last chunks
      Buffer.from(JSON.stringify(chineseQa(16))), // no newline at the end
    ]));

    const one = await importWith(1, file, 'mixed');
    const two = await importWith(2, file, 'mixed');
    expect(two).toEqual(one);
    // and the file was the mixed file it is meant to be
    expect(one.counts).toMatchObject({ status: 'completed', exactDuplicates: 2, nearDuplicates: 1, errorCount: 6 });
    expect(one.errors.map((e: { line: number; code: string }) => [e.line, e.code])).toEqual([
      [5, 'malformed_json'], [11, 'invalid_utf8'], [14, 'bad_character'], [15, 'bad_character'], [16, 'unknown_ability'], [17, 'too_long'],
    ]);
    expect(one.items.filter((i: { status: string }) => i.status === 'duplicate').map((i: { raw_line: number; original_line: number }) => [i.raw_line, i.original_line]))
      .toEqual([[7, 2], [12, 10], [24, 19]]);
  });

  it('fails a file that breaks off mid-way as one worker does, keeping each batch before the break once', async () => {
    const text = Array.from({ length: 400 }, (_, i) => JSON.stringify(chineseQa(1000 + i))).join('\n') + '\n';
    const gz = gzipSync(text);
    const file = join(dir, 'cut.jsonl.gz');
    await writeFile(file, gz.subarray(0, Math.floor(gz.length * 0.6)));

    const one = await importWith(1, file, 'cut', true);
    const two = await importWith(2, file, 'cut', true);
    expect(two).toEqual(one);
    expect(one.counts.status).toBe('failed');
    expect(one.counts.failureReason).toMatch(/^cut\.jsonl\.gz: /);
    const lines = one.items.map((i: { raw_line: number }) => i.raw_line);
    expect(lines.length).toBeGreaterThan(30);
    expect(lines.length % 3).toBe(0); // whole batches only
    expect(lines).toEqual(Array.from({ length: lines.length }, (_, i) => i + 1));
    expect(one.checkpoint.line).toBe(lines.length);
  });
});
