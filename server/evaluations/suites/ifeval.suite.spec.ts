import { describe, expect, it } from 'vitest';
import { ifevalMetrics } from '../../benchmarks/ifeval';
import type { BackendResult, GenerateRequest } from '../backends/backend.types';
import { abilityScores } from '../runner/ability-scores';
import { IFEVAL_DEFAULT_MAX_NEW_TOKENS, planIfeval } from './ifeval.suite';
import type { EvalItem } from './suite.types';

/** An IFEval item as the ifeval adapter imports it: the prompt as the user turn, an empty answer, the instructions in meta. */
function ifevalItem(itemId: number, prompt: string, ids: string[], kwargs: Array<Record<string, unknown>>): EvalItem {
  return {
    itemId,
    ability: 'ifeval',
    split: 'test',
    messages: [
      { role: 'user', content: prompt },
      { role: 'assistant', content: '' },
    ],
    questionFormat: 1,
    answerType: 'open',
    gold: null,
    choices: null,
    meta: { benchmark: 'ifeval', instruction_id_list: ids, kwargs },
  };
}

const END = 'Is there anything else I can help with?';
/** Four prompts with known responses; the verdicts in the comments are worked out by hand from the reference's checkers. */
const cases: Array<{ item: EvalItem; response: string; strict: boolean[]; loose: boolean[] }> = [
  // no comma ✓, a <<title>> ✓: followed in both tests
  { item: ifevalItem(1, 'Write a poem with a title in double angular brackets and no commas.', ['punctuation:no_comma', 'detectable_format:title'], [{}, {}]), response: '<<My Poem>>\nRoses are red and violets are blue', strict: [true, true], loose: [true, true] },
  // a comma ✗ (one line: no loose variant drops it), the end phrase ✓
  { item: ifevalItem(2, `Greet me without commas and end with "${END}"`, ['punctuation:no_comma', 'startend:end_checker'], [{}, { end_phrase: END }]), response: `Hello, friend. ${END}`, strict: [false, true], loose: [false, true] },
  // the title ✓; the end phrase only once the trailing line is dropped: a loose-only pass
  { item: ifevalItem(3, '用英文写一段话，标题放在<<>>里，以 "Bye." 结尾。', ['detectable_format:title', 'startend:end_checker'], [{}, { end_phrase: 'Bye.' }]), response: '**<<Title>>**\nBody text\nBye.\nHope this helps', strict: [true, false], loose: [true, true] },
  // not wrapped in double quotes ✗
  { item: ifevalItem(4, 'Wrap your whole answer in double quotes.', ['startend:quotation'], [{}]), response: 'Plain answer', strict: [false], loose: [false] },
];

const results = (): Map<string, BackendResult> => new Map(cases.map(({ item, response }) => [`${item.itemId}:0:generate`, { id: `${item.itemId}:0:generate`, text: response }]));

describe(planIfeval.name, () => {
  it('issue 15 item 7: plans one greedy generate request per prompt, the prompt as the user turn, with the generation budget given', () => {
    const plan = planIfeval(cases.map((c) => c.item), { maxNewTokens: 64 });
    expect(plan.suite).toBe('ifeval');
    expect(plan.requests).toHaveLength(4);
    expect(plan.requests[0]).toEqual({ kind: 'generate', id: '1:0:generate', context: '<user>Write a poem with a title in double angular brackets and no commas.<eot><assistant>', maxTokens: 64 } satisfies GenerateRequest);
    expect((plan.requests as GenerateRequest[]).every((r) => r.kind === 'generate' && r.maxTokens === 64 && r.candidates === undefined)).toBe(true);
    expect(IFEVAL_DEFAULT_MAX_NEW_TOKENS).toBe(1280);
  });

  it('issue 15 item 7: stores per item the strict and loose verdict of each instruction; the item score is its prompt-level strict verdict', () => {
    const verdicts = planIfeval(cases.map((c) => c.item), { maxNewTokens: 64 }).score(results());
    expect(verdicts.map((v) => v.details.strict)).toEqual(cases.map((c) => c.strict));
    expect(verdicts.map((v) => v.details.loose)).toEqual(cases.map((c) => c.loose));
    expect(verdicts.map((v) => v.score)).toEqual([1, 0, 0, 0]);
    expect(verdicts[2]).toMatchObject({
      suite: 'ifeval',
      ability: 'ifeval',
      split: 'test',
      shots: 0,
      answer: '**<<Title>>**\nBody text\nBye.\nHope this helps',
      expected: 0,
      details: { instructionIds: ['detectable_format:title', 'startend:end_checker'], promptStrict: false, promptLoose: true },
    });
  });

  it('issue 15 item 7: the four stored metrics equal a hand computation; instruction-level accuracy is over instructions, not a mean over prompts', () => {
    const verdicts = planIfeval(cases.map((c) => c.item), { maxNewTokens: 64 }).score(results());
    const scores = abilityScores(verdicts.map((v) => ({ ...v, strict: v.details.strict as boolean[], loose: v.details.loose as boolean[] })));
    const byMetric = Object.fromEntries(scores.map((s) => [s.ability, s]));
    expect(scores.map((s) => s.ability)).toEqual(['prompt_strict', 'prompt_loose', 'instruction_strict', 'instruction_loose']);
    // prompts: 1 of 4 followed in full strictly (prompt 1), 2 of 4 loosely (prompts 1 and 3)
    expect(byMetric.prompt_strict).toMatchObject({ suite: 'ifeval', split: 'test', shots: 0, items: 4, score: 1 / 4, expected: 0 });
    expect(byMetric.prompt_loose).toMatchObject({ items: 4, score: 2 / 4 });
    // instructions: 7 in all; strictly followed 2 + 1 + 1 + 0 = 4, loosely 2 + 1 + 2 + 0 = 5
    expect(byMetric.instruction_strict).toMatchObject({ items: 7, score: 4 / 7 });
    expect(byMetric.instruction_loose).toMatchObject({ items: 7, score: 5 / 7 });
    // the mean over prompts of their instruction accuracy would be (1 + ½ + ½ + 0)/4 = 0.5: not what is stored
    expect(byMetric.instruction_strict.score).not.toBe(0.5);
    // and the reference's report (server/benchmarks/ifeval ifevalMetrics) agrees
    const reference = ifevalMetrics(cases.map((c) => ({ instructionIds: c.item.meta.instruction_id_list as string[], strict: c.strict, loose: c.loose })));
    expect([byMetric.prompt_strict.score, byMetric.prompt_loose.score, byMetric.instruction_strict.score, byMetric.instruction_loose.score]).toEqual([
      reference.promptStrict,
      reference.promptLoose,
      reference.instructionStrict,
      reference.instructionLoose,
    ]);
    expect(byMetric.instruction_loose.interval).toMatchObject({ method: 'wilson' });
  });

  it('skips, saying why, an item whose instructions no longer parse, and names a missing generation', () => {
    const broken = ifevalItem(9, 'Write.', ['punctuation:no_comma'], []);
    const plan = planIfeval([cases[0].item, broken], { maxNewTokens: 8 });
    expect(plan.requests.map((r) => r.id)).toEqual(['1:0:generate']);
    expect(plan.skipped).toEqual([{ itemId: 9, ability: 'ifeval', reason: expect.stringContaining('kwargs: has 0 entries but instruction_id_list has 1') }]);
    expect(() => plan.score(new Map())).toThrow('no result for request 1:0:generate (item 1, ifeval)');
    expect(() => planIfeval([cases[0].item, cases[0].item], { maxNewTokens: 8 })).toThrow('item 1 is given twice');
  });
});
