import { describe, expect, it } from 'vitest';
import { parseSingleChoice } from './choice-parsers';
import { expectedScore, scoreExactMatch } from './exact-match';
import { isMathEquiv, lastBoxed } from './math-answer';

describe(scoreExactMatch.name, () => {
  it('reads a one-letter single choice from the text, a longer one from the first-token logits over the candidates', () => {
    const item = { answerType: 'single_choice' as const, gold: 'B' };
    expect(scoreExactMatch(item, ' B\n')).toEqual({ parsed: 'B', score: 1, via: 'text' });
    expect(scoreExactMatch(item, '答案是B', { A: 2, B: 1, C: 0, D: 0 })).toEqual({ parsed: 'A', score: 0, via: 'logits' });
    expect(scoreExactMatch(item, '答案是A', { A: 0, B: 3, C: 0, D: 0 })).toEqual({ parsed: 'B', score: 1, via: 'logits' });
    expect(scoreExactMatch(item, '答案是B')).toEqual({ parsed: 'B', score: 1, via: 'text' });
    expect(scoreExactMatch(item, 'x', { B: 9 })).toEqual({ parsed: null, score: 0, via: 'text' });
  });

  it('breaks logit ties toward the earliest letter and ignores letters beyond the choice count', () => {
    expect(parseSingleChoice('C.', 4, { A: 1, B: 3, C: 3, D: 2 }).letter).toBe('B');
    expect(parseSingleChoice('C.', 3, { A: 1, B: 0, C: 0, D: 9 }).letter).toBe('A');
    expect(parseSingleChoice('好的', 3, { A: 1, B: 0 }).letter).toBe('A');
  });

  it('reads E and F as letters only for items with that many choices', () => {
    expect(parseSingleChoice('E').letter).toBeNull();
    expect(scoreExactMatch({ answerType: 'single_choice', gold: 'E', choiceCount: 5 }, 'E').score).toBe(1);
    expect(scoreExactMatch({ answerType: 'single_choice', gold: 'E', choiceCount: 5 }, '?').score).toBe(0);
  });

  it('compares multi-choice letter sets, order, duplicates and separators aside', () => {
    const item = { answerType: 'multi_choice' as const, gold: 'ACD' };
    for (const output of ['ACD', 'D, C, A', '(A)(C)(D)', 'A、C、D、A', '分析……\n答案：C和D和A\n\n']) {
      expect(scoreExactMatch(item, output).score).toBe(1);
    }
    expect(scoreExactMatch(item, 'AC').score).toBe(0);
    expect(scoreExactMatch(item, 'ACD\n所以选B').score).toBe(0);
    expect(scoreExactMatch(item, 'Answer: CD').score).toBe(1); // the A of "Answer" counts, as in DoIT
  });

  it('maps the Chinese and symbol true/false variants onto the gold', () => {
    const yes = { answerType: 'true_false' as const, gold: '正确' };
    const no = { answerType: 'true_false' as const, gold: '错' };
    for (const output of ['正确', '对', '√', 'V', 'T', 'True', '这个说法是对的']) expect(scoreExactMatch(yes, output).score).toBe(1);
    for (const output of ['错误', '错', '×', 'X', 'F', 'False', '这是错的']) expect(scoreExactMatch(no, output).score).toBe(1);
    expect(scoreExactMatch(yes, '对，但也有错')).toEqual({ parsed: null, score: 0, via: 'text' });
    expect(scoreExactMatch(yes, 'true').score).toBe(0);
    expect(() => scoreExactMatch({ answerType: 'true_false', gold: 'yes' }, '对')).toThrow(RangeError);
  });

  it('takes the first Chinese span of a cloze answer, with the punctuation behind it', () => {
    const item = { answerType: 'cloze' as const, gold: '春天' };
    expect(scoreExactMatch(item, '  春天 ').score).toBe(1);
    expect(scoreExactMatch(item, 'the answer is 春天').score).toBe(1);
    expect(scoreExactMatch(item, '春天。')).toMatchObject({ parsed: '春天。', score: 0 });
    expect(scoreExactMatch(item, '答案是：春天')).toMatchObject({ parsed: '答案是：', score: 0 });
  });

  it('scores math on the last boxed answer after normalization', () => {
    const half = { answerType: 'math' as const, gold: '\\frac{1}{2}' };
    for (const output of ['\\boxed{\\dfrac{1}{2}}', '所以 \\boxed{x = \\frac12}', '\\boxed{1/2}', '\\boxed{0.5}', '\\boxed{3} 不对，\\boxed{\\tfrac{1}{2}}']) {
      expect(scoreExactMatch(half, output).score).toBe(1);
    }
    expect(scoreExactMatch(half, '\\fbox{\\frac{1}{2}}')).toMatchObject({ parsed: null, score: 0 });
    expect(scoreExactMatch({ answerType: 'math', gold: '\\frac{\\pi}{2}' }, '\\boxed{\\frac{\\pi}{2}^\\circ}').score).toBe(1);
    expect(scoreExactMatch({ answerType: 'math', gold: '\\frac12' }, '\\boxed{\\frac{1}{2}\\text{ m}}').score).toBe(1);
    expect(scoreExactMatch({ answerType: 'math', gold: '50\\%' }, '\\boxed{50\\%}').score).toBe(1);
    // DoIT quirk: a plain number never reaches the normalized comparison (see isMathEquiv below)
    expect(scoreExactMatch({ answerType: 'math', gold: '90' }, '\\boxed{90^\\circ}').score).toBe(0);
  });

  it('finds the last boxed answer through nested braces', () => {
    expect(lastBoxed('\\boxed{1} and \\boxed{\\frac{\\sqrt{3}}{2}} done')).toBe('\\boxed{\\frac{\\sqrt{3}}{2}}');
    expect(lastBoxed('\\boxed{\\frac{1}{2}')).toBeNull();
    expect(lastBoxed('no box')).toBeNull();
  });

  it('compares numbers as raw strings, as DoIT does once its normalization raises on them', () => {
    expect(isMathEquiv('12', '12')).toBe(true);
    expect(isMathEquiv('50\\%', '50')).toBe(false);
    expect(isMathEquiv('5 ', '5')).toBe(false);
    expect(isMathEquiv('\\frac{1}{2}', '\\frac{1}{2} ')).toBe(true);
    expect(isMathEquiv(null, '5')).toBe(false);
  });
});

describe(expectedScore.name, () => {
  it('gives the random-guess score of each answer type', () => {
    expect(expectedScore({ answerType: 'single_choice', gold: 'A' })).toBe(0.25);
    expect(expectedScore({ answerType: 'single_choice', gold: 'A', choiceCount: 3 })).toBeCloseTo(1 / 3, 12);
    expect(expectedScore({ answerType: 'true_false', gold: '对' })).toBe(0.5);
    expect(expectedScore({ answerType: 'multi_choice', gold: 'AB' })).toBeCloseTo(1 / 6, 12);
    expect(expectedScore({ answerType: 'multi_choice', gold: 'ABC' })).toBe(0.25);
    expect(expectedScore({ answerType: 'multi_choice', gold: 'ABCD' })).toBe(1);
    expect(expectedScore({ answerType: 'multi_choice', gold: 'ACE', choiceCount: 6 })).toBe(1 / 20);
    expect(expectedScore({ answerType: 'cloze', gold: '春天' })).toBe(0);
    expect(expectedScore({ answerType: 'math', gold: '5' })).toBe(0);
    expect(expectedScore({ answerType: 'open', gold: null })).toBeCloseTo(1 / 3, 12);
  });
});
