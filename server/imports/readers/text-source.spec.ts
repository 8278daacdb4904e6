import { rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { detectFormat, readRecords, totalSize } from './index';
import { collect, errors, records, tempDir, writeTemp } from './reader-spec-helpers';
import { inspectText, transcodeUtf16 } from './text-source';

/** Issue 11 item 6: the forms users save text in read like their plain UTF-8 form. */

const opts = { maxLineBytes: 1 << 20 };
const values = [{ q: '第一题：中文', a: '答案 😀' }, { q: 'second, English', a: 'tab\tand "quotes"' }, { q: '𠀀 (outside the BMP)', a: '' }];
const jsonl = values.map((v) => JSON.stringify(v)).join('\n') + '\n';
const pretty = JSON.stringify(values, null, 2);

function utf16(text: string, bigEndian: boolean): Buffer {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  return bigEndian ? le.swap16() : le;
}

describe('text source: gzip, UTF-16 and BOMs (issue 11 item 6)', () => {
  const dir = tempDir();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const forms: Array<[string, Buffer]> = [
    ['utf8-bom-crlf.jsonl', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(jsonl.replace(/\n/g, '\r\n'))])],
    ['utf16le.jsonl', utf16(jsonl, false)],
    ['utf16be.jsonl', utf16(jsonl, true)],
    ['data.jsonl.gz', gzipSync(jsonl)],
    ['gzip-without-its-name.jsonl', gzipSync(jsonl)],
    ['utf16le-gzip.jsonl.gz', gzipSync(utf16(jsonl, false))],
  ];

  for (const [name, bytes] of forms) {
    it(`${name}: same records as the plain UTF-8 file, and resumes from every point`, async () => {
      const path = writeTemp(dir, name, bytes);
      expect(await detectFormat(path)).toBe('jsonl');
      const all = await collect(readRecords(path, 'jsonl', opts));
      expect(records(all).map((r) => r.value)).toEqual(values);
      expect(records(all).map((r) => r.line)).toEqual([1, 2, 3]);
      for (let k = 0; k < all.length; k++) {
        expect(await collect(readRecords(path, 'jsonl', { ...opts, resumeFrom: all[k].next }))).toEqual(all.slice(k + 1));
      }
      expect(await totalSize(path, 'jsonl')).toBe(all.at(-1)!.next.offset);
    });
  }

  it('reads arrays the same way: pretty-printed UTF-16BE, gzip, and a pretty-printed array in a file named .jsonl', async () => {
    for (const [name, bytes] of [['a.json', utf16(pretty, true)], ['b.json.gz', gzipSync(pretty)], ['pretty.jsonl', Buffer.from(pretty)], ['one-line.jsonl', Buffer.from(JSON.stringify(values))]] as const) {
      const path = writeTemp(dir, name, bytes);
      expect(await detectFormat(path), name).toBe('json-array');
      const all = await collect(readRecords(path, 'json-array', opts));
      expect(records(all).map((r) => r.value), name).toEqual(values);
      for (let k = 0; k < all.length; k++) {
        expect(await collect(readRecords(path, 'json-array', { ...opts, resumeFrom: all[k].next }))).toEqual(all.slice(k + 1));
      }
    }
    // lines that are each an array stay JSON Lines
    expect(await detectFormat(writeTemp(dir, 'arrays.jsonl', '[1, 2]\n[3]\n'))).toBe('jsonl');
  });

  it('reads a CSV saved as UTF-16LE with a BOM (a spreadsheet\'s "Unicode text") or gzipped like the UTF-8 file', async () => {
    const csv = 'Question,Answer\r\n"第一题，含逗号",甲\r\n"multi\r\nline",😀\r\n';
    const plain = await collect(readRecords(writeTemp(dir, 'plain.csv', csv), 'csv', opts));
    for (const [name, bytes] of [['u16.csv', utf16(csv, false)], ['t.csv.gz', gzipSync(csv)]] as const) {
      const path = writeTemp(dir, name, bytes);
      expect(await detectFormat(path)).toBe('csv');
      const out = await collect(readRecords(path, 'csv', opts));
      expect(out.map((o) => o.kind === 'record' && [o.line, o.value]), name).toEqual(plain.map((o) => o.kind === 'record' && [o.line, o.value]));
      expect(records(out)).toHaveLength(2);
    }
  });

  it('transcodes UTF-16 whatever the chunk boundaries, reporting an unpaired surrogate at its line', async () => {
    const text = '😀𠀀中\n' + 'x\ud800y\n' + 'end';
    const bytes = utf16(text, false);
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const chunks = async function* () {
        for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
      };
      const out: Buffer[] = [];
      for await (const b of transcodeUtf16(chunks(), false)) out.push(b);
      const all = Buffer.concat(out);
      expect(all.subarray(0, Buffer.byteLength('😀𠀀中\nx')).toString()).toBe('😀𠀀中\nx');
      expect([...all.subarray(Buffer.byteLength('😀𠀀中\nx'), Buffer.byteLength('😀𠀀中\nx') + 3)]).toEqual([0xed, 0xa0, 0x80]);
      expect(all.subarray(Buffer.byteLength('😀𠀀中\nx') + 3).toString()).toBe('y\nend');
    }
    const path = writeTemp(dir, 'lone.jsonl', utf16('{"a":1}\n{"a":"\ud800"}\n{"a":3}\n', false));
    const out = await collect(readRecords(path, 'jsonl', opts));
    expect(records(out).map((r) => r.value)).toEqual([{ a: 1 }, { a: 3 }]);
    expect(errors(out).map((e) => [e.line, e.reason])).toEqual([[2, expect.stringMatching(/invalid UTF-8/)]]);
  });

  it('says what a file that is not text is', async () => {
    const cases: Array<[string, Buffer, RegExp]> = [
      ['book.zip', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]), /^a zip archive/],
      ['paper.jsonl', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), /^a PDF document/],
      ['table.json', Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(100, 1)]), /^an Apache Parquet file/],
      ['random.jsonl', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)), /^not UTF-8 text: binary data/],
      ['gbk.jsonl', Buffer.from('{"q":"\xd6\xd0\xce\xc4\xb2\xe2\xca\xd4\xa3\xac\xd6\xd0\xce\xc4\xb2\xe2\xca\xd4\xa3\xac\xd6\xd0\xce\xc4\xb2\xe2\xca\xd4"}\n', 'latin1'), /^not UTF-8 text: it reads as GBK\/GB18030/],
      ['nobom.jsonl', Buffer.from(jsonl, 'utf16le'), /UTF-16 text without a byte-order mark/],
      ['corrupt.jsonl.gz', Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(64, 0xaa)]), /^gzip data that cannot be decompressed/],
      ['archive.jsonl.gz', gzipSync(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)])), /^gzip data holding a zip archive/],
    ];
    for (const [name, bytes, what] of cases) {
      const path = writeTemp(dir, name, bytes);
      await expect(inspectText(path), name).rejects.toMatchObject({ problem: expect.stringMatching(what) });
      await expect(detectFormat(path), name).rejects.toMatchObject({ problem: expect.stringMatching(what) });
    }
    // a truncated gzip reads fine at its start; counting its text finds the break
    const big = gzipSync(Array.from({ length: 3000 }, (_, i) => JSON.stringify({ i, x: (i * 2654435761) % 1000003 })).join('\n'));
    const truncated = writeTemp(dir, 'cut.jsonl.gz', big.subarray(0, big.length >> 1));
    await expect(totalSize(truncated, 'jsonl')).rejects.toMatchObject({ problem: expect.stringMatching(/^gzip data that cannot be decompressed \(unexpected end of file\)/) });
    // one NUL byte in a text file is a bad line to report, not a binary file
    const oneNul = writeTemp(dir, 'one-nul.jsonl', Buffer.from(jsonl + '{"a":"\0"}\n' + jsonl));
    expect(await detectFormat(oneNul)).toBe('jsonl');
    // nor is one where some lines are mangled (bytes flipped, NULs): those lines are reported one by one
    const mangled = Array.from({ length: 40 }, (_, i) => (i % 4 === 3 ? Buffer.from([0x7b, 0x00, 0xff, 0xc3, 0x28, 0x00, 0x0a]) : Buffer.from(JSON.stringify({ i, q: '中文内容' }) + '\n')));
    expect(await detectFormat(writeTemp(dir, 'mangled.jsonl', Buffer.concat(mangled)))).toBe('jsonl');
  });
});
