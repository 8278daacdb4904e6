import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecords } from '../../readers';
import type { StandardizedItem } from '../../import-types';
import { applyAdapter } from '../adapter-engine';
import type { AdapterContext } from '../adapter-spec.types';
import { getAdapter } from '../index';
import { unsoundItems } from '../real-samples.spec-helpers';

const spec = getAdapter('mcq_csv');
const FIXTURES = join(__dirname, 'fixtures', 'mcq');
/** The fixtures' own (Chinese) column names, mapped to the adapter's roles. */
const MAPPING = { id: '编号', question: '题目', A: '选项一', B: '选项二', C: '选项三', answer: '答案', explanation: '解析' };

async function importFile(name: string, ctx: AdapterContext = { csvMapping: MAPPING }) {
  const items: StandardizedItem[] = [];
  const errors: string[] = [];
  for await (const out of readRecords(join(FIXTURES, name), 'csv', { maxLineBytes: 0 })) {
    if (out.kind === 'error') throw new Error(`${name}:${out.line}: ${out.reason}`);
    const result = applyAdapter(spec, out.value, { fileName: name, ...ctx });
    if (result.kind === 'items') items.push(...result.items);
    else if (result.kind === 'invalid') errors.push(...result.errors.map((e) => `line ${out.line} ${e.field}: ${e.reason}`));
    else throw new Error(`${name}:${out.line} skipped: ${result.reason}`);
  }
  return { items, errors };
}

describe('mcq_csv adapter', () => {
  it('issue 15 item 8: maps any CSV columns to question, options and answer letter; the set is named by its file, as a subset of the mcq suite', async () => {
    const { items, errors } = await importFile('law_quiz_val.csv');
    expect(items.map((i) => i.sourceRecordId)).toEqual(['law_quiz_val:1', 'law_quiz_val:2']);
    expect(unsoundItems(items, (i) => (i.meta!.options as string[]).length)).toEqual([]);
    expect(items[0]).toMatchObject({
      questionFormat: 0,
      answerType: 'single_choice',
      gold: 'C',
      messages: [
        { role: 'user', content: '合同成立的一般要件不包括：\nA. 当事人\nB. 意思表示一致\nC. 公证' },
        { role: 'assistant', content: 'C. 公证' },
      ],
      meta: { benchmark: 'mcq', subset: 'law_quiz', split: 'val', exemplar: false, options: ['当事人', '意思表示一致', '公证'], explanation: '公证不是一般要件。' },
    });
    // two options (the third column empty), a lower-case answer letter taken as its capital; a quoted question keeps its commas
    expect(items[1]).toMatchObject({ gold: 'A', meta: { question: 'Which of these, if any, is a contract?', options: ['A binding promise', 'A wish'] } });
    expect(items[1].meta).not.toHaveProperty('explanation');
    // each bad row is reported by line and column; the good rows import
    expect(errors).toEqual([
      expect.stringMatching(/^line 4 answer: answer "D" is not among the options' letters A, B, C/),
      expect.stringMatching(/^line 5 options: a multiple-choice row needs at least two options \(columns A and B\); it has 1/),
      expect.stringMatching(/^line 6 B: option B is empty while a later option is given/),
    ]);
  });

  it('issue 15 item 8: rows of a _dev file are the exemplars (meta.exemplar), never scored; a file without a split is a test set', async () => {
    const { items, errors } = await importFile('law_quiz_dev.csv', { csvMapping: { id: '编号', question: '题目', A: '选项一', B: '选项二', C: '选项三', answer: '答案' } });
    expect(errors).toEqual([]);
    expect(items.map((i) => [i.sourceRecordId, i.gold, i.meta!.split, i.meta!.exemplar])).toEqual([
      ['law_quiz_dev:1', 'C', 'dev', true],
      ['law_quiz_dev:2', 'C', 'dev', true],
    ]);
  });

  it('issue 15 item 8: a mapped column missing from the file is reported on each line, naming it', async () => {
    const { items, errors } = await importFile('law_quiz_dev.csv', { csvMapping: { ...MAPPING, D: '选项四', explanation: '解析' } });
    expect(items).toEqual([]);
    expect(errors).toEqual(
      [2, 3].flatMap((line) => [`line ${line} 选项四: column named in the CSV mapping is missing from the row`, `line ${line} 解析: column named in the CSV mapping is missing from the row`]),
    );
  });
});
