import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIfevalPrompt } from '../../../benchmarks/ifeval/prompts';
import { readRecords } from '../../readers';
import { applyAdapter } from '../adapter-engine';
import { getAdapter } from '../index';
import { noSharedData, readJsonLines, runSample, unsoundItems, warnIfNoSharedData } from '../real-samples.spec-helpers';
import type { StandardizedItem } from '../../import-types';

warnIfNoSharedData('the ifeval adapter');

const spec = getAdapter('ifeval');

/** Our own small prompt file in IFEval's layout: four good lines and three bad ones (lines 3, 4 and 5). */
const FIXTURE = join(__dirname, 'fixtures', 'ifeval', 'input_data.jsonl');

async function importFixture(ctx = { defaultAbility: 'creative_writing' }) {
  const items: StandardizedItem[] = [];
  const errors: string[] = [];
  for await (const out of readRecords(FIXTURE, 'jsonl', { maxLineBytes: 0 })) {
    if (out.kind === 'error') throw new Error(`line ${out.line}: ${out.reason}`);
    const result = applyAdapter(spec, out.value, ctx);
    if (result.kind === 'items') items.push(...result.items);
    else if (result.kind === 'invalid') errors.push(...result.errors.map((e) => `line ${out.line} ${e.field} [${e.code}]: ${e.reason}`));
    else throw new Error(`line ${out.line} skipped: ${result.reason}`);
  }
  return { items, errors };
}

describe('ifeval adapter', () => {
  it('issue 15 item 7: a prompt record becomes an open benchmark item with no gold, its instructions and kwargs in meta', async () => {
    const { items } = await importFixture();
    expect(spec.source).toEqual(expect.objectContaining({ name: 'IFEval', kind: 'benchmark', license: 'Apache-2.0' }));
    expect(items.map((i) => i.sourceRecordId)).toEqual(['9001', '9002', '9006']);
    expect(items[0]).toEqual({
      messages: [
        { role: 'user', content: 'Write a short poem about autumn. Include the keywords "maple" and "frost". Answer with at least 40 words.' },
        { role: 'assistant', content: '' },
      ],
      ability: 'creative_writing',
      questionFormat: 1,
      answerType: 'open',
      gold: null,
      sourceRecordId: '9001',
      needsAnswer: true,
      meta: {
        benchmark: 'ifeval',
        instruction_id_list: ['keywords:existence', 'length_constraints:number_words'],
        // the Hugging Face copy's null (unused) arguments are dropped, as the checkers' parser does
        kwargs: [{ keywords: ['maple', 'frost'] }, { num_words: 40, relation: 'at least' }],
      },
    });
    // a Chinese prompt imports the same way; an instruction without arguments keeps its empty kwargs
    expect(items[1]).toMatchObject({
      messages: [{ role: 'user', content: expect.stringMatching(/^用中文写一封给朋友的短信/) }, { role: 'assistant', content: '' }],
      meta: { instruction_id_list: ['detectable_format:title'], kwargs: [{}] },
    });
  });

  it('issue 15 item 7: the kept meta is what the IFEval checkers need: it parses back to the same instructions', async () => {
    const { items } = await importFixture();
    for (const item of items) {
      const record = { key: Number(item.sourceRecordId), prompt: item.messages[0].content, ...(item.meta as object) };
      expect(parseIfevalPrompt(record, `item ${item.sourceRecordId}`).instructions.map((i) => i.id)).toEqual(item.meta!.instruction_id_list);
    }
  });

  it('issue 15 item 7: refuses an unknown instruction id, a kwargs list of another length and a missing argument, naming line and field; the others import', async () => {
    const { items, errors } = await importFixture();
    expect(items).toHaveLength(3);
    expect(errors).toEqual([
      expect.stringMatching(/^line 3 instruction_id_list\[0\] \[value_not_allowed\]: the string "detectable_format:emoji_only" is not an IFEval instruction id/),
      expect.stringMatching(/^line 4 kwargs \[value_not_allowed\]: has 1 entries but instruction_id_list has 2; they must align$/),
      expect.stringMatching(/^line 5 kwargs\[0\]\.num_words \[value_not_allowed\]: is missing; length_constraints:number_words needs it$/),
    ]);
  });

  it('issue 15 item 7: refuses records without an integer key or a prompt, naming the field', () => {
    const run = runSample('ifeval', [
      { key: '12', prompt: 'Say hi.', instruction_id_list: ['detectable_format:title'], kwargs: [{}] },
      { key: 13, prompt: '  ', instruction_id_list: ['detectable_format:title'], kwargs: [{}] },
      { key: 14, prompt: 'Say hi.', instruction_id_list: [], kwargs: [] },
      { key: 15, prompt: 'Say hi.', instruction_id_list: ['length_constraints:number_words'], kwargs: [{ num_words: 'ten', relation: 'at least' }] },
    ]);
    expect(run.items).toEqual([]);
    expect(run.invalid.map((errors) => errors.map((e) => e.field))).toEqual([['key'], ['prompt'], ['instruction_id_list'], ['kwargs[0].num_words']]);
    expect(run.invalid[3][0].reason).toMatch(/must be a whole number ≥ 0/);
  });

  it('issue 15 item 7: without a default ability the item is left for storage to decide (IFEval has no ability of its own)', async () => {
    const { items } = await importFixture({ defaultAbility: null } as never);
    expect(items.map((i) => i.ability)).toEqual([null, null, null]);
  });

  it.skipIf(noSharedData)('issue 15 item 7: accepts every record of the shared IFEval sample', () => {
    const records = readJsonLines('ifeval', 'input_data.sample.jsonl');
    const run = runSample('ifeval', records, { defaultAbility: 'creative_writing' });
    expect(run.invalid).toEqual([]);
    expect(run.skipped).toEqual([]);
    expect(run.items).toHaveLength(records.length);
    expect(records.length).toBeGreaterThan(100);
    expect(unsoundItems(run.items)).toEqual([]);
    expect(new Set(run.items.map((i) => i.sourceRecordId)).size).toBe(records.length);
    const ids = new Set(run.items.flatMap((i) => i.meta!.instruction_id_list as string[]));
    expect(ids.size).toBeGreaterThan(20);
  });
});
