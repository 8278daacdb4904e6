import { describe, expect, it } from 'vitest';
import { applyAdapter } from '../adapter-engine';
import { noSharedData, readJsonLines, runSample, unsoundItems, warnIfNoSharedData } from '../real-samples.spec-helpers';
import { belleEvalAdapter } from './belle-eval.adapter';

warnIfNoSharedData('the belle_eval adapter');

const records = () => readJsonLines('belle_eval', 'eval_set.sample.json');

describe('belle_eval adapter', () => {
  it('routes role-play prompts, known classes and numeric math answers', () => {
    const apply = (question: string, cls: string, stdAnswer = '') => applyAdapter(belleEvalAdapter, { question, std_answer: stdAnswer, class: cls });
    expect(apply('请扮演一位老师，回答学生的问题。', 'open qa')).toMatchObject({ items: [{ ability: 'role_play', needsAnswer: true }] });
    expect(apply('作为一名导游，介绍故宫。', 'generation')).toMatchObject({ items: [{ ability: 'role_play' }] });
    expect(apply('他作为一名老师很称职吗？', 'open qa', '是')).toEqual({ kind: 'skipped', reason: 'no ability for class open qa and no default ability was given' });
    expect(apply('1+2=?', 'math', ' 3 ')).toMatchObject({ items: [{ ability: 'cot_math', questionFormat: 0, answerType: 'math', gold: '3' }] });
    expect(apply('鸡兔同笼……', 'math', '设鸡有x只……答：3只')).toMatchObject({ items: [{ questionFormat: 1, answerType: 'open', gold: null }] });
    expect(apply('这段话说了什么？', 'closed\u00a0qa', '说了天气')).toEqual({ kind: 'skipped', reason: 'no ability for class closed qa and no default ability was given' });
  });

  it.skipIf(noSharedData)('without a default ability keeps 155 of 300 records and names the class of the rest', () => {
    const run = runSample('belle_eval', records());
    expect([run.items.length, run.skipped.length, run.invalid.length]).toEqual([155, 145, 0]);
    expect(new Set(run.skipped)).toEqual(
      new Set(['open qa', 'classification', 'closed qa', 'extract', 'summarization'].map((c) => `no ability for class ${c} and no default ability was given`)),
    );
    const byAbility = (ability: string) => run.items.filter((i) => i.ability === ability).length;
    expect([byAbility('role_play'), byAbility('creative_writing'), byAbility('cot_math'), byAbility('code')]).toEqual([1, 121, 22, 11]);
    expect(unsoundItems(run.items)).toEqual([]);
  });

  it.skipIf(noSharedData)('with a default ability keeps all 300, marking the 111 without a reference answer', () => {
    const run = runSample('belle_eval', records(), { defaultAbility: 'chinese' });
    expect([run.items.length, run.skipped.length, run.invalid.length]).toEqual([300, 0, 0]);
    const needing = run.items.filter((i) => i.needsAnswer);
    expect(needing).toHaveLength(111);
    expect(needing.every((i) => i.messages[1].content === '')).toBe(true);
    expect(run.items.filter((i) => i.meta?.class === 'closed qa')).toHaveLength(16);
    expect(run.items.find((i) => i.ability === 'role_play')?.messages[0].content).toMatch(/^假设你是一名电话销售人员/);
  });
});
