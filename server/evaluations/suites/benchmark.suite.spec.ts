import { describe, expect, it } from 'vitest';
import type { BackendResult, LoglikelihoodRequest } from '../backends/backend.types';
import { EXEMPLARS_PER_SUBSET, planBenchmark } from './benchmark.suite';
import type { EvalItem } from './suite.types';

function cmmlu(itemId: number, subset: string, question: string, gold: string): EvalItem {
  return {
    itemId,
    ability: subset,
    split: 'test',
    messages: [{ role: 'user', content: question }],
    questionFormat: 0,
    answerType: 'single_choice',
    gold,
    choices: null,
    meta: { benchmark: 'cmmlu', subset, subjectName: subset === 'chinese_history' ? '中国历史' : '逻辑学', question, options: ['甲', '乙', '丙', '丁'] },
  };
}

const history = Array.from({ length: 7 }, (_, i) => cmmlu(100 + i, 'chinese_history', `历史题${i}`, 'ABCD'[i % 4]));
const logic = Array.from({ length: 6 }, (_, i) => cmmlu(200 + i, 'logical', `逻辑题${i}`, 'D'));

describe(planBenchmark.name, () => {
  it('holds the first five items of each subset out as exemplars and scores the same items 0- and 5-shot', () => {
    const zero = planBenchmark('cmmlu', [...history, ...logic], 0);
    const five = planBenchmark('cmmlu', [...history, ...logic], 5);
    const items = (ids: string[]) => [...new Set(ids.map((id) => id.split(':')[0]))];
    expect(items(zero.requests.map((r) => r.id))).toEqual(['105', '106', '205']);
    expect(items(five.requests.map((r) => r.id))).toEqual(['105', '106', '205']);
    expect(zero.requests.map((r) => r.id).slice(0, 4)).toEqual(['105:0:A', '105:0:B', '105:0:C', '105:0:D']);
    expect(five.requests[0].id).toBe('105:5:A');
    expect(zero.skipped?.map((s) => s.itemId)).toEqual([100, 101, 102, 103, 104, 200, 201, 202, 203, 204]);
    expect(EXEMPLARS_PER_SUBSET).toBe(5);
  });

  it('writes the CMMLU prompt in one user turn; the continuation is the letter', () => {
    const [a, b] = planBenchmark('cmmlu', history, 0).requests as LoglikelihoodRequest[];
    expect(a.context).toBe('<user>以下是关于中国历史的单项选择题，请直接给出正确答案的选项。\n\n题目：历史题5\nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案是：<eot><assistant>');
    expect([a.continuation, b.continuation]).toEqual(['A', 'B']);
    const five = planBenchmark('cmmlu', history, 5).requests[0] as LoglikelihoodRequest;
    const exemplar = (i: number) => `题目：历史题${i}\nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案是：${'ABCD'[i % 4]}\n\n`;
    expect(five.context).toBe(
      `<user>以下是关于中国历史的单项选择题，请直接给出正确答案的选项。\n\n${[0, 1, 2, 3, 4].map(exemplar).join('')}题目：历史题5\nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案是：<eot><assistant>`,
    );
  });

  it('writes AGIEval zero-shot as one turn and few-shot as a conversation with the gold letters', () => {
    const agi = (itemId: number, passage: string | null, question: string, gold: string): EvalItem => ({
      ...cmmlu(itemId, 'logiqa-zh', question, gold),
      meta: { benchmark: 'agieval', subset: 'logiqa-zh', passage, question, options: ['(A)一', '(B)二', '(C)三 ', 'D．四'] },
    });
    const items = [0, 1, 2, 3, 4, 5].map((i) => agi(300 + i, i % 2 ? '短文。' : null, `问${i}？`, 'B'));
    const zero = planBenchmark('agieval', items, 0).requests[0] as LoglikelihoodRequest;
    expect(zero.context).toBe('<user>短文。问题：问5？ 选项：(A)一 (B)二 (C)三  D．四\n答案：从A到D, 我们应选择<eot><assistant>');
    const five = planBenchmark('agieval', items, 5).requests[0] as LoglikelihoodRequest;
    // DoIT joins `passage + " " + question`: with no passage the question follows "问题 n.   " after four spaces
    const turn = (n: number, passage: string, q: string) => `<user>问题 ${n}.   ${passage} ${q}\n从以下选项中选择:    (A)一 (B)二 (C)三  D．四\n答案：从A到D, 我们应选择<eot>`;
    expect(turn(1, '', '问0？')).toContain('问题 1.    问0？');
    expect(five.context).toBe(
      turn(1, '', '问0？') + '<assistant>B<eot>' +
        turn(2, '短文。', '问1？') + '<assistant>B<eot>' +
        turn(3, '', '问2？') + '<assistant>B<eot>' +
        turn(4, '短文。', '问3？') + '<assistant>B<eot>' +
        turn(5, '', '问4？') + '<assistant>B<eot>' +
        turn(6, '短文。', '问5？') + '<assistant>',
    );
  });

  it('answers with the most likely letter, scores it against the gold, expected 1/options, ability = subset', () => {
    const plan = planBenchmark('cmmlu', history, 5);
    const lp = (id: string, logprob: number): [string, BackendResult] => [id, { id, logprob, tokens: 1, greedy: false }];
    const results = new Map([
      lp('105:5:A', -2), lp('105:5:B', -0.5), lp('105:5:C', -1), lp('105:5:D', -3), // gold B
      lp('106:5:A', -1), lp('106:5:B', -1), lp('106:5:C', -1), lp('106:5:D', -1), // gold C; a tie goes to A
    ]);
    const [right, tie] = plan.score(results);
    expect(right).toEqual({
      itemId: 105,
      suite: 'cmmlu',
      ability: 'chinese_history',
      split: 'test',
      shots: 5,
      answer: 'B',
      parsed: 'B',
      score: 1,
      expected: 0.25,
      details: { via: 'option-loglikelihood', gold: 'B', optionLogprobs: { A: -2, B: -0.5, C: -1, D: -3 }, exemplars: [100, 101, 102, 103, 104] },
    });
    expect(tie).toMatchObject({ itemId: 106, answer: 'A', score: 0 });
    results.delete('106:5:C');
    expect(() => plan.score(results)).toThrow('no result for request 106:5:C (item 106, chinese_history)');
  });

  it('refuses items it cannot prompt, naming them', () => {
    const noOptions = { ...history[6], meta: { ...history[6].meta, options: null } };
    expect(() => planBenchmark('cmmlu', [noOptions], 0)).toThrow('cmmlu item 106 (chinese_history): meta.options must list at least two option texts');
    expect(() => planBenchmark('agieval', history, 0)).toThrow("agieval item 100 (chinese_history) belongs to benchmark 'cmmlu'");
    expect(() => planBenchmark('cmmlu', [{ ...history[0], gold: 'E' }], 0)).toThrow("gold 'E' is not one of ABCD");
  });
});

describe(`${planBenchmark.name}: out-of-domain multiple-choice sets (issue 15 item 8)`, () => {
  /** A C-Eval row as the ceval adapter imports it: dev rows are exemplars. */
  const ceval = (itemId: number, split: 'dev' | 'val', question: string, gold: string, suite: 'ceval' | 'mcq' = 'ceval'): EvalItem => ({
    itemId,
    ability: 'logic',
    split: 'test',
    messages: [{ role: 'user', content: question }],
    questionFormat: 0,
    answerType: 'single_choice',
    gold,
    choices: null,
    meta: { benchmark: suite, subset: 'logic', split, exemplar: split === 'dev', question, options: ['甲', '乙', '丙', '丁'] },
  });
  // the val file imported before the dev file: exemplars are found by meta.exemplar, not by their place
  const logic = [ceval(1, 'val', '验证题1', 'A'), ceval(2, 'val', '验证题2', 'B'), ceval(3, 'val', '验证题3', 'C'), ceval(10, 'dev', '开发题1', 'D'), ceval(11, 'dev', '开发题2', 'B')];
  const ids = (plan: { requests: Array<{ id: string }> }) => [...new Set(plan.requests.map((r) => Number(r.id.split(':')[0])))];

  it('takes the dev rows as the exemplars: never scored, in the 5-shot prompt (C-Eval’s own prompt), absent from the 0-shot one', () => {
    const zero = planBenchmark('ceval', logic, 0);
    const five = planBenchmark('ceval', logic, 5);
    expect(ids(zero)).toEqual([1, 2, 3]);
    expect(ids(five)).toEqual([1, 2, 3]);
    expect(zero.skipped).toEqual([10, 11].map((itemId) => ({ itemId, ability: 'logic', reason: 'a dev item of logic (a few-shot exemplar), never scored' })));
    const question = '验证题1\nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案：';
    expect((zero.requests[0] as LoglikelihoodRequest).context).toBe(`<user>以下是中国关于logic考试的单项选择题，请选出其中的正确答案。\n\n${question}<eot><assistant>`);
    expect((five.requests[0] as LoglikelihoodRequest).context).toBe(
      `<user>以下是中国关于logic考试的单项选择题，请选出其中的正确答案。\n\n开发题1\nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案：D\n\n开发题2\nA. 甲\nB. 乙\nC. 丙\nD. 丁\n答案：B\n\n${question}<eot><assistant>`,
    );
    for (const r of zero.requests as LoglikelihoodRequest[]) expect(r.context).not.toContain('开发题');
    const results = new Map((five.requests as LoglikelihoodRequest[]).map((r) => [r.id, { id: r.id, logprob: r.continuation === 'A' ? -0.1 : -2, tokens: 1, greedy: false }]));
    const verdicts = five.score(results);
    expect(verdicts.map((v) => [v.itemId, v.suite, v.ability, v.shots, v.score])).toEqual([
      [1, 'ceval', 'logic', 5, 1],
      [2, 'ceval', 'logic', 5, 0],
      [3, 'ceval', 'logic', 5, 0],
    ]);
    expect(verdicts[0].details.exemplars).toEqual([10, 11]);
  });

  it('falls back to the first five items of a set without a dev file, held out of both settings; an mcq set is prompted as CMMLU, named by its subset', () => {
    const set = Array.from({ length: 7 }, (_, k) => ({ ...ceval(20 + k, 'val', `题${k}`, 'A', 'mcq'), meta: { benchmark: 'mcq', subset: 'logic', split: 'test', exemplar: false, question: `题${k}`, options: ['甲', '乙'] } }));
    const zero = planBenchmark('mcq', set, 0);
    const five = planBenchmark('mcq', set, 5);
    expect(ids(zero)).toEqual([25, 26]);
    expect(ids(five)).toEqual([25, 26]);
    expect(zero.skipped?.map((s) => s.itemId)).toEqual([20, 21, 22, 23, 24]);
    expect((zero.requests as LoglikelihoodRequest[]).map((r) => r.continuation)).toEqual(['A', 'B', 'A', 'B']);
    expect((zero.requests[0] as LoglikelihoodRequest).context).toBe('<user>以下是关于logic的单项选择题，请直接给出正确答案的选项。\n\n题目：题5\nA. 甲\nB. 乙\n答案是：<eot><assistant>');
    expect((five.requests[0] as LoglikelihoodRequest).context).toContain('题目：题4\nA. 甲\nB. 乙\n答案是：A\n\n题目：题5');
  });
});
