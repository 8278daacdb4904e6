import { describe, expect, it } from 'vitest';
import { between, indexIn, int, itemAt, join, keys, letter, lettered, regex, scalarText, singleSpaces, trim, unlettered } from './text.transform';
import { TransformError } from './transform-error';

describe('text transforms', () => {
  it('trim strips surrounding whitespace only', () => {
    expect(trim('  a  b \n')).toBe('a  b');
  });

  it('singleSpaces collapses whitespace runs, NBSP included', () => {
    expect(singleSpaces('closed\u00a0qa')).toBe('closed qa');
    expect(singleSpaces(' open \t qa ')).toBe('open qa');
  });

  it('join uses a newline by default and accepts numbers', () => {
    expect(join(['男：你好', '女：好'])).toBe('男：你好\n女：好');
    expect(join(['a', 1], ', ')).toBe('a, 1');
    expect(() => join([{}])).toThrow(TransformError);
  });

  it('letter maps an index to a capital letter', () => {
    expect(letter(0)).toBe('A');
    expect(letter(3)).toBe('D');
    expect(() => letter(-1)).toThrow(TransformError);
    expect(() => letter(1.5)).toThrow(/0–25/);
  });

  it('lettered prefixes options with A., B., …', () => {
    expect(lettered(['x', 'y', 'z'])).toBe('A. x\nB. y\nC. z');
  });

  it('indexIn and itemAt look values up', () => {
    expect(indexIn('b', ['a', 'b'])).toBe(1);
    expect(indexIn('c', ['a', 'b'])).toBeNull();
    expect(itemAt(['a', 'b'], 1)).toBe('b');
    expect(itemAt(['a'], 5)).toBeNull();
    expect(() => itemAt(['a'], Number.NaN)).toThrow(TransformError);
  });

  it('between returns the text between the first start marker and the next end marker', () => {
    expect(between('x<!-- s -->mid<!-- e -->y<!-- e -->', '<!-- s -->', '<!-- e -->')).toBe('mid');
    expect(between('no markers', '<a>', '<b>')).toBeNull();
    expect(between('<a> but no end', '<a>', '<b>')).toBeNull();
  });

  it('regex returns a capture group of the first multiline match', () => {
    expect(regex('line\n# [11. 标题](url)', '^# \\[\\d+\\. (.+?)\\]')).toBe('标题');
    expect(regex('abc', '(b)(c)', 2)).toBe('c');
    expect(regex('abc', 'x(y)')).toBeNull();
  });

  it('int parses integers, leading zeros included', () => {
    expect(int('0011')).toBe(11);
    expect(int(7)).toBe(7);
    expect(() => int('1.5')).toThrow(TransformError);
  });

  it('keys lists object keys; scalarText stringifies scalars only', () => {
    expect(keys({ a: true, b: true })).toEqual(['a', 'b']);
    expect(scalarText(12)).toBe('12');
    expect(() => scalarText(null)).toThrow(/got null/);
  });
});

describe('unlettered', () => {
  it("drops each option's own letter prefix only", () => {
    expect(unlettered(['A.甲', 'B．乙', 'C、丙', 'D. 丁'])).toEqual(['甲', '乙', '丙', '丁']);
    expect(unlettered(['B.不是自己的字母', 'A.同上', 'x'])).toEqual(['B.不是自己的字母', 'A.同上', 'x']);
    expect(unlettered(['Apple', 'Banana'])).toEqual(['Apple', 'Banana']);
  });
});
