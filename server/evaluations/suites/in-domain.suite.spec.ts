import { describe, expect, it } from 'vitest';
import type { BackendResult, GenerateRequest, LoglikelihoodRequest } from '../backends/backend.types';
import { planInDomain } from './in-domain.suite';
import type { EvalItem } from './suite.types';

function item(overrides: Partial<EvalItem> & Pick<EvalItem, 'itemId'>): EvalItem {
  return {
    ability: 'history',
    split: 'valid',
    messages: [
      { role: 'user', content: '问题' },
      { role: 'assistant', content: '回答' },
    ],
    questionFormat: 0,
    answerType: 'single_choice',
    gold: 'A',
    choices: null,
    meta: {},
    ...overrides,
  };
}

const singleChoice = item({
  itemId: 1,
  messages: [
    { role: 'user', content: '秦朝选用啬夫的是\nA. 太尉\nB. 皇帝\nC. 郡守、县令' },
    { role: 'assistant', content: 'C' },
  ],
  gold: 'C',
  meta: { options: ['太尉', '皇帝', '郡守、县令'] },
});
const trueFalse = item({ itemId: 2, answerType: 'true_false', gold: '错误', messages: [{ role: 'user', content: '判断：光合作用不需要光。' }, { role: 'assistant', content: '错误' }] });
const multi = item({ itemId: 3, answerType: 'multi_choice', gold: 'ACD' });
const math = item({ itemId: 4, ability: 'cot_math', answerType: 'math', gold: '\\frac{1}{2}' });
const cloze = item({ itemId: 5, ability: 'chinese', answerType: 'cloze', gold: '春眠不觉晓' });
const open = item({
  itemId: 6,
  split: 'test',
  ability: 'creative_writing',
  questionFormat: 1,
  answerType: 'open',
  gold: null,
  messages: [
    { role: 'user', content: '写一句关于秋天的诗' },
    { role: 'assistant', content: '秋风萧瑟天气凉' },
  ],
  choices: ['秋风萧瑟天气凉', '春风萧瑟天气凉', '我喜欢吃苹果'],
});

describe(planInDomain.name, () => {
  const plan = planInDomain([singleChoice, trueFalse, multi, math, cloze, open], { maxNewTokens: 64 });

  it('asks one generation per exact-match item (letters for single choice) and three log-likelihoods per open-ended item', () => {
    expect(plan.suite).toBe('in-domain');
    expect(plan.requests.map((r) => r.id)).toEqual(['1:0:generate', '2:0:generate', '3:0:generate', '4:0:generate', '5:0:generate', '6:0:gold', '6:0:fine', '6:0:coarse']);
    const first = plan.requests[0] as GenerateRequest;
    expect(first).toEqual({
      kind: 'generate',
      id: '1:0:generate',
      context: '<user>秦朝选用啬夫的是\nA. 太尉\nB. 皇帝\nC. 郡守、县令<eot><assistant>',
      maxTokens: 64,
      candidates: ['A', 'B', 'C'],
    });
    expect((plan.requests[1] as GenerateRequest).candidates).toBeUndefined();
    const fine = plan.requests[6] as LoglikelihoodRequest;
    expect(fine).toEqual({ kind: 'loglikelihood', id: '6:0:fine', context: '<user>写一句关于秋天的诗<eot><assistant>', continuation: '春风萧瑟天气凉<eot>' });
    expect(plan.skipped).toEqual([]);
  });

  const answers = (overrides: Record<string, BackendResult> = {}) =>
    new Map<string, BackendResult>(
      Object.entries({
        '1:0:generate': { id: '1:0:generate', text: ' C ', candidateLogprobs: { A: -0.1, B: -3, C: -4 } },
        '2:0:generate': { id: '2:0:generate', text: '这个说法是错的。' },
        '3:0:generate': { id: '3:0:generate', text: '分析如下……\n答案：D、A、C' },
        '4:0:generate': { id: '4:0:generate', text: '所以 $x = \\boxed{\\dfrac{1}{2}}$，也不是 \\boxed{3}？不，最终 \\boxed{\\frac12}' },
        '5:0:generate': { id: '5:0:generate', text: '春眠不觉晓' },
        '6:0:gold': { id: '6:0:gold', logprob: -6, tokens: 8, greedy: false },
        '6:0:fine': { id: '6:0:fine', logprob: -4, tokens: 8, greedy: false },
        '6:0:coarse': { id: '6:0:coarse', logprob: -30, tokens: 7, greedy: false },
        ...overrides,
      }),
    );

  it('gives the DoIT verdicts, expected scores and what the model answered', () => {
    const scored = plan.score(answers());
    const byId = new Map(scored.map((s) => [s.itemId, s]));
    // a one-letter answer is read as text even though the logits prefer A
    expect(byId.get(1)).toMatchObject({ suite: 'in-domain', split: 'valid', shots: 0, answer: ' C ', parsed: 'C', score: 1, details: { via: 'text', choiceCount: 3 } });
    expect(byId.get(1)!.expected).toBeCloseTo(1 / 3, 12);
    // 错 is a false word, 对 absent: F, and the gold 错误 is F
    expect(byId.get(2)).toMatchObject({ parsed: 'F', score: 1, expected: 0.5 });
    expect(byId.get(3)).toMatchObject({ parsed: 'ACD', score: 1 });
    expect(byId.get(3)!.expected).toBeCloseTo(1 / 4, 12); // 1 / C(4, 3)
    // the last \boxed{} counts, \frac12 ≡ \frac{1}{2}
    expect(byId.get(4)).toMatchObject({ ability: 'cot_math', score: 1, expected: 0 });
    expect(byId.get(5)).toMatchObject({ parsed: '春眠不觉晓', score: 1, expected: 0 });
  });

  it('ranks the open-ended options by perplexity and answers with the one ranked first', () => {
    const open6 = plan.score(answers()).find((s) => s.itemId === 6)!;
    // gold PPL e^0.75 > fine PPL e^0.5: the fine distractor wins
    expect(open6).toMatchObject({ split: 'test', answer: '春风萧瑟天气凉', parsed: 'fine', score: 0, details: { via: 'perplexity' } });
    expect(open6.expected).toBeCloseTo(1 / 3, 12);
    const ppl = open6.details.perplexities as Record<string, number>;
    expect(ppl.gold).toBeCloseTo(Math.exp(0.75), 12);
    expect(ppl.fine).toBeCloseTo(Math.exp(0.5), 12);
    const won = plan.score(answers({ '6:0:fine': { id: '6:0:fine', logprob: -6, tokens: 8, greedy: false } })).find((s) => s.itemId === 6)!;
    expect(won).toMatchObject({ answer: '秋风萧瑟天气凉', parsed: 'gold', score: 1 }); // a tie goes to the gold
  });

  it('falls back to the first-token letter logits when the generation is not one letter', () => {
    const scored = plan.score(answers({ '1:0:generate': { id: '1:0:generate', text: '我认为是郡守', candidateLogprobs: { A: -2, B: -3, C: -0.2 } } }));
    expect(scored[0]).toMatchObject({ answer: '我认为是郡守', parsed: 'C', score: 1, details: { via: 'logits', candidateLogprobs: { A: -2, B: -3, C: -0.2 } } });
    const wrong = plan.score(answers({ '1:0:generate': { id: '1:0:generate', text: '不知道', candidateLogprobs: { A: -0.5, B: -3, C: -2 } } }));
    expect(wrong[0]).toMatchObject({ parsed: 'A', score: 0, details: { via: 'logits' } });
  });

  it('throws naming the request and the item when a result is missing or of the wrong kind', () => {
    const missing = answers();
    missing.delete('6:0:coarse');
    expect(() => plan.score(missing)).toThrow('no result for request 6:0:coarse (item 6, creative_writing)');
    expect(() => plan.score(answers({ '2:0:generate': { id: '2:0:generate', logprob: -1, tokens: 1, greedy: true } }))).toThrow(
      'request 2:0:generate (item 2, history) is a generate request, but its result has no text',
    );
  });

  it('skips, with a reason, an open-ended item without its distractors, and refuses an item given twice', () => {
    const bare = { ...open, itemId: 7, choices: null };
    const partial = planInDomain([bare, cloze], { maxNewTokens: 8 });
    expect(partial.requests.map((r) => r.id)).toEqual(['5:0:generate']);
    expect(partial.skipped).toEqual([{ itemId: 7, ability: 'creative_writing', reason: expect.stringContaining('[gold, fine distractor, coarse distractor]') }]);
    expect(partial.score(new Map([['5:0:generate', { id: '5:0:generate', text: '夜来风雨声' }]]))).toMatchObject([{ itemId: 5, score: 0 }]);
    expect(() => planInDomain([cloze, cloze], { maxNewTokens: 8 })).toThrow('item 5 is given twice');
  });
});

describe(`${planInDomain.name}: the gold answers' loss (issue 13 item 4's L_i)`, () => {
  const testChoice = { ...singleChoice, itemId: 11, split: 'test' as const };
  const testCloze = { ...cloze, itemId: 12, split: 'test' as const };
  const results = new Map<string, BackendResult>(
    Object.entries({
      '1:0:generate': { id: '1:0:generate', text: 'C' },
      '11:0:generate': { id: '11:0:generate', text: 'B' },
      '11:0:gold': { id: '11:0:gold', logprob: -0.9, tokens: 2, greedy: false },
      '12:0:generate': { id: '12:0:generate', text: '春眠不觉晓' },
      '12:0:gold': { id: '12:0:gold', logprob: -33, tokens: 16, greedy: true },
      '6:0:gold': { id: '6:0:gold', logprob: -6, tokens: 8, greedy: false },
      '6:0:fine': { id: '6:0:fine', logprob: -4, tokens: 8, greedy: false },
      '6:0:coarse': { id: '6:0:coarse', logprob: -30, tokens: 7, greedy: false },
    }),
  );

  it('asks, by default, a log-likelihood of the gold answer (with <eot>) for exact-match test items only, and stores its per-token NLL', () => {
    const plan = planInDomain([singleChoice, testChoice, testCloze, open], { maxNewTokens: 8 });
    expect(plan.requests.map((r) => r.id)).toEqual(['1:0:generate', '11:0:generate', '11:0:gold', '12:0:generate', '12:0:gold', '6:0:gold', '6:0:fine', '6:0:coarse']);
    expect(plan.requests[2]).toEqual({ kind: 'loglikelihood', id: '11:0:gold', context: plan.requests[1].context, continuation: 'C<eot>' });
    expect((plan.requests[4] as LoglikelihoodRequest).continuation).toBe('春眠不觉晓<eot>');
    const byId = new Map(plan.score(results).map((s) => [s.itemId, s]));
    expect(byId.get(1)!.details.goldNll).toBeUndefined(); // a validation item: not asked
    expect(byId.get(11)!.details).toMatchObject({ goldNll: 0.45, goldTokens: 2 });
    expect(byId.get(11)).toMatchObject({ parsed: 'B', score: 0 }); // the verdict still comes from the generation
    expect(byId.get(12)!.details).toMatchObject({ goldNll: 33 / 16, goldTokens: 16 });
    // open-ended items have the gold's log-likelihood anyway: 6 nats over 8 tokens
    expect(byId.get(6)!.details.goldNll).toBe(0.75);
  });

  it("'all' asks it for validation items too, 'none' for no exact-match item", () => {
    const all = planInDomain([singleChoice, testChoice], { maxNewTokens: 8, goldLoss: 'all' });
    expect(all.requests.map((r) => r.id)).toEqual(['1:0:generate', '1:0:gold', '11:0:generate', '11:0:gold']);
    const none = planInDomain([singleChoice, testChoice], { maxNewTokens: 8, goldLoss: 'none' });
    expect(none.requests.map((r) => r.id)).toEqual(['1:0:generate', '11:0:generate']);
    expect(none.score(results).map((s) => s.details.goldNll)).toEqual([undefined, undefined]);
  });

  it('names the item when the gold answer’s log-likelihood is missing', () => {
    const plan = planInDomain([testChoice], { maxNewTokens: 8 });
    expect(() => plan.score(new Map([['11:0:generate', { id: '11:0:generate', text: 'C' }]]))).toThrow('no result for request 11:0:gold (item 11, history)');
  });
});
