import { describe, expect, it } from 'vitest';
import { noSharedData, readJsonLines, runSample, unsoundItems, warnIfNoSharedData } from '../real-samples.spec-helpers';

warnIfNoSharedData('the coig_human_value adapter');

const records = () => readJsonLines('coig_human_value', 'coig_human_value_multi_choice.sample.jsonl');

describe('coig_human_value adapter on the real sample', () => {
  it.skipIf(noSharedData)('turns all 67 records into ethics choice items: 59 single, 8 multi', () => {
    const run = runSample('coig_human_value', records());
    expect([run.items.length, run.skipped.length, run.invalid.length]).toEqual([67, 0, 0]);
    expect(unsoundItems(run.items, () => 4)).toEqual([]);
    const count = (type: string) => run.items.filter((i) => i.answerType === type).length;
    expect([count('single_choice'), count('multi_choice')]).toEqual([59, 8]);
    expect(new Set(run.items.map((i) => i.ability))).toEqual(new Set(['ethics']));
  });

  it.skipIf(noSharedData)('reads the gold letters from the last line of the explanation', () => {
    const { results } = runSample('coig_human_value', records());
    const item = (line: number) => (results[line - 1].kind === 'items' ? results[line - 1] : null);
    expect(item(1)).toMatchObject({ items: [{ gold: 'C', answerType: 'single_choice' }] });
    expect(item(2)).toMatchObject({ items: [{ gold: 'AB', answerType: 'multi_choice' }] });
    expect(item(24)).toMatchObject({ items: [{ gold: 'ABCD', answerType: 'multi_choice' }] });
    const second = results[1].kind === 'items' ? results[1].items[0] : null;
    expect(second?.messages[0].content.startsWith('在社交场合中，我们应该注意到以下那些礼仪行为？A．')).toBe(true);
    expect(second?.messages[1].content.endsWith('故本题选A和B。')).toBe(true);
  });
});
