import { describe, expect, it } from 'vitest';
import { noSharedData, readJsonLines, runSample, unsoundItems, warnIfNoSharedData } from '../real-samples.spec-helpers';

warnIfNoSharedData('the logiqa2 adapter');

describe('logiqa2 adapter on the real sample', () => {
  it.skipIf(noSharedData)('turns all 300 zh and 60 en records into sound single-choice items', () => {
    const zh = runSample('logiqa2', readJsonLines('logiqa2', 'test_zh.sample.txt'));
    const en = runSample('logiqa2', readJsonLines('logiqa2', 'test_en.sample.txt'));
    expect([zh.items.length, zh.skipped.length, zh.invalid.length]).toEqual([300, 0, 0]);
    expect([en.items.length, en.skipped.length, en.invalid.length]).toEqual([60, 0, 0]);
    expect(unsoundItems([...zh.items, ...en.items], () => 4)).toEqual([]);
    expect(new Set(zh.items.map((i) => i.ability))).toEqual(new Set(['logical_reasoning']));
  });

  it.skipIf(noSharedData)('letters options once and answers with the gold letter and option (example_id 6239)', () => {
    const { items } = runSample('logiqa2', readJsonLines('logiqa2', 'test_zh.sample.txt'));
    const item = items.find((i) => i.sourceRecordId === '6239');
    expect(item).toMatchObject({ gold: 'C', questionFormat: 0, answerType: 'single_choice' });
    expect(item?.messages[0].content).toContain('\nC. 也需要进一步挖据和创新');
    expect(item?.messages[0].content).not.toContain('C. C.');
    expect(item?.messages[1].content).toBe('C. 也需要进一步挖据和创新');
    expect(items.find((i) => i.sourceRecordId === '14472')?.gold).toBe('B');
  });

  it.skipIf(noSharedData)('uses `id` and keeps the reasoning types of English records (id 2315)', () => {
    const { items } = runSample('logiqa2', readJsonLines('logiqa2', 'test_en.sample.txt'));
    expect(items[0]).toMatchObject({
      sourceRecordId: '2315',
      gold: 'D',
      meta: { reasoningTypes: ['Sufficient Conditional Reasoning', 'Conjunctive Reasoning'] },
    });
  });
});
