import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRecords } from '../../readers';
import { applyAdapter } from '../adapter-engine';
import { getAdapter } from '../index';
import { noSharedData, rawPath, unsoundItems, warnIfNoSharedData } from '../real-samples.spec-helpers';
import type { StandardizedItem } from '../../import-types';

warnIfNoSharedData('the cmmlu adapter');

const spec = getAdapter('cmmlu');

/** Every record of one sample file through the CSV reader and the adapter, `$file` being the file's name. */
async function importFile(name: string, fileName = name) {
  const items: StandardizedItem[] = [];
  const errors: string[] = [];
  for await (const out of readRecords(rawPath('cmmlu', 'test', name), 'csv', { maxLineBytes: 0 })) {
    if (out.kind === 'error') throw new Error(`${name}:${out.line}: ${out.reason}`);
    const result = applyAdapter(spec, out.value, { fileName });
    if (result.kind === 'items') items.push(...result.items);
    else if (result.kind === 'invalid') errors.push(...result.errors.map((e) => `${out.line} ${e.field}: ${e.reason}`));
    else errors.push(`${out.line} skipped: ${result.reason}`);
  }
  return { items, errors };
}

describe('cmmlu adapter on the real sample', () => {
  it.skipIf(noSharedData)('turns each subject file into 75 sound benchmark items, ability from the file name', async () => {
    const files = readdirSync(rawPath('cmmlu', 'test')).sort();
    expect(files).toEqual(['chinese_history.sample.csv', 'elementary_chinese.sample.csv', 'high_school_biology.sample.csv', 'logical.sample.csv']);
    const abilities: Record<string, string> = { chinese_history: 'history', elementary_chinese: 'chinese', high_school_biology: 'biology', logical: 'logical_reasoning' };
    for (const file of files) {
      const { items, errors } = await importFile(file);
      const subset = file.split('.')[0];
      expect(errors, file).toEqual([]);
      expect(items, file).toHaveLength(75);
      expect(unsoundItems(items, () => 4), file).toEqual([]);
      for (const item of items) {
        expect(item).toMatchObject({ ability: abilities[subset], questionFormat: 0, answerType: 'single_choice', meta: { benchmark: 'cmmlu', subset } });
        expect((item.meta!.options as string[]).length).toBe(4);
      }
    }
  });

  it.skipIf(noSharedData)('keeps row id, question, options and gold as the file has them (chinese_history row 0)', async () => {
    const { items } = await importFile('chinese_history.sample.csv');
    const first = items[0];
    expect(first).toMatchObject({ sourceRecordId: '0', gold: 'D', meta: { subjectName: '中国历史' } });
    expect(first.meta!.question).toMatch(/^随着中国民族资本主义产生和发展，工商业者群体意识逐渐形成/);
    expect(first.meta!.options).toEqual(['工商业者是倡导革命的新中坚力量', '工商业者依旧属于传统的社会群体', '工商业者投身社会事务是有利可图', '工商业者推动了近代中国社会发展']);
    expect(first.messages[0].content).toContain('\nA. 工商业者是倡导革命的新中坚力量\nB. ');
    expect(first.messages[1].content).toBe('D. 工商业者推动了近代中国社会发展');
    expect(items.map((i) => i.sourceRecordId).slice(0, 4)).toEqual(['0', '1', '3', '6']);
  });

  it.skipIf(noSharedData)('names a subject it does not know, from the uploaded file name', async () => {
    const { items, errors } = await importFile('logical.sample.csv', '/tmp/uploads/college_law.csv');
    expect(items).toEqual([]);
    expect(errors[0]).toBe("2 $file: no ability for CMMLU subject (the file's name; known: chinese_history, high_school_biology, logical, elementary_chinese) college_law");
  });
});

describe('cmmlu adapter', () => {
  it('refuses a row whose answer is not a letter A–D, naming the field', () => {
    const row = { _index: '7', Question: '问？', A: '甲', B: '乙', C: '丙', D: '丁', Answer: 'E' };
    expect(applyAdapter(spec, row, { fileName: 'logical.csv' })).toEqual({ kind: 'invalid', errors: [{ field: 'Answer', code: 'value_not_allowed', reason: expect.stringContaining('A') }] });
    expect(applyAdapter(spec, { ...row, Answer: 'B' }, { fileName: 'logical.csv' })).toMatchObject({ kind: 'items', items: [{ ability: 'logical_reasoning', gold: 'B', meta: { subjectName: '逻辑学' } }] });
  });
});
