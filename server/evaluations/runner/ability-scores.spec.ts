import { describe, expect, it } from 'vitest';
import { summariseGroup } from '../../analysis/growth/growth-input';
import { wilsonInterval } from '../../analysis/stats';
import { abilityScores, type Verdict } from './ability-scores';

const v = (over: Partial<Verdict>): Verdict => ({ suite: 'in-domain', ability: 'history', split: 'test', shots: 0, score: 0, expected: 0.25, ...over });

describe(abilityScores.name, () => {
  it('stores with each group the mean, n and 95% interval summariseGroup computes: Wilson for 0/1 scores (issue 13 item 2)', () => {
    const scores = [1, 0, 1, 1, 0, 0, 1];
    const [group] = abilityScores(scores.map((score) => v({ score })));
    const summary = summariseGroup(scores);
    expect(group).toEqual({ suite: 'in-domain', ability: 'history', split: 'test', shots: 0, items: 7, score: summary.mean, expected: 0.25, interval: summary.interval, loss: null });
    expect(group.interval!.method).toBe('wilson');
    const wilson = wilsonInterval(4, 7);
    expect(group.interval!.lower).toBeCloseTo(wilson.lower, 12);
    expect(group.interval!.upper).toBeCloseTo(wilson.upper, 12);
  });

  it('uses the seeded bootstrap for partial-credit scores, the same interval every time', () => {
    const scores = [0.5, 1, 0, 0.25, 1, 0.75, 0.5, 0];
    const first = abilityScores(scores.map((score) => v({ ability: 'cot_math', score })));
    expect(first[0].interval).toEqual(summariseGroup(scores).interval);
    expect(first[0].interval!.method).toBe('bootstrap');
    expect(abilityScores(scores.map((score) => v({ ability: 'cot_math', score })))).toEqual(first);
  });

  it('groups per suite × split × shots × ability, each group summarised from its own items only', () => {
    const verdicts = [
      v({ ability: 'history', split: 'valid', score: 1 }),
      v({ ability: 'history', split: 'test', score: 0 }),
      v({ ability: 'history', split: 'test', score: 1 }),
      v({ ability: 'code', split: 'test', score: 1 }),
      v({ suite: 'cmmlu', ability: 'chinese_history', split: null, shots: 5, score: 1 }),
    ];
    const out = abilityScores(verdicts);
    expect(out.map((s) => [s.suite, s.ability, s.split, s.shots, s.items, s.score])).toEqual([
      ['cmmlu', 'chinese_history', 'test', 5, 1, 1],
      ['in-domain', 'code', 'test', 0, 1, 1],
      ['in-domain', 'history', 'test', 0, 2, 0.5],
      ['in-domain', 'history', 'valid', 0, 1, 1],
    ]);
    expect(out[2].interval).toEqual(summariseGroup([0, 1]).interval);
  });

  it("stores the mean gold-answer NLL as the group's loss when every item has one, else null (issue 13 item 4's L_i)", () => {
    const [test, valid] = abilityScores([
      v({ split: 'test', score: 1, goldNll: 0.5 }),
      v({ split: 'test', score: 0, goldNll: 2 }),
      v({ split: 'valid', score: 1, goldNll: 0.25 }),
      v({ split: 'valid', score: 1, goldNll: null }), // an exact-match validation item: not measured
    ]);
    expect(test).toMatchObject({ split: 'test', loss: 1.25 });
    expect(valid).toMatchObject({ split: 'valid', loss: null });
  });

  it('refuses an IFEval verdict without its per-instruction outcomes rather than scoring it as a plain item (issue 15 item 7)', () => {
    expect(() => abilityScores([v({ suite: 'ifeval', ability: 'ifeval', score: 1, expected: 0 })])).toThrow('an ifeval verdict (ifeval) has no per-instruction strict/loose outcomes to aggregate');
    const [promptStrict] = abilityScores([v({ suite: 'ifeval', ability: 'ifeval', score: 1, expected: 0, strict: [true], loose: [true] })]);
    expect(promptStrict).toMatchObject({ suite: 'ifeval', ability: 'prompt_strict', items: 1, score: 1, expected: 0, loss: null });
  });
});
