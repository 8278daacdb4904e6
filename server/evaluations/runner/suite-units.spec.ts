import { describe, expect, it } from 'vitest';
import type { LoglikelihoodRequest } from '../backends/backend.types';
import { planBenchmark } from '../suites/benchmark.suite';
import type { EvalItem } from '../suites/suite.types';
import { benchmarkUnit } from './suite-units';

/** CMMLU-shaped items: two subsets of eight questions each, in source order. */
const items: EvalItem[] = ['chinese_history', 'college_law'].flatMap((subset, s) =>
  Array.from({ length: 8 }, (_, k): EvalItem => ({
    itemId: 100 * (s + 1) + k,
    ability: subset,
    split: 'test',
    messages: [{ role: 'user', content: `问题 ${k}` }],
    questionFormat: 0,
    answerType: 'single_choice',
    gold: 'ABCD'[k % 4],
    choices: null,
    meta: { benchmark: 'cmmlu', subjectName: subset === 'chinese_history' ? '中国历史' : '大学法律', question: `${subset} 第${k}题？`, options: ['甲', '乙', '丙', '丁'] },
  })),
);

function requestsOf(plan: { requests: unknown[] }): Map<string, string> {
  return new Map((plan.requests as LoglikelihoodRequest[]).map((r) => [r.id, r.context]));
}

describe(benchmarkUnit.name, () => {
  for (const shots of [0, 5] as const) {
    it(`plans ${shots}-shot chunks with the same prompts (and exemplars) as one plan of the whole benchmark`, () => {
      const unit = benchmarkUnit('cmmlu', shots, items);
      const whole = requestsOf(planBenchmark('cmmlu', items, shots));
      const chunked = new Map<string, string>();
      let scored = 0;
      for (let at = 0; at < items.length; at += 3) {
        const chunk = items.slice(at, at + 3);
        const plan = unit.plan(chunk);
        for (const [id, context] of requestsOf(plan)) chunked.set(id, context);
        // every request of a chunk is for one of its own items
        expect([...requestsOf(plan).keys()].every((id) => chunk.some((i) => id.startsWith(`${i.itemId}:`)))).toBe(true);
        scored += plan.requests.length / 4;
      }
      expect(chunked).toEqual(whole);
      expect(scored).toBe(items.length - 2 * 5);
      if (shots === 5) expect([...whole.values()][0]).toContain('第0题');
    });
  }
});

describe(`${benchmarkUnit.name}: a set with a dev file (issue 15 item 8)`, () => {
  it('plans every chunk with the dev exemplars, whichever chunk they would fall in, and never scores them', () => {
    const set: EvalItem[] = Array.from({ length: 9 }, (_, k): EvalItem => ({
      itemId: 300 + k,
      ability: 'law',
      split: 'test',
      messages: [{ role: 'user', content: `题 ${k}` }],
      questionFormat: 0,
      answerType: 'single_choice',
      gold: 'A',
      choices: null,
      // the last three are the dev rows (their file imported after the val file)
      meta: { benchmark: 'ceval', question: `法律题${k}`, options: ['甲', '乙', '丙', '丁'], exemplar: k >= 6 },
    }));
    const unit = benchmarkUnit('ceval', 5, set);
    const whole = requestsOf(planBenchmark('ceval', set, 5));
    const chunked = new Map<string, string>();
    for (let at = 0; at < set.length; at += 4) for (const [id, context] of requestsOf(unit.plan(set.slice(at, at + 4)))) chunked.set(id, context);
    expect(chunked).toEqual(whole);
    expect([...new Set([...whole.keys()].map((id) => id.split(':')[0]))]).toEqual(['300', '301', '302', '303', '304', '305']);
    expect([...whole.values()].every((c) => c.includes('法律题6') && c.includes('法律题8'))).toBe(true);
  });
});
