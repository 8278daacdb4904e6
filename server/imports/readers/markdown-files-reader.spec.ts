import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileUnusableError, readRecords, totalSize } from './index';
import { collect, records, tempDir, writeTemp } from './reader-spec-helpers';

const opts = { maxLineBytes: 1_048_576 };

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function folder(): string {
  const d = tempDir();
  made.push(d);
  return d;
}

function makeTree(): string {
  const root = folder();
  writeTemp(root, '0100-0199/0110.B/README.md', '# B\r\n');
  writeTemp(root, '0100-0199/0110.B/README_EN.md', '# B (en)\n');
  writeTemp(root, '0000-0099/0002.Z/README.md', '\ufeff# Z\n');
  writeTemp(root, '0000-0099/0001.A/README.md', '# A\n');
  writeTemp(root, '0000-0099/0001.A/Solution.py', 'print(1)\n');
  writeTemp(root, 'notes.md', 'top level\n');
  return root;
}

describe('markdown-files reader', () => {
  it('yields each .md file once, sorted by relative path, skipping README_EN.md', async () => {
    const root = makeTree();
    const out = await collect(readRecords(root, 'markdown-files', opts));
    expect(out).toEqual([
      { kind: 'record', file: join(root, '0000-0099/0001.A/README.md'), line: 1, offset: 0, value: { path: '0000-0099/0001.A/README.md', text: '# A\n' }, next: { offset: 1, line: 0 } },
      { kind: 'record', file: join(root, '0000-0099/0002.Z/README.md'), line: 1, offset: 0, value: { path: '0000-0099/0002.Z/README.md', text: '# Z\n' }, next: { offset: 2, line: 0 } },
      { kind: 'record', file: join(root, '0100-0199/0110.B/README.md'), line: 1, offset: 0, value: { path: '0100-0199/0110.B/README.md', text: '# B\r\n' }, next: { offset: 3, line: 0 } },
      { kind: 'record', file: join(root, 'notes.md'), line: 1, offset: 0, value: { path: 'notes.md', text: 'top level\n' }, next: { offset: 4, line: 0 } },
    ]);
    expect(await totalSize(root, 'markdown-files')).toBe(4);
  });

  it('resumes after the first `offset` files', async () => {
    const root = makeTree();
    const all = await collect(readRecords(root, 'markdown-files', opts));
    for (let k = 0; k < all.length; k++) {
      expect(await collect(readRecords(root, 'markdown-files', { ...opts, resumeFrom: all[k].next }))).toEqual(all.slice(k + 1));
    }
  });

  it('reports over-long and invalid UTF-8 files and goes on', async () => {
    const root = folder();
    writeTemp(root, 'a.md', 'x'.repeat(500));
    writeTemp(root, 'b.md', ['line 1\nli', Buffer.from([0xc0, 0x80]), 'ne 2\n']);
    writeTemp(root, 'c.md', 'fine');
    const out = await collect(readRecords(root, 'markdown-files', { maxLineBytes: 100 }));
    expect(out.map((o) => (o.kind === 'record' ? o.value : `${o.file.slice(root.length + 1)}:${o.line}: ${o.reason}`))).toEqual([
      'a.md:1: file is 500 bytes, over the limit of 100',
      'b.md:2: invalid UTF-8 (byte offset 2 in line)',
      { path: 'c.md', text: 'fine' },
    ]);
    expect(records(out)).toHaveLength(1);
  });

  it('throws FileUnusableError for a file path, a missing folder or a folder without .md files', async () => {
    const root = folder();
    const file = writeTemp(root, 'x.txt', 'x');
    await expect(collect(readRecords(file, 'markdown-files', opts))).rejects.toThrow(/is a file, expected a folder/);
    await expect(collect(readRecords(join(root, 'nope'), 'markdown-files', opts))).rejects.toThrow(FileUnusableError);
    await expect(collect(readRecords(root, 'markdown-files', opts))).rejects.toThrow(/holds no \.md files/);
  });
});
