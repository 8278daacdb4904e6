import { describe, expect, it } from 'vitest';
import { answerTypeOf, boxed, lastLineLetters, statedChoice } from './answer.transform';

describe('answer transforms', () => {
  it('lastLineLetters takes every A–F letter of the last non-empty line, sorted and unique', () => {
    expect(lastLineLetters('A：不对；B：对。因此，\n本题选C。')).toBe('C');
    expect(lastLineLetters('解释……\n故本题选A和B。\n\n  ')).toBe('AB');
    expect(lastLineLetters('所以本题的答案是ABCD。')).toBe('ABCD');
    expect(lastLineLetters('选择回应 D 是比较合适的，B也可以，D最好。')).toBe('BD');
    expect(lastLineLetters('没有字母')).toBeNull();
    expect(lastLineLetters('')).toBeNull();
  });

  it('statedChoice reads explicit answer statements and ignores option discussion', () => {
    expect(statedChoice('A．表述正确；B．不合逻辑。\n\n因此答案为：A')).toBe('A');
    expect(statedChoice('……故选：B。')).toBe('B');
    expect(statedChoice('……故选择D。')).toBe('D');
    expect(statedChoice('答案是C')).toBe('C');
    expect(statedChoice('……故选CE。')).toBe('CE');
    expect(statedChoice('因此答案为：ED')).toBe('DE');
    expect(statedChoice('因此答案为：B ． ②③')).toBe('B');
    expect(statedChoice('故C项正确；……故D项错误。')).toBeNull();
    expect(statedChoice('答案为：DNA 分子')).toBeNull();
    expect(statedChoice('先说故选A，后又更正：答案为：B')).toBe('B');
  });

  it('answerTypeOf derives the answer type from a gold answer', () => {
    expect(answerTypeOf('B')).toBe('single_choice');
    expect(answerTypeOf('ACD')).toBe('multi_choice');
    expect(answerTypeOf('AA')).toBe('cloze');
    expect(answerTypeOf('正确')).toBe('true_false');
    expect(answerTypeOf('错')).toBe('true_false');
    expect(answerTypeOf('床前明月光')).toBe('cloze');
  });

  it('boxed returns the content of the last \\boxed{} with nested braces', () => {
    expect(boxed('so $\\boxed{2}$ then $\\boxed{\\frac{1}{2}}$.')).toBe('\\frac{1}{2}');
    expect(boxed('no box')).toBeNull();
    expect(boxed('\\boxed{unclosed')).toBeNull();
  });
});
