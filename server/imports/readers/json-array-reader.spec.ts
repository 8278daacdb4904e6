import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { FileUnusableError, readRecords } from './index';
import { JsonArraySplitter, type SplitEvent } from './json-array-splitter';
import { collect, errors, records, tempDir, writeTemp } from './reader-spec-helpers';

const opts = { maxLineBytes: 1_048_576 };
const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const alpacaLike = [
  '[',
  '  {',
  '    "instruction": "输入三支篮球队的名称并生成一个适当的口号。",',
  '    "input": "",',
  '    "output": "输出： \\"雷霆，公牛和网队：各显神通，角逐群雄!\\""',
  '  },',
  '  {',
  '    "instruction": "second",',
  '    "output": "b"',
  '  }',
  ']',
].join('\r\n');

const c3Like = ['[', ' [', '  [', '   "男：你好]",', '   "女：[你好}"', '  ],', '  [', '   {"question": "q?", "choice": ["a", "b"], "answer": "a"}', '  ],', '  "m13-70"', ' ],', ' [[], [], "x"]', ']'].join('\n');

describe('json-array reader', () => {
  it('reads a pretty-printed CRLF array without a final newline', async () => {
    const path = writeTemp(dir, 'alpaca.json', alpacaLike);
    const out = await collect(readRecords(path, 'json-array', opts));
    expect(errors(out)).toEqual([]);
    expect(out.map((o) => o.line)).toEqual([2, 7]);
    expect(records(out)[0].value).toEqual({ instruction: '输入三支篮球队的名称并生成一个适当的口号。', input: '', output: '输出： "雷霆，公牛和网队：各显神通，角逐群雄!"' });
    expect(out[1].next.line).toBe(11);
  });

  it('reads nested arrays and strings holding brackets, quotes and backslashes', async () => {
    const path = writeTemp(dir, 'c3.json', c3Like);
    const out = records(await collect(readRecords(path, 'json-array', opts)));
    expect(out.map((r) => r.line)).toEqual([2, 12]);
    expect(out[0].value).toEqual([['男：你好]', '女：[你好}'], [{ question: 'q?', choice: ['a', 'b'], answer: 'a' }], 'm13-70']);
    const tricky = ['[', '"a]\\"[{", ', '{"k": "\\\\"}', ',"\\\\\\"]"', ', 1, null, true, [1,[2,[3]]]', ']', ''].join('\n');
    const p2 = writeTemp(dir, 'tricky.json', tricky);
    const vals = records(await collect(readRecords(p2, 'json-array', opts))).map((r) => r.value);
    expect(vals).toEqual(JSON.parse(tricky));
  });

  it('reports a broken element at its start line and goes on with the next', async () => {
    const text = ['[', '  {"a": 1},', '  {"a": 2', '   "b": 3},', '  {"a": [1, 2},', '  {"a": "unterminated,', '   "z": 1},', '  {"a": 6}}, ', '  {"a": 7}', ']'].join('\n');
    const path = writeTemp(dir, 'broken.json', text);
    const out = await collect(readRecords(path, 'json-array', opts));
    expect(out.map((o) => [o.kind, o.line])).toEqual([
      ['record', 2],
      ['error', 3],
      ['error', 5],
      ['error', 6],
      ['error', 8],
      ['record', 9],
    ]);
    expect(errors(out)[0].reason).toMatch(/^malformed JSON: .*\(file line 4\)$/);
    expect(errors(out)[0].excerpt).toContain('"a": 2');
    expect(records(out)[1].value).toEqual({ a: 7 });
  });

  it('stops with one error when the array is not closed', async () => {
    const path = writeTemp(dir, 'truncated.json', '[\n {"a": 1},\n {"a": "cut off');
    const out = await collect(readRecords(path, 'json-array', opts));
    expect(out.map((o) => o.kind)).toEqual(['record', 'error']);
    expect(out[1]).toMatchObject({ line: 3, reason: expect.stringMatching(/not closed at the end of the file/) });
    const p2 = writeTemp(dir, 'truncated2.json', '[\n {"a": 1},\n {"a": 2}\n');
    const out2 = await collect(readRecords(p2, 'json-array', opts));
    expect(out2.map((o) => o.kind)).toEqual(['record', 'record', 'error']);
    expect(out2[2].kind === 'error' && out2[2].reason).toMatch(/top-level array is not closed/);
  });

  it('reports content after the closing bracket once', async () => {
    const path = writeTemp(dir, 'after.json', '[1, 2]\n[3]\n');
    const out = await collect(readRecords(path, 'json-array', opts));
    expect(out.map((o) => (o.kind === 'record' ? o.value : `${o.line}: ${o.reason}`))).toEqual([1, 2, '2: unexpected content after the end of the top-level array']);
  });

  it('handles an empty array, a trailing comma and an empty element', async () => {
    expect(await collect(readRecords(writeTemp(dir, 'emptyarr.json', ' [ ] '), 'json-array', opts))).toEqual([]);
    const out = await collect(readRecords(writeTemp(dir, 'commas.json', '[1,,2,]'), 'json-array', opts));
    expect(out.map((o) => (o.kind === 'record' ? o.value : o.reason))).toEqual([1, 'empty array element (two commas in a row)', 2]);
  });

  it('reports invalid UTF-8 at the line of the bad byte', async () => {
    const path = writeTemp(dir, 'utf8.json', ['[\n {"a": 1},\n {\n  "b": "x', Buffer.from([0xff, 0xfe]), '"\n },\n {"a": 3}\n]']);
    const out = await collect(readRecords(path, 'json-array', opts));
    expect(out.map((o) => (o.kind === 'record' ? o.value : `${o.line}: ${o.reason}`))).toEqual([{ a: 1 }, '4: invalid UTF-8 (byte offset 9 in line)', { a: 3 }]);
  });

  it('reports an over-long element and goes on', async () => {
    const big = JSON.stringify({ t: 'x'.repeat(400_000) });
    const path = writeTemp(dir, 'big.json', `[\n${big},\n{"a":2}\n]`);
    const out = await collect(readRecords(path, 'json-array', { maxLineBytes: 1000 }));
    expect(out.map((o) => (o.kind === 'record' ? o.value : `${o.line}: ${o.reason}`))).toEqual([`2: array element is ${big.length} bytes, over the limit of 1000`, { a: 2 }]);
    expect(errors(out)[0].excerpt?.startsWith('{"t":"xxx')).toBe(true);
  });

  it('throws FileUnusableError when the file is not an array', async () => {
    await expect(collect(readRecords(writeTemp(dir, 'obj.json', '\n{"a": 1}\n'), 'json-array', opts))).rejects.toThrow(/expected a JSON array, but the first non-blank character is '\{'/);
    await expect(collect(readRecords(writeTemp(dir, 'ws.json', '\n  \n'), 'json-array', opts))).rejects.toThrow(FileUnusableError);
    await expect(collect(readRecords(writeTemp(dir, 'zero.json', ''), 'json-array', opts))).rejects.toThrow(/the file is empty/);
  });

  it('skips a BOM', async () => {
    const out = await collect(readRecords(writeTemp(dir, 'bom.json', '\ufeff[{"a":1}]'), 'json-array', opts));
    expect(records(out).map((r) => r.value)).toEqual([{ a: 1 }]);
  });

  it('resumes from every next point with exactly the remaining outputs', async () => {
    const text = ['[', ' {"i": 0},', ' {"i": 1', ' },', ' {"i": 2 x},', ' [3, "]"],', ' "four"', ']', ''].join('\r\n');
    const path = writeTemp(dir, 'resume.json', text);
    const all = await collect(readRecords(path, 'json-array', opts));
    expect(all.map((o) => o.kind)).toEqual(['record', 'record', 'error', 'record', 'record']);
    for (let k = 0; k < all.length; k++) {
      const rest = await collect(readRecords(path, 'json-array', { ...opts, resumeFrom: all[k].next }));
      expect(rest).toEqual(all.slice(k + 1));
    }
  });

  it('splits the same way whatever the chunk boundaries', () => {
    const text = Buffer.from(c3Like + '\n' + ['[', '"a\\\\", "b\\"c", {"d": ["]"]}', ']'].join('\n').slice(0));
    const byChunks = (size: number): SplitEvent[] => {
      const s = new JsonArraySplitter(1_000_000);
      const evs: SplitEvent[] = [];
      for (let i = 0; i < text.length && !s.stopped; i += size) evs.push(...s.push(text.subarray(i, i + size)));
      if (!s.stopped) evs.push(...s.end());
      return evs.map((e) => (e.kind === 'element' ? { ...e, bytes: e.bytes?.toString() } : e)) as SplitEvent[];
    };
    const whole = byChunks(text.length);
    for (const size of [1, 2, 3, 5, 17]) expect(byChunks(size)).toEqual(whole);
  });
});
