import { describe, expect, it } from 'vitest';
import { NgramIndex } from './ngram-index';

describe(NgramIndex.name, () => {
  const test = '公元前二零二年，刘邦击败项羽，建立汉朝，定都长安。';

  it('finds a shared run of 13 Chinese characters, punctuation and width ignored', () => {
    const index = new NgramIndex<string>(13);
    index.add(test, 'test-1');
    const m = index.firstMatch('题目：据记载，刘邦击败项羽建立汉朝定都长安之后……');
    expect(m).toEqual({ ngram: '刘邦击败项羽建立汉朝定都长', ref: 'test-1' });
    expect([...m!.ngram]).toHaveLength(13);
  });

  it('does not match 12 shared characters', () => {
    const index = new NgramIndex<string>(13);
    index.add(test, 'test-1');
    expect(index.firstMatch('唐朝：刘邦击败项羽，建立汉朝，然后唐太宗登基')).toBeNull();
  });

  it('counts code points, not UTF-16 units (astral characters)', () => {
    const index = new NgramIndex<number>(3);
    index.add('𠀀𠀁𠀂𠀃', 1);
    expect(index.firstMatch('x𠀁𠀂𠀃y')).toEqual({ ngram: '𠀁𠀂𠀃', ref: 1 });
    expect(index.firstMatch('𠀀𠀁x')).toBeNull();
  });

  it('normalizes case and full-width letters like the import de-duplication', () => {
    const index = new NgramIndex<number>(5);
    index.add('The Quick Brown Fox', 7);
    expect(index.firstMatch('ＴＨＥ ＱＵＩＣＫ!')?.ref).toBe(7);
  });
});
