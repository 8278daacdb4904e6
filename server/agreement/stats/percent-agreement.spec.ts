import { describe, expect, it } from 'vitest';
import { percentAgreementTable } from './contingency';
import { ARTSTEIN_POESIO_1, ARTSTEIN_POESIO_2, FLEISS_1971, KRIPPENDORFF_12_UNITS, PLATFORM_SCALE, PREVALENCE_PARADOX } from './golden-vectors';
import { percentAgreement, unitAgreement } from './percent-agreement';
import { unitsFromRatings, unitsFromTable } from './units';

describe(unitAgreement.name, () => {
  it('vector 4 (Fleiss 1971): per-subject agreement as in DKPro Fleiss1971Test.testItemAgreement', () => {
    const expected = [
      1.0, 0.4, 0.4, 1.0, 0.4, 0.467, 0.467, 0.267, 0.467, 1.0, 0.667, 0.4, 0.4, 0.667, 0.267, 0.667, 0.267, 0.667, 0.467,
      0.267, 1.0, 0.667, 0.267, 0.467, 0.4, 0.667, 0.467, 0.467, 0.667, 1.0,
    ];
    FLEISS_1971.forEach((unit, i) => expect(unitAgreement(unit.counts)).toBeCloseTo(expected[i], 3));
  });

  it('is undefined for fewer than 2 ratings', () => {
    expect(unitAgreement([1, 0])).toBeNull();
    expect(unitAgreement([0, 0])).toBeNull();
  });
});

describe(percentAgreement.name, () => {
  it('vector 1 (Artstein & Poesio 2008 ex. 1) as weighted units: 0.70', () => {
    expect(percentAgreement(unitsFromTable(ARTSTEIN_POESIO_1))).toBeCloseTo(0.7, 2);
  });

  it('vector 2 (Artstein & Poesio 2008 ex. 2) as weighted units: 0.88', () => {
    expect(percentAgreement(unitsFromTable(ARTSTEIN_POESIO_2))).toBeCloseTo(0.88, 2);
  });

  it('vector 9 (Gwet prevalence paradox) as weighted units: 0.85', () => {
    expect(percentAgreement(unitsFromTable(PREVALENCE_PARADOX))).toBeCloseTo(0.85, 2);
  });

  it('vector 4 (Fleiss 1971): P̄ 0.5556', () => {
    expect(percentAgreement(FLEISS_1971)).toBeCloseTo(0.5556, 4);
  });

  it('vector 5 data, missing ratings (irrCAC README pa.coeff.raw(cac.raw4raters)): 0.8181818', () => {
    expect(percentAgreement(unitsFromRatings(KRIPPENDORFF_12_UNITS).units)).toBeCloseTo(0.8181818, 7);
  });

  it('weights patterns: 700,000 accept/reject units in 3 patterns', () => {
    expect(percentAgreement(PLATFORM_SCALE)).toBeCloseTo(620_000 / 700_000, 12);
    expect(percentAgreement(PLATFORM_SCALE)).toBeCloseTo(percentAgreementTable([[600_000, 40_000], [40_000, 20_000]]) as number, 12);
  });

  it('ignores single-rated and zero-weight units; undefined without a rated pair', () => {
    expect(percentAgreement([{ counts: [2, 0], weight: 3 }, { counts: [1, 0], weight: 100 }, { counts: [1, 1], weight: 0 }])).toBe(1);
    expect(percentAgreement([{ counts: [1, 0], weight: 5 }])).toBeNull();
    expect(percentAgreement([])).toBeNull();
  });

  it('rejects units with differing category counts or negative weights', () => {
    expect(() => percentAgreement([{ counts: [2, 0], weight: 1 }, { counts: [2], weight: 1 }])).toThrow(RangeError);
    expect(() => percentAgreement([{ counts: [2, 0], weight: -1 }])).toThrow(RangeError);
  });
});
