import { describe, expect, it } from 'vitest';
import { readRecords, type ReaderFormat } from './index';
import { tempDir, writeTemp } from './reader-spec-helpers';

/**
 * A by-hand throughput check, not a timed test: PACE_READER_THROUGHPUT=1 npx vitest run
 * server/imports/readers/reader-throughput.spec.ts — prints records/s for each reader.
 */
const enabled = !!process.env.PACE_READER_THROUGHPUT;

async function measure(label: string, path: string, format: ReaderFormat, expected: number): Promise<void> {
  const t0 = performance.now();
  let n = 0;
  for await (const out of readRecords(path, format, { maxLineBytes: 1_048_576 })) if (out.kind === 'record') n++;
  const s = (performance.now() - t0) / 1000;
  console.log(`${label}: ${n} records in ${s.toFixed(2)} s = ${Math.round(n / s).toLocaleString('en')} records/s`);
  expect(n).toBe(expected);
}

describe.skipIf(!enabled)('reader throughput (by hand)', () => {
  const dir = tempDir();
  const N = 1_000_000;

  it('jsonl, 1M short lines', async () => {
    const lines: string[] = [];
    for (let i = 0; i < N; i++) lines.push(`{"id":${i},"q":"问题 ${i % 97}","a":"answer"}`);
    await measure('jsonl short', writeTemp(dir, 't.jsonl', lines.join('\n') + '\n'), 'jsonl', N);
  });

  it('jsonl, 200k ~2 KB Chinese lines', async () => {
    const body = '这是一个用于测试读取速度的中文句子，'.repeat(18);
    const lines: string[] = [];
    for (let i = 0; i < 200_000; i++) lines.push(JSON.stringify({ id: i, instruction: body, output: body }));
    await measure('jsonl 2KB', writeTemp(dir, 'l.jsonl', lines.join('\n') + '\n'), 'jsonl', 200_000);
  });

  it('json-array, 300k pretty-printed objects', async () => {
    const items: string[] = [];
    for (let i = 0; i < 300_000; i++) items.push(`  {\r\n    "instruction": "写一个口号 ${i}",\r\n    "input": "",\r\n    "output": "输出： \\"雷霆，公牛\\" [${i}]"\r\n  }`);
    await measure('json-array', writeTemp(dir, 't.json', `[\r\n${items.join(',\r\n')}\r\n]`), 'json-array', 300_000);
  });

  it('csv, 300k rows', async () => {
    const rows = [',Question,A,B,C,D,Answer'];
    for (let i = 0; i < 300_000; i++) rows.push(`${i},下列关于细胞的叙述正确的是,选项一,选项二,"选项, 三",选项四,A`);
    await measure('csv', writeTemp(dir, 't.csv', rows.join('\n') + '\n'), 'csv', 300_000);
  });
});
