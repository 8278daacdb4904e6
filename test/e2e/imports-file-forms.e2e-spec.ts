import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImportFlags, runImportCommand } from '../../server/imports/imports.command';
import { chineseQa } from '../factories/records';
import { killAndResumeImport, uploadImport, waitForImport } from '../utils/imports';
import { exitOf, spawnTs } from '../utils/spawn-ts';
import { createTestApp, TestApp } from '../utils/test-app';

/** Issue 11 item 6: other forms users save their files in, through the upload API and `npm run cli -- import`. */

const records = Array.from({ length: 40 }, (_, i) => chineseQa(7000 + i));
const jsonl = records.map((r) => JSON.stringify(r)).join('\n') + '\n';

function utf16(text: string, bigEndian: boolean): Buffer {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  return bigEndian ? le.swap16() : le;
}

describe('file forms (issue 11 item 6)', () => {
  let t: TestApp;
  let token: string;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp();
    token = await t.tokenFor('lead');
    dir = await mkdtemp(join(tmpdir(), 'pace-forms-'));
  });
  afterAll(() => t.close());

  const messagesOf = async (id: string) =>
    (await t.db.query('SELECT messages FROM items WHERE import_id = $1 ORDER BY raw_line, raw_offset, sub_index', [id])).map((r: { messages: unknown }) => r.messages);

  it('imports gzip, UTF-16 with a BOM, a UTF-8 BOM with CRLF and a pretty-printed array named .jsonl exactly like the plain file', async () => {
    const plain = join(dir, 'plain.jsonl');
    await writeFile(plain, jsonl);
    const base = await uploadImport(t, token, plain, { sourceName: 'forms' });
    expect(await waitForImport(t, token, base.id)).toMatchObject({ status: 'completed', itemsCreated: 40, errorCount: 0 });
    const expected = await messagesOf(base.id);

    const forms: Array<[string, Buffer]> = [
      ['data.jsonl.gz', gzipSync(jsonl)],
      ['gzip-named-plainly.jsonl', gzipSync(jsonl)],
      ['utf16le.jsonl', utf16(jsonl, false)],
      ['utf16be.json', utf16(JSON.stringify(records, null, 2), true)],
      ['bom-crlf.jsonl', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(jsonl.replace(/\n/g, '\r\n'))])],
      ['pretty-array.jsonl', Buffer.from(JSON.stringify(records, null, 2))],
      ['utf16-in-gzip.json.gz', gzipSync(utf16(JSON.stringify(records), false))],
    ];
    for (const [name, bytes] of forms) {
      const file = join(dir, name);
      await writeFile(file, bytes);
      // no adapter named: detected from the decoded content, as for the plain file
      const { id } = await uploadImport(t, token, file, { sourceName: 'forms' });
      const done = await waitForImport(t, token, id);
      // the same records again: every item is an exact duplicate of the plain file's
      expect(done, `${name}: ${done.failureReason}`).toMatchObject({ status: 'completed', linesRead: 40, itemsCreated: 0, exactDuplicates: 40, errorCount: 0 });
      expect(done.progress.percent, name).toBe(100);
      expect(await messagesOf(id), name).toEqual(expected);
    }
  });

  it('refuses a binary or unreadable upload saying what it is, not "cannot tell the record format"', async () => {
    const cases: Array<[string, Buffer, RegExp]> = [
      ['export.jsonl', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(300, 9)]), /^export\.jsonl: a zip archive/],
      ['paper.json', Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n', 'latin1'), /^paper\.json: a PDF document/],
      ['blob.jsonl', Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256)), /^blob\.jsonl: not UTF-8 text/],
      ['broken.jsonl.gz', Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(80, 0x55)]), /^broken\.jsonl\.gz: gzip data that cannot be decompressed/],
    ];
    for (const [name, bytes, message] of cases) {
      const file = join(dir, name);
      await writeFile(file, bytes);
      const res = await t.http.post('/api/imports').set('Authorization', `Bearer ${token}`).attach('file', file).field('sourceName', 'bin');
      expect(res.status, name).toBe(400);
      expect(res.body.message, name).toMatch(message);
    }
    // the API keeps naming its fields
    const ok = join(dir, 'ok.jsonl');
    await writeFile(ok, jsonl);
    const noSource = await t.http.post('/api/imports').set('Authorization', `Bearer ${token}`).attach('file', ok);
    expect(noSource.body.message).toBe('sourceName: the generic "messages" adapter needs a source name or sourceId');
  });

  it('resumes a killed gzip import from its offset in the decompressed text, each record once', async () => {
    const N = 8000;
    const file = join(dir, 'crash.jsonl.gz');
    await writeFile(file, gzipSync(Array.from({ length: N }, (_, i) => JSON.stringify(chineseQa(200_000 + i))).join('\n') + '\n'));
    const { id, killed, done } = await killAndResumeImport(t, token, {
      file, format: 'jsonl', adapter: 'messages', originalName: 'crash.jsonl.gz', ability: 'history', batchSize: 200, killAfterItems: 600,
    });
    expect(killed.items_created).toBeLessThan(N);
    expect(done).toMatchObject({ status: 'completed', itemsCreated: N, errorCount: 0 });
    const [row] = await t.db.query('SELECT count(*)::int AS n, count(DISTINCT raw_line)::int AS lines, max(raw_line) AS last FROM items WHERE import_id = $1', [id]);
    expect(row).toEqual({ n: N, lines: N, last: N });
  });

  describe('npm run cli -- import', () => {
    const cli = (args: string[]) => spawnTs('server/cli/main.ts', args, { DATABASE_URL: process.env.DATABASE_URL!, PACE_DATA_DIR: t.dataDir });

    it('imports a gzip file, and names CLI flags, not API fields, in what it refuses', async () => {
      const gz = join(dir, 'cli.jsonl.gz');
      await writeFile(gz, gzipSync(Array.from({ length: 30 }, (_, i) => JSON.stringify(chineseQa(9000 + i))).join('\n')));
      const ok = cli(['import', gz, '--source', 'cli-gz']);
      expect(await exitOf(ok), ok.output()).toBe(0);
      expect(ok.output()).toMatch(/completed: 30 records read, 30 new items/);

      const noSource = cli(['import', gz]);
      expect(await exitOf(noSource)).toBe(1);
      expect(noSource.output()).toMatch(/--source: the generic "messages" adapter needs a source name/);
      expect(noSource.output()).not.toMatch(/sourceName|sourceId/);

      // the same command in this process (a CLI start costs seconds): what it throws is what the CLI prints
      const refusal = (path: string, flags: ImportFlags) => runImportCommand(t.app, path, flags).then(() => '', (e: Error) => e.message);
      const csv = join(dir, 'table.csv');
      await writeFile(csv, 'Q,A\nq,a\n');
      const noMap = await refusal(csv, { adapter: 'csv', source: 'x' });
      expect(noMap).toBe('--map: the csv adapter needs a column mapping, e.g. --map instruction=Question,output=Answer');
      expect(await refusal(gz, { adapter: 'nope' })).toMatch(/^--adapter: .*nope/);
      expect(await refusal(gz, { ability: 'astrology', source: 'x' })).toMatch(/^--ability: unknown ability "astrology"/);
      const zip = join(dir, 'cli.zip');
      await writeFile(zip, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(300, 9)]));
      expect(await refusal(zip, {})).toMatch(/cli\.zip: a zip archive/);
    });
  });
});
