import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { detectFormat, FileUnusableError, totalSize } from './index';
import { tempDir, writeTemp } from './reader-spec-helpers';

describe('detectFormat / totalSize', () => {
  const dir = tempDir();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('detects by folder, extension and first non-blank byte', async () => {
    expect(await detectFormat(dir)).toBe('markdown-files');
    expect(await detectFormat(writeTemp(dir, 'a.csv', 'a,b\n'))).toBe('csv');
    expect(await detectFormat(writeTemp(dir, 'b.json', '\ufeff \r\n [\n'))).toBe('json-array');
    expect(await detectFormat(writeTemp(dir, 'c.json', '\n{"a":1}\n'))).toBe('jsonl');
    expect(await detectFormat(writeTemp(dir, 'd.txt', '{"a":1}\n'))).toBe('jsonl');
    expect(await detectFormat(writeTemp(dir, 'e.txt', 'hello'))).toBeNull();
    expect(await detectFormat(writeTemp(dir, 'arrays.jsonl', '[1, 2]\n[3]\n'))).toBe('jsonl');
    expect(await detectFormat(writeTemp(dir, 'f.json', ' \n '))).toBeNull();
    // issue 11 (found by the importer fuzz): a JSON Lines file of any name whose first line is an array stays JSON Lines
    expect(await detectFormat(writeTemp(dir, 'test_zh.txt', '[{"id":1}]\n{"id":2}\n'))).toBe('jsonl');
    expect(await detectFormat(writeTemp(dir, 'one-line.json', '[{"id":1},{"id":2}]\n'))).toBe('json-array');
    expect(await detectFormat(writeTemp(dir, 'pretty.txt', '[\n  {"id":1}\n]\n'))).toBe('json-array');
  });

  it('throws FileUnusableError for a missing or empty file', async () => {
    await expect(detectFormat(join(dir, 'missing.json'))).rejects.toThrow(FileUnusableError);
    await expect(detectFormat(writeTemp(dir, 'empty.json', ''))).rejects.toThrow(/empty/);
  });

  it('gives the byte size of a file', async () => {
    expect(await totalSize(writeTemp(dir, 'g.jsonl', '{"a":"好"}\n'), 'jsonl')).toBe(12);
  });
});
