import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RawRecord } from '../import-types';
import { detectFormat, readRecords, totalSize, type ReaderFormat } from './index';
import { collect, errors, records, sharedDataDir as dir } from './reader-spec-helpers';

const opts = { maxLineBytes: 1_048_576 };
const raw = (p: string) => join(dir, 'raw', p);

if (!dir) console.warn('[readers] PACE_SHARED_DATA is not set: the real-data reader tests did NOT run (set it to the shared data folder, e.g. /work/shared/data).');

async function readAll(path: string, format: ReaderFormat) {
  const out = await collect(readRecords(path, format, opts));
  expect(errors(out)).toEqual([]);
  return records(out);
}

/** Resuming from a record's next point must give exactly the records after it. */
async function checkResume(path: string, format: ReaderFormat, all: RawRecord[], at: number) {
  const rest = records(await collect(readRecords(path, format, { ...opts, resumeFrom: all[at].next })));
  expect(rest).toEqual(all.slice(at + 1));
}

describe.skipIf(!dir)('readers on the real shared samples', () => {
  it('c3: 300 documents, each a 3-element array', async () => {
    const path = raw('c3/c3-d-test.sample.json');
    expect(await detectFormat(path)).toBe('json-array');
    const all = await readAll(path, 'json-array');
    expect(all).toHaveLength(300);
    expect(all.every((r) => Array.isArray(r.value) && r.value.length === 3)).toBe(true);
    expect(all[0].line).toBe(2);
    expect(all[299].next.offset).toBeLessThanOrEqual(await totalSize(path, 'json-array'));
    await checkResume(path, 'json-array', all, 150);
  });

  it('alpaca_gpt4_zh: 300 objects with instruction/output', async () => {
    const path = raw('alpaca_gpt4_zh/alpaca_zh_demo.sample.json');
    expect(await detectFormat(path)).toBe('json-array');
    const all = await readAll(path, 'json-array');
    expect(all).toHaveLength(300);
    expect(all.every((r) => typeof (r.value as { instruction?: unknown }).instruction === 'string')).toBe(true);
    expect(all[0].line).toBe(2);
    await checkResume(path, 'json-array', all, 7);
  });

  it('cmmlu high_school_biology: 75 rows keyed _index, Question, A-D, Answer', async () => {
    const path = raw('cmmlu/test/high_school_biology.sample.csv');
    expect(await detectFormat(path)).toBe('csv');
    const all = await readAll(path, 'csv');
    expect(all).toHaveLength(75);
    expect(Object.keys(all[0].value as object)).toEqual(['_index', 'Question', 'A', 'B', 'C', 'D', 'Answer']);
    expect(all.every((r) => /^[ABCD]$/.test((r.value as { Answer: string }).Answer))).toBe(true);
    await checkResume(path, 'csv', all, 40);
  });

  it('every cmmlu CSV reads 75 rows without errors', async () => {
    const folder = raw('cmmlu/test');
    const names = readdirSync(folder).filter((n) => n.endsWith('.csv'));
    expect(names.length).toBeGreaterThan(1);
    for (const name of names) expect(await readAll(join(folder, name), 'csv'), name).toHaveLength(75);
  });

  it('logiqa2 test_zh: 300 JSON lines', async () => {
    const path = raw('logiqa2/test_zh.sample.txt');
    expect(await detectFormat(path)).toBe('jsonl');
    const all = await readAll(path, 'jsonl');
    expect(all).toHaveLength(300);
    expect(all[299].line).toBe(300);
    expect(all[299].next.offset).toBe(await totalSize(path, 'jsonl'));
    await checkResume(path, 'jsonl', all, 99);
  });

  it('leetcode: 200 Markdown files', async () => {
    const path = raw('leetcode/solution');
    expect(await detectFormat(path)).toBe('markdown-files');
    expect(await totalSize(path, 'markdown-files')).toBe(200);
    const all = await readAll(path, 'markdown-files');
    expect(all).toHaveLength(200);
    const paths = all.map((r) => (r.value as { path: string }).path);
    expect([...paths].sort()).toEqual(paths);
    expect(paths.every((p) => p.endsWith('/README.md'))).toBe(true);
    await checkResume(path, 'markdown-files', all, 123);
  });

  it('every other JSON sample is detected and read without errors', async () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(jsonl?|txt)$/.test(n)) files.push(p);
      }
    };
    walk(join(dir, 'raw'));
    expect(files.length).toBeGreaterThan(8);
    for (const f of files) {
      const format = await detectFormat(f);
      expect(format === 'jsonl' || format === 'json-array', f).toBe(true);
      expect((await readAll(f, format!)).length, f).toBeGreaterThan(0);
    }
  });
});
