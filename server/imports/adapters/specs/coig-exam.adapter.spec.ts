import { describe, expect, it } from 'vitest';
import { noSharedData, readJsonLines, runSample, unsoundItems, warnIfNoSharedData } from '../real-samples.spec-helpers';

warnIfNoSharedData('the coig_exam adapter');

const records = () => readJsonLines('coig_exam', 'coig_exam_sampled_clean_v3.sample.jsonl');

describe('coig_exam adapter on the real sample', () => {
  it.skipIf(noSharedData)('keeps the 300 biology/history/Chinese records and skips the 20 of other subjects', () => {
    const run = runSample('coig_exam', records());
    expect([run.items.length, run.skipped.length, run.invalid.length]).toEqual([300, 20, 0]);
    expect(run.skipped.filter((r) => r === 'no ability for domain 政治')).toHaveLength(10);
    expect(run.skipped.filter((r) => r === 'no ability for domain 地理')).toHaveLength(10);
    const byAbility = (ability: string) => run.items.filter((i) => i.ability === ability).length;
    expect([byAbility('biology'), byAbility('history'), byAbility('chinese')]).toEqual([100, 100, 100]);
    expect(unsoundItems(run.items)).toEqual([]);
  });

  it.skipIf(noSharedData)('makes stated choice answers exact-match and the rest open-ended', () => {
    const run = runSample('coig_exam', records());
    const exact = run.items.filter((i) => i.questionFormat === 0);
    expect(exact).toHaveLength(174);
    for (const item of exact) {
      for (const letter of item.gold ?? '') expect(item.messages[0].content).toContain(letter);
    }
    const open = run.items.filter((i) => i.questionFormat === 1);
    expect(open.every((i) => i.answerType === 'open' && i.gold === null)).toBe(true);
  });

  it.skipIf(noSharedData)('spot-checks records against the file', () => {
    const { results } = runSample('coig_exam', records());
    const first = results[0].kind === 'items' ? results[0].items[0] : null;
    expect(first).toMatchObject({ ability: 'chinese', questionFormat: 0, answerType: 'single_choice', gold: 'A', meta: { subject: '语文' } });
    expect(first?.messages[0].content.startsWith('选择正确的选项\n\n下列句子中，没有语病的一句是')).toBe(true);
    expect(results[2]).toMatchObject({ kind: 'items', items: [{ questionFormat: 1, answerType: 'open', gold: null }] });
    expect(results[27]).toMatchObject({ kind: 'items', items: [{ answerType: 'multi_choice', gold: 'CE' }] });
  });
});
