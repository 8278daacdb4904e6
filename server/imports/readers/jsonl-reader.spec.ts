import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { FileUnusableError, readRecords } from './index';
import { collect, errors, records, tempDir, writeTemp } from './reader-spec-helpers';

const opts = { maxLineBytes: 1_048_576 };
const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('jsonl reader', () => {
  it('yields one record per line with line numbers and resume points', async () => {
    const text = '{"a":1}\n{"a":2}\n{"a":3}\n';
    const path = writeTemp(dir, 'good.jsonl', text);
    const out = await collect(readRecords(path, 'jsonl', opts));
    expect(out).toEqual([
      { kind: 'record', file: path, line: 1, offset: 0, value: { a: 1 }, next: { offset: 8, line: 1 } },
      { kind: 'record', file: path, line: 2, offset: 8, value: { a: 2 }, next: { offset: 16, line: 2 } },
      { kind: 'record', file: path, line: 3, offset: 16, value: { a: 3 }, next: { offset: 24, line: 3 } },
    ]);
  });

  it('yields the lines `wants` refuses unparsed, at the same places, so every reader of a pool counts alike', async () => {
    const text = '{"a":1}\n\n{"a": oops}\n  \n\ufeff{"a":4}\n  {"a":5}\r\n\u3000\n{"a":6}';
    const path = writeTemp(dir, 'pool.jsonl', text);
    const all = await collect(readRecords(path, 'jsonl', opts));
    const even = await collect(readRecords(path, 'jsonl', { ...opts, wants: (o) => o % 2 === 0 }));
    expect(even.map((o) => [o.kind, o.line, o.next])).toEqual(all.map((o) => [o.kind === 'error' && all.indexOf(o) % 2 === 1 ? 'record' : o.kind, o.line, o.next]));
    expect(even.filter((_, i) => i % 2 === 0)).toEqual(all.filter((_, i) => i % 2 === 0));
    expect(records(even.filter((_, i) => i % 2 === 1)).map((r) => r.value)).toEqual([null, null]);
    expect(all.map((o) => o.line)).toEqual([1, 3, 5, 6, 8]);
  });

  it('reads a last line without a final newline', async () => {
    const path = writeTemp(dir, 'nofinal.jsonl', '{"a":1}\n{"a":2}');
    const out = records(await collect(readRecords(path, 'jsonl', opts)));
    expect(out.map((r) => r.value)).toEqual([{ a: 1 }, { a: 2 }]);
    expect(out[1].next).toEqual({ offset: 15, line: 2 });
  });

  it('reports malformed JSON at its line and goes on', async () => {
    const path = writeTemp(dir, 'bad.jsonl', '{"a":1}\n{"a":2}\n{"a": oops}\n{"a":4}\n');
    const out = await collect(readRecords(path, 'jsonl', opts));
    expect(records(out).map((r) => r.line)).toEqual([1, 2, 4]);
    const [err] = errors(out);
    expect(err).toMatchObject({ kind: 'error', file: path, line: 3, field: null, excerpt: '{"a": oops}', next: { offset: 28, line: 3 } });
    expect(err.reason).toMatch(/^malformed JSON: /);
  });

  it('reports invalid UTF-8 with its byte offset in the line and goes on', async () => {
    const path = writeTemp(dir, 'utf8.jsonl', ['{"a":"好"}\n', '{"a":"x', Buffer.from([0xff, 0xfe]), '"}\n', '{"a":"ok"}\n']);
    const out = await collect(readRecords(path, 'jsonl', opts));
    expect(records(out).map((r) => [r.line, r.value])).toEqual([
      [1, { a: '好' }],
      [3, { a: 'ok' }],
    ]);
    expect(errors(out)).toMatchObject([{ line: 2, field: null, reason: 'invalid UTF-8 (byte offset 7 in line)' }]);
  });

  it('reports a truncated multi-byte character and an encoded surrogate', async () => {
    const path = writeTemp(dir, 'utf8b.jsonl', ['"ab', Buffer.from([0xe5, 0xa5]), '"\n', '"', Buffer.from([0xed, 0xa0, 0x80]), '"\n']);
    const out = await collect(readRecords(path, 'jsonl', opts));
    expect(errors(out).map((e) => [e.line, e.reason])).toEqual([
      [1, 'invalid UTF-8 (byte offset 3 in line)'],
      [2, 'invalid UTF-8 (byte offset 1 in line)'],
    ]);
  });

  it('reports an over-long line without keeping it, then goes on', async () => {
    const long = `{"a":"${'x'.repeat(500)}"}`;
    const path = writeTemp(dir, 'long.jsonl', `{"a":1}\n${long}\n{"a":3}\n`);
    const out = await collect(readRecords(path, 'jsonl', { maxLineBytes: 100 }));
    expect(records(out).map((r) => r.line)).toEqual([1, 3]);
    const [err] = errors(out);
    expect(err).toMatchObject({ line: 2, reason: `line is ${long.length} bytes, over the limit of 100` });
    expect(err.excerpt?.length).toBe(200);
    expect(err.next).toEqual({ offset: 8 + long.length + 1, line: 2 });
  });

  it('measures an over-long line that spans many read chunks', async () => {
    const long = `"${'y'.repeat(700_000)}"`;
    const path = writeTemp(dir, 'verylong.jsonl', `1\n${long}\r\n2`);
    const out = await collect(readRecords(path, 'jsonl', { maxLineBytes: 1000 }));
    expect(out.map((o) => (o.kind === 'record' ? o.value : o.reason))).toEqual([1, `line is ${long.length} bytes, over the limit of 1000`, 2]);
    expect(out[2].line).toBe(3);
  });

  it('accepts a line exactly at the limit', async () => {
    const line = `"${'z'.repeat(98)}"`;
    const path = writeTemp(dir, 'exact.jsonl', `${line}\r\n`);
    const out = await collect(readRecords(path, 'jsonl', { maxLineBytes: 100 }));
    expect(out).toHaveLength(1);
    expect(out[0].kind).toBe('record');
  });

  it('handles CRLF, a BOM (also one inside the file) and blank lines', async () => {
    const path = writeTemp(dir, 'crlf.jsonl', ['\ufeff{"a":1}\r\n', '\r\n', '   \r\n', '{"a":"b\\r"}\r\n', '\n', '\ufeff{"a":3}\r\n']);
    const out = await collect(readRecords(path, 'jsonl', opts));
    expect(errors(out)).toEqual([]);
    expect(records(out).map((r) => [r.line, r.value])).toEqual([
      [1, { a: 1 }],
      [4, { a: 'b\r' }],
      [6, { a: 3 }],
    ]);
  });

  it('throws FileUnusableError for an empty, blank, missing or folder path', async () => {
    const empty = writeTemp(dir, 'empty.jsonl', '');
    const blank = writeTemp(dir, 'blank.jsonl', '\n  \n\r\n');
    const folder = join(dir, 'a-folder');
    mkdirSync(folder, { recursive: true });
    await expect(collect(readRecords(empty, 'jsonl', opts))).rejects.toThrow(FileUnusableError);
    await expect(collect(readRecords(empty, 'jsonl', opts))).rejects.toThrow(/empty\.jsonl: the file is empty/);
    await expect(collect(readRecords(blank, 'jsonl', opts))).rejects.toThrow(/only blank lines/);
    await expect(collect(readRecords(join(dir, 'missing.jsonl'), 'jsonl', opts))).rejects.toThrow(/missing\.jsonl: no such file/);
    await expect(collect(readRecords(folder, 'jsonl', opts))).rejects.toThrow(/is a folder/);
  });

  it('resumes from every next point with exactly the remaining outputs', async () => {
    const lines = ['{"i":0}', '', '{"i":1', '{"i":2}', '\ufeff{"i":3}', '{"i":4}'];
    const path = writeTemp(dir, 'resume.jsonl', lines.join('\r\n') + '\r\n');
    const all = await collect(readRecords(path, 'jsonl', opts));
    expect(all.map((o) => o.kind)).toEqual(['record', 'error', 'record', 'record', 'record']);
    for (let k = 0; k < all.length; k++) {
      const rest = await collect(readRecords(path, 'jsonl', { ...opts, resumeFrom: all[k].next }));
      expect(rest).toEqual(all.slice(k + 1));
    }
  });

  it('keeps line numbers and offsets right across read chunks', async () => {
    const n = 60_000;
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(JSON.stringify({ i, t: '文本'.repeat(i % 7) }));
    const path = writeTemp(dir, 'many.jsonl', parts.join('\n') + '\n');
    const all = records(await collect(readRecords(path, 'jsonl', opts)));
    expect(all).toHaveLength(n);
    expect(all.every((r, i) => r.line === i + 1 && (r.value as { i: number }).i === i)).toBe(true);
    const mid = all[33_333];
    const rest = records(await collect(readRecords(path, 'jsonl', { ...opts, resumeFrom: mid.next })));
    expect(rest).toHaveLength(n - 33_334);
    expect(rest[0]).toEqual(all[33_334]);
  });

  it('rejects a resume offset beyond the end of the file', async () => {
    const path = writeTemp(dir, 'short.jsonl', '{"a":1}\n');
    await expect(collect(readRecords(path, 'jsonl', { ...opts, resumeFrom: { offset: 999, line: 5 } }))).rejects.toThrow(FileUnusableError);
  });
});
