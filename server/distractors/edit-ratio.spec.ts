import { describe, expect, it } from 'vitest';
import { editRatio, levenshtein } from './edit-ratio';

describe(editRatio.name, () => {
  it('is 0 for identical texts and 1 for texts with nothing in common', () => {
    expect(editRatio('刘邦建立汉朝', '刘邦建立汉朝')).toBe(0);
    expect(editRatio('abc', 'xyz')).toBe(1);
    expect(editRatio('', '')).toBe(0);
  });

  it('counts edits over the longer text', () => {
    expect(editRatio('公元前202年', '公元前206年')).toBeCloseTo(1 / 7, 10);
    expect(editRatio('kitten', 'sitting')).toBeCloseTo(3 / 7, 10);
  });

  it('treats a character outside the BMP (CJK Extension B) as one character, not two', () => {
    expect(editRatio('𠀀汉', '𠀁汉')).toBe(0.5);
    expect(levenshtein(Array.from('𠀀'), Array.from('中'))).toBe(1);
  });
});
