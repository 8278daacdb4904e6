import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { FileUnusableError, readRecords } from './index';
import { collect, errors, records, tempDir, writeTemp } from './reader-spec-helpers';

const opts = { maxLineBytes: 1_048_576 };
const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('csv reader', () => {
  it('reads rows with multi-line quoted cells, keyed by header; empty first header → _index', async () => {
    const text = ',Question,A,Answer\n3,"第一行\n第二行, 含逗号",x,A\n4,"say ""hi""",y,B\n';
    const path = writeTemp(dir, 'cmmlu.csv', text);
    const out = await collect(readRecords(path, 'csv', opts));
    expect(out).toEqual([
      { kind: 'record', file: path, line: 2, offset: Buffer.byteLength(',Question,A,Answer\n'), value: { _index: '3', Question: '第一行\n第二行, 含逗号', A: 'x', Answer: 'A' }, next: { offset: Buffer.byteLength(',Question,A,Answer\n3,"第一行\n第二行, 含逗号",x,A\n'), line: 3 } },
      { kind: 'record', file: path, line: 4, offset: Buffer.byteLength(',Question,A,Answer\n3,"第一行\n第二行, 含逗号",x,A\n'), value: { _index: '4', Question: 'say "hi"', A: 'y', Answer: 'B' }, next: { offset: Buffer.byteLength(text), line: 4 } },
    ]);
  });

  it('issue 11 fuzzing: a carriage return inside a cell keeps every later row and error on its own line', async () => {
    const lines = ['q,a\n', '"one\rtwo",1\n', '"x\uE000y\r",2\n', 'bad\n', '"three",3\n'];
    const end = (n: number) => Buffer.byteLength(lines.slice(0, n).join(''));
    const path = writeTemp(dir, 'cr.csv', lines.join(''));
    const out = await collect(readRecords(path, 'csv', opts));
    expect(out.map((o) => (o.kind === 'record' ? [o.line, o.value, o.next] : [o.line, o.code, o.next]))).toEqual([
      [2, { q: 'one\rtwo', a: '1' }, { offset: end(2), line: 2 }],
      [3, { q: 'x\uE000y\r', a: '2' }, { offset: end(3), line: 3 }],
      [4, 'csv_cell_count', { offset: end(4), line: 4 }],
      [5, { q: 'three', a: '3' }, { offset: end(5), line: 5 }],
    ]);
  });

  it('issue 11 fuzzing: a row with several bad lines is refused once, at its first bad line', async () => {
    const path = writeTemp(dir, 'twobad.csv', ['q,a\n', 'ok,1\n', '"li', Buffer.from([0xff]), 'ne\n', 'two', Buffer.from([0xc3]), '\n', 'three",2\n', 'fine,3\n']);
    const out = await collect(readRecords(path, 'csv', opts));
    expect(out.map((o) => (o.kind === 'record' ? [o.line, o.value] : [o.line, o.code, o.reason, o.next.line]))).toEqual([
      [2, { q: 'ok', a: '1' }],
      [3, 'invalid_utf8', 'invalid UTF-8 (byte offset 3 in line); line 4 of the same record too', 4],
      [6, { q: 'fine', a: '3' }],
    ]);
  });

  it('reports a row with the wrong number of cells at its line and goes on', async () => {
    const path = writeTemp(dir, 'count.csv', 'a,b,c\n1,2,3\n4,"five\nsix"\n7,8,9,10\n11,12,13\n');
    const out = await collect(readRecords(path, 'csv', opts));
    expect(out.map((o) => (o.kind === 'record' ? [o.line, o.value] : [o.line, o.reason]))).toEqual([
      [2, { a: '1', b: '2', c: '3' }],
      [3, 'wrong number of cells: 2, the header has 3'],
      [5, 'wrong number of cells: 4, the header has 3'],
      [6, { a: '11', b: '12', c: '13' }],
    ]);
    expect(errors(out)[0]).toMatchObject({ field: null, excerpt: '4,five\nsix', next: { line: 4 } });
  });

  it('reports invalid UTF-8 at its line and drops only the row that holds it', async () => {
    const path = writeTemp(dir, 'utf8.csv', ['q,a\n', 'ok,1\n', 'b', Buffer.from([0xff, 0xfe]), 'd,2\n', '"multi\n', 'li', Buffer.from([0xc3]), 'ne",3\n', 'fine,4\n']);
    const out = await collect(readRecords(path, 'csv', opts));
    expect(out.map((o) => (o.kind === 'record' ? [o.line, o.value] : [o.line, o.reason]))).toEqual([
      [2, { q: 'ok', a: '1' }],
      [3, 'invalid UTF-8 (byte offset 1 in line)'],
      [5, 'invalid UTF-8 (byte offset 2 in line)'],
      [6, { q: 'fine', a: '4' }],
    ]);
  });

  it('reports an over-long line and goes on', async () => {
    const path = writeTemp(dir, 'long.csv', `q,a\n${'x'.repeat(300)},1\nok,2\n`);
    const out = await collect(readRecords(path, 'csv', { maxLineBytes: 100 }));
    expect(out.map((o) => (o.kind === 'record' ? o.value : `${o.line}: ${o.reason}`))).toEqual(['2: line is 302 bytes, over the limit of 100', { q: 'ok', a: '2' }]);
  });

  it('stays in step when an over-long line closes a quoted cell', async () => {
    const long = `${'x'.repeat(150)}""${'y'.repeat(150)}",1`;
    const path = writeTemp(dir, 'longquote.csv', `q,a\n"start\n${long}\n"a ""b""",2\n${'z'.repeat(200)}\nok,3\n`);
    const out = await collect(readRecords(path, 'csv', { maxLineBytes: 100 }));
    expect(out.map((o) => (o.kind === 'record' ? [o.line, o.value] : [o.line, o.reason]))).toEqual([
      [3, `line is ${long.length} bytes, over the limit of 100`],
      [4, { q: 'a "b"', a: '2' }],
      [5, 'line is 200 bytes, over the limit of 100'],
      [6, { q: 'ok', a: '3' }],
    ]);
  });

  it('stops with one error at an unclosed quote, keeping the rows before it', async () => {
    const path = writeTemp(dir, 'quote.csv', 'q,a\nok,1\n"never closed,2\nmore,3\n');
    const out = await collect(readRecords(path, 'csv', opts));
    expect(out.map((o) => o.kind)).toEqual(['record', 'error']);
    expect(out[1]).toMatchObject({ line: 3, reason: expect.stringMatching(/Quote Not Closed.*the rest of the file was not read/) });
  });

  it('issue 11 fuzzing: a bad line just before an unclosed quote is reported too, and the quote at the line it opens on', async () => {
    const path = writeTemp(dir, 'quote-after-bad.csv', ['q,a\n', 'ok,1\n', 'b', Buffer.from([0xff]), 'd,2\n', 'fine,3\n', '"never closed,4\n', 'more,5\n']);
    const out = await collect(readRecords(path, 'csv', opts));
    expect(out.map((o) => (o.kind === 'record' ? [o.line, 'record'] : [o.line, o.code]))).toEqual([
      [2, 'record'],
      [3, 'invalid_utf8'],
      [4, 'record'],
      [5, 'csv_syntax'],
    ]);
    const long = writeTemp(dir, 'quote-after-long.csv', `q,a\nok,1\n"${'x'.repeat(100)}",2\n"cut`);
    const cut = await collect(readRecords(long, 'csv', { maxLineBytes: 50 }));
    expect(cut.map((o) => (o.kind === 'record' ? [o.line, 'record'] : [o.line, o.code]))).toEqual([
      [2, 'record'],
      [3, 'too_long'],
      [4, 'csv_syntax'],
    ]);
  });

  it('handles CRLF, a BOM, blank lines, a stray quote inside a cell and a custom delimiter', async () => {
    const path = writeTemp(dir, 'crlf.csv', '\ufeffq;a\r\n\r\n"x\r\ny";1\r\nsay 5" tall;2\r\n');
    const out = await collect(readRecords(path, 'csv', { ...opts, csv: { delimiter: ';' } }));
    expect(out.map((o) => (o.kind === 'record' ? [o.line, o.value] : o.reason))).toEqual([
      [3, { q: 'x\ny', a: '1' }],
      [5, { q: 'say 5" tall', a: '2' }],
    ]);
  });

  it('names empty and repeated header cells', async () => {
    const path = writeTemp(dir, 'names.csv', ',x,,x\n1,2,3,4\n');
    const [rec] = records(await collect(readRecords(path, 'csv', opts)));
    expect(rec.value).toEqual({ _index: '1', x: '2', _col3: '3', x_4: '4' });
  });

  it('resumes from every next point with exactly the remaining outputs', async () => {
    const path = writeTemp(dir, 'resume.csv', 'a,b\n1,"x\ny"\n2\n3,z\n\n4,w');
    const all = await collect(readRecords(path, 'csv', opts));
    expect(all.map((o) => [o.kind, o.line])).toEqual([
      ['record', 2],
      ['error', 4],
      ['record', 5],
      ['record', 7],
    ]);
    for (let k = 0; k < all.length; k++) {
      const rest = await collect(readRecords(path, 'csv', { ...opts, resumeFrom: all[k].next }));
      expect(rest).toEqual(all.slice(k + 1));
    }
  });

  it('keeps rows, lines and offsets right across read chunks', async () => {
    const n = 20_000;
    const lines = ['id,text'];
    for (let i = 0; i < n; i++) lines.push(i % 10 === 0 ? `${i},"多行\n文本 ${i}"` : `${i},文本 ${i}`);
    const text = lines.join('\n') + '\n';
    const path = writeTemp(dir, 'many.csv', text);
    const out = await collect(readRecords(path, 'csv', opts));
    expect(errors(out)).toEqual([]);
    expect(out).toHaveLength(n);
    expect(out.every((o, i) => (o.kind === 'record' && (o.value as { id: string }).id === String(i)))).toBe(true);
    expect(out[n - 1].next.offset).toBe(Buffer.byteLength(text));
    const head = Buffer.from(text).subarray(0, out[12_345].next.offset).toString();
    expect(head.endsWith(`12345,文本 12345\n`)).toBe(true);
    expect(head.split('\n').length - 1).toBe(out[12_345].next.line);
  });

  it('throws FileUnusableError for an empty file or one without a header; a header alone is fine', async () => {
    await expect(collect(readRecords(writeTemp(dir, 'empty.csv', ''), 'csv', opts))).rejects.toThrow(FileUnusableError);
    await expect(collect(readRecords(writeTemp(dir, 'blank.csv', '\n\n'), 'csv', opts))).rejects.toThrow(/no header line/);
    await expect(collect(readRecords(writeTemp(dir, 'badhead.csv', ['a', Buffer.from([0xff]), '\n1\n']), 'csv', opts))).rejects.toThrow(/header line is not valid UTF-8/);
    expect(await collect(readRecords(writeTemp(dir, 'header.csv', 'a,b\n'), 'csv', opts))).toEqual([]);
  });
});
