import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecords } from '../../readers';
import { applyAdapter } from '../adapter-engine';
import { getAdapter } from '../index';
import { unsoundItems } from '../real-samples.spec-helpers';
import type { AdapterContext } from '../adapter-spec.types';
import type { StandardizedItem } from '../../import-types';

const spec = getAdapter('ceval');

/** Our own small files in C-Eval's layout (no C-Eval data is in the shared samples). */
const CEVAL_FIXTURES = join(__dirname, 'fixtures', 'ceval');

/** Every row of one fixture file through the CSV reader and the adapter, `$file` being the file's name unless given. */
async function importFile(name: string, ctx: AdapterContext = {}) {
  const items: StandardizedItem[] = [];
  const errors: string[] = [];
  const skipped: string[] = [];
  for await (const out of readRecords(join(CEVAL_FIXTURES, name), 'csv', { maxLineBytes: 0 })) {
    if (out.kind === 'error') throw new Error(`${name}:${out.line}: ${out.reason}`);
    const result = applyAdapter(spec, out.value, { fileName: name, ...ctx });
    if (result.kind === 'items') items.push(...result.items);
    else if (result.kind === 'invalid') errors.push(...result.errors.map((e) => `${out.line} ${e.field}: ${e.reason}`));
    else skipped.push(`${out.line}: ${result.reason}`);
  }
  return { items, errors, skipped };
}

describe('ceval adapter', () => {
  it('issue 15 item 8: turns val rows into sound four-option benchmark items, subject and split from the file name', async () => {
    const { items, errors, skipped } = await importFile('logic_val.csv');
    expect([errors, skipped]).toEqual([[], []]);
    expect(items).toHaveLength(3);
    expect(unsoundItems(items, () => 4)).toEqual([]);
    expect(items[0]).toMatchObject({
      ability: 'logical_reasoning',
      questionFormat: 0,
      answerType: 'single_choice',
      gold: 'B',
      sourceRecordId: 'logic_val:0',
      meta: { benchmark: 'ceval', subset: 'logic', split: 'val', exemplar: false, options: ['甲', '乙', '丙', '没有人'] },
    });
    expect(items[0].messages).toEqual([
      { role: 'user', content: '甲说乙在说谎，乙说丙在说谎，丙说甲和乙都在说谎。谁说了真话？\nA. 甲\nB. 乙\nC. 丙\nD. 没有人' },
      { role: 'assistant', content: 'B. 乙' },
    ]);
    // no explanation column: the item has none
    expect(items[0].meta).not.toHaveProperty('explanation');
    // a quoted question keeps its own quotes and commas; English rows import the same way
    expect(items[1]).toMatchObject({ gold: 'A', meta: { question: '“只有努力，才能成功”等值于：' } });
    expect(items[2]).toMatchObject({ gold: 'A', sourceRecordId: 'logic_val:2', messages: [{}, { content: 'A. AAA-1 (Barbara)' }] });
  });

  it('issue 15 item 8: dev rows are exemplars (meta.split dev, never scored) and keep the optional explanation column', async () => {
    const { items, errors } = await importFile('logic_dev.csv');
    expect(errors).toEqual([]);
    expect(items.map((i) => [i.sourceRecordId, i.gold, i.meta!.split, i.meta!.exemplar])).toEqual([
      ['logic_dev:0', 'B', 'dev', true],
      ['logic_dev:1', 'B', 'dev', true],
    ]);
    expect(items[0].meta!.explanation).toBe('1. 企鹅是鸟但不会飞，所以“所有的鸟都会飞”这一大前提是假的。');
    expect(items[1].meta!.explanation).toBe('Every A is B, and no B is C, so no A can be C.');
    // the explanation is kept beside the item, not put in the answer
    expect(items[0].messages[1].content).toBe('B. 大前提是假的');
  });

  it('issue 15 item 8: refuses a row whose answer is not a letter A–D, naming the row and the column, and keeps the others', async () => {
    const { items, errors } = await importFile('high_school_chinese_val.csv');
    expect(items.map((i) => [i.sourceRecordId, i.ability, i.gold])).toEqual([
      ['high_school_chinese_val:0', 'chinese', 'C'],
      ['high_school_chinese_val:2', 'chinese', 'B'],
    ]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^3 answer: .*A/);
    expect(applyAdapter(spec, { id: '1', question: '问？', A: '甲', B: '乙', C: '丙', D: '丁', answer: 'E' }, { fileName: 'logic_val.csv' })).toEqual({
      kind: 'invalid',
      errors: [{ field: 'answer', code: 'value_not_allowed', reason: expect.stringContaining('A') }],
    });
  });

  it('issue 15 item 8: a subject with no known ability (an out-of-domain set) takes the import’s default ability, or is skipped naming it', async () => {
    const withDefault = await importFile('college_law_test.csv', { defaultAbility: 'ethics' });
    expect(withDefault.errors).toEqual([]);
    expect(withDefault.items).toHaveLength(1);
    expect(withDefault.items[0]).toMatchObject({ ability: 'ethics', gold: 'B', meta: { subset: 'college_law', split: 'test', exemplar: false } });

    const without = await importFile('college_law_test.csv');
    expect(without.items).toEqual([]);
    expect(without.skipped).toEqual([expect.stringMatching(/^2: no ability for C-Eval subject .* college_law and no default ability was given$/)]);
    // a known subject keeps its own ability even when the import names a default
    expect((await importFile('logic_val.csv', { defaultAbility: 'ethics' })).items[0].ability).toBe('logical_reasoning');
  });

  it('issue 15 item 8: refuses a file not named <subject>_<dev|val|test>.csv, naming the file', async () => {
    const row = { id: '0', question: '问？', A: '甲', B: '乙', C: '丙', D: '丁', answer: 'A' };
    expect(applyAdapter(spec, row, { fileName: '/uploads/logic.csv', defaultAbility: 'ethics' })).toEqual({
      kind: 'invalid',
      errors: [{ field: '$file', code: 'unknown_ability', reason: expect.stringMatching(/<subject>_dev\.csv.* logic\.csv$/) }],
    });
    expect(applyAdapter(spec, row, { fileName: '/uploads/logic_train.csv' })).toMatchObject({ kind: 'invalid', errors: [{ field: '$file' }] });
    expect(applyAdapter(spec, row, { fileName: '/uploads/high_school_biology_test.csv' })).toMatchObject({
      kind: 'items',
      items: [{ ability: 'biology', sourceRecordId: 'high_school_biology_test:0', meta: { subset: 'high_school_biology', split: 'test' } }],
    });
  });
});
