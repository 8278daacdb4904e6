import { describe, expect, it } from 'vitest';
import { scottPi } from './contingency';
import {
  ABSTRACTORS,
  ARTSTEIN_POESIO_2,
  DISTRIB_6_RATERS,
  KRIPPENDORFF_12_UNITS,
  KRIPPENDORFF_1980,
  PLATFORM_SCALE,
  PREVALENCE_PARADOX,
} from './golden-vectors';
import { coincidenceMatrix, krippendorffAlpha, krippendorffAlphaFromRatings, type MeasurementLevel } from './krippendorff-alpha';
import { compressUnits, unitsFromRatings, unitsFromTable } from './units';

const n = null;

describe(krippendorffAlphaFromRatings.name, () => {
  it('vector 5 (Krippendorff 2004/2011; NLTK 0.743421052632): nominal 0.7434', () => {
    const alpha = krippendorffAlphaFromRatings(KRIPPENDORFF_12_UNITS);
    expect(alpha.value).toBeCloseTo(0.7434, 4);
    expect(alpha.value).toBeCloseTo(0.743421052632, 9);
    expect(alpha.pairable).toBe(40);
  });

  it.each([
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ] as const)('vector 5 (Krippendorff 2004/2011): %s %d', (level, expected) => {
    expect(krippendorffAlphaFromRatings(KRIPPENDORFF_12_UNITS, { level }).value).toBeCloseTo(expected, 3);
  });

  it.each([
    ['nominal', 0.642],
    ['interval', 0.547],
    ['ratio', 0.483],
  ] as const)('vector 6 (Krippendorff 1980 p. 139): %s %d', (level, expected) => {
    expect(krippendorffAlphaFromRatings(KRIPPENDORFF_1980, { level }).value).toBeCloseTo(expected, 3);
  });

  it('vector 7 (NLTK test_easy): −0.3333, the single-coder item ignored', () => {
    const ratings = [
      ['YES', 'YES', 'NO'],
      ['NO', 'NO', n],
      ['NO', n, n],
    ];
    expect(krippendorffAlphaFromRatings(ratings).value).toBeCloseTo(-0.3333, 4);
  });

  it('vector 8 (NLTK #2865): missing values are not a category, α 1.0', () => {
    const ratings = [
      [1, 1, 2],
      [1, 1, n],
      [n, 1, 2],
    ];
    expect(krippendorffAlphaFromRatings(ratings).value).toBeCloseTo(1.0, 1);
    expect(krippendorffAlphaFromRatings(ratings).value).toBe(1);
  });

  it('vector 8 (NLTK #2865): counting missing as a category would give NLTK’s old 0.333', () => {
    const missingAsCategory = [
      [1, 1, 2],
      [1, 1, 'missing'],
      ['missing', 1, 2],
    ];
    expect(krippendorffAlphaFromRatings(missingAsCategory).value).toBeCloseTo(0.333, 3);
  });

  it('vector 10: all values the same is 1; nothing pairable is undefined', () => {
    expect(krippendorffAlphaFromRatings([[3, 3, n], [3, 3, 3]]).value).toBe(1);
    expect(krippendorffAlphaFromRatings([[1, n], [n, 2]])).toEqual({ value: null, observedDisagreement: null, expectedDisagreement: null, pairable: 0 });
    expect(krippendorffAlphaFromRatings([]).value).toBeNull();
  });

  it('needs numbers beyond the nominal level', () => {
    expect(() => krippendorffAlphaFromRatings([['a', 'b'], ['a', 'a']], { level: 'interval' })).toThrow(TypeError);
  });
});

describe(krippendorffAlpha.name, () => {
  it('vector 2 (Artstein & Poesio 2008 ex. 2): α 0.8005, D_o 0.120, D_e 0.601', () => {
    const alpha = krippendorffAlpha(unitsFromTable(ARTSTEIN_POESIO_2));
    expect(alpha.value).toBeCloseTo(0.8005, 4);
    expect(alpha.observedDisagreement).toBeCloseTo(0.12, 3);
    // D_e is (200² − 98² − 76² − 26²)/(200 · 199) = 0.6016…; the printed 0.601 is truncated, not rounded.
    expect(alpha.expectedDisagreement).toBeCloseTo(23_944 / 39_800, 12);
    expect(alpha.expectedDisagreement).toBeGreaterThanOrEqual(0.601);
    expect(alpha.expectedDisagreement).toBeLessThan(0.602);
  });

  it('vector 9 (Gwet prevalence paradox): α 0.3177', () => {
    expect(krippendorffAlpha(unitsFromTable(PREVALENCE_PARADOX)).value).toBeCloseTo(0.3177, 4);
  });

  it('irrCAC README: krippen2.table(cont3x3abstractors) 0.7972585, krippen.alpha.dist(distrib.6raters) 0.4204384', () => {
    expect(krippendorffAlpha(unitsFromTable(ABSTRACTORS)).value).toBeCloseTo(0.7972585, 7);
    expect(krippendorffAlpha(DISTRIB_6_RATERS).value).toBeCloseTo(0.4204384, 7);
  });

  it.each(['nominal', 'ordinal', 'interval', 'ratio'] as MeasurementLevel[])(
    'vector 5 (Krippendorff 2004/2011): %s from compressed count vectors equals the rater × unit matrix',
    (level) => {
      const { categories, units } = unitsFromRatings(KRIPPENDORFF_12_UNITS);
      const compressed = compressUnits(units);
      expect(compressed.length).toBeLessThan(units.length);
      const fromCounts = krippendorffAlpha(compressed, { level, values: categories });
      expect(fromCounts.value).toBeCloseTo(krippendorffAlphaFromRatings(KRIPPENDORFF_12_UNITS, { level }).value as number, 12);
    },
  );

  it('weights 700,000 accept/reject units in 3 patterns; α ≈ π (1 − 1/2n correction)', () => {
    const alpha = krippendorffAlpha(PLATFORM_SCALE);
    const n2 = 1_400_000;
    const pi = scottPi([[600_000, 40_000], [40_000, 20_000]]).value as number;
    expect(alpha.pairable).toBe(n2);
    expect(alpha.value).toBeCloseTo(1 - ((n2 - 1) / n2) * (1 - pi), 10);
  });

  it('vector 10: one category used throughout is 1; no unit with 2 values is undefined', () => {
    expect(krippendorffAlpha([{ counts: [0, 2], weight: 50 }]).value).toBe(1);
    expect(krippendorffAlpha([{ counts: [1, 0], weight: 50 }, { counts: [0, 1], weight: 50 }]).value).toBeNull();
    expect(krippendorffAlpha([]).value).toBeNull();
  });

  it('ratio metric treats a pair of zeros as no disagreement', () => {
    expect(krippendorffAlpha([{ counts: [2, 0], weight: 3 }, { counts: [0, 2], weight: 3 }], { level: 'ratio', values: [0, 4] }).value).toBe(1);
  });

  it('checks the category values', () => {
    expect(() => krippendorffAlpha([{ counts: [1, 1], weight: 1 }], { level: 'interval', values: [1] })).toThrow(RangeError);
  });
});

describe(coincidenceMatrix.name, () => {
  it('vector 5 data: symmetric coincidences with value frequencies 9, 13, 10, 5, 3 (40 pairable; unit 12 has one value)', () => {
    const o = coincidenceMatrix(unitsFromRatings(KRIPPENDORFF_12_UNITS).units);
    // Unit 1 (1, 1, 1) adds 2 · 3 / 2 = 3 to o_11, unit 8 (1, 1, 2, 1) 3 · 2 / 3 = 2, unit 11 (1, 1) 2 / 1 = 2.
    expect(o[0][0]).toBeCloseTo(7, 12);
    expect(o[0][1]).toBeCloseTo(4 / 3, 12);
    expect(o.map((row) => row.reduce((a, b) => a + b, 0))).toEqual([9, 13, 10, 5, 3].map((x) => expect.closeTo(x, 12)));
    o.forEach((row, c) => row.forEach((x, k) => expect(x).toBeCloseTo(o[k][c], 12)));
  });
});
