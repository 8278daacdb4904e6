import { describe, expect, it } from 'vitest';
import { charLength, countNearDuplicates, lengthStats } from './coverage';

const SETTINGS = { threshold: 0.8, numPerm: 64, ngram: 5 };

describe('coverage helpers (issue 15 item 6)', () => {
  it('counts characters as code points: CJK and astral characters are one each', () => {
    expect(charLength('秦汉史')).toBe(3);
    expect(charLength('a😀b')).toBe(3);
  });

  it('takes nearest-rank percentiles and bins lengths with the last bin open', () => {
    const s = lengthStats([10, 60, 60, 5000, 49, 50]);
    expect(s).toMatchObject({ count: 6, p50: 50, p90: 5000, max: 5000 });
    expect(s.bins.map((b) => b.count)).toEqual([2, 3, 0, 0, 0, 0, 0, 1]);
    expect(s.bins.at(-1)).toEqual({ from: 3200, to: null, count: 1 });
    expect(lengthStats([])).toMatchObject({ count: 0, p50: 0, p90: 0, max: 0 });
  });

  it('counts a repeat and a near repeat of an earlier text, not unrelated ones', () => {
    const a = 'Explain how the process of natural selection leads to the adaptation of populations to their environments over many generations.';
    const texts = [a, '汉武帝为什么要推行盐铁官营政策？请结合当时的财政状况说明。', a, `${a} `, 'What is the role of mitochondria in cellular respiration?'];
    expect(countNearDuplicates(texts, SETTINGS)).toBe(2);
    expect(countNearDuplicates(['光的折射现象是如何产生的？', '牛顿第三定律在火箭发射中如何体现？'], SETTINGS)).toBe(0);
  });
});
