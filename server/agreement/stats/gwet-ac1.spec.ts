import { describe, expect, it } from 'vitest';
import { ABSTRACTORS, DISTRIB_6_RATERS, KRIPPENDORFF_12_UNITS, PLATFORM_SCALE, PREVALENCE_PARADOX } from './golden-vectors';
import { gwetAc1, gwetAc1Table } from './gwet-ac1';
import { unitsFromRatings, unitsFromTable } from './units';

describe(gwetAc1Table.name, () => {
  it('vector 9 (Gwet prevalence paradox, irrCAC fixture in DKPro): agreement 0.85, p_e 0.21875, AC1 0.808', () => {
    const ac1 = gwetAc1Table(PREVALENCE_PARADOX);
    expect(ac1.observed).toBeCloseTo(0.85, 2);
    expect(ac1.expected).toBeCloseTo(0.21875, 5);
    expect(ac1.value).toBeCloseTo(0.808, 3);
  });

  it('irrCAC README gwet.ac1.table(cont3x3abstractors): 0.8493305', () => {
    expect(gwetAc1Table(ABSTRACTORS).value).toBeCloseTo(0.8493305, 7);
  });

  it('vector 10: perfect agreement is 1; one category is 1; an empty table is undefined', () => {
    expect(gwetAc1Table([[9, 0], [0, 0]]).value).toBe(1);
    expect(gwetAc1Table([[9]]).value).toBe(1);
    expect(gwetAc1Table([[0, 0], [0, 0]])).toEqual({ value: null, observed: null, expected: null });
  });
});

describe(gwetAc1.name, () => {
  it('vector 9 (Gwet prevalence paradox) as weighted units: p_e 0.21875, AC1 0.808', () => {
    const ac1 = gwetAc1(unitsFromTable(PREVALENCE_PARADOX));
    expect(ac1.expected).toBeCloseTo(0.21875, 5);
    expect(ac1.value).toBeCloseTo(0.808, 3);
  });

  it('vector 5 data with missing ratings (irrCAC README gwet.ac1.raw(cac.raw4raters)): pa 0.8181818, pe 0.1903212, AC1 0.77544', () => {
    const ac1 = gwetAc1(unitsFromRatings(KRIPPENDORFF_12_UNITS).units);
    expect(ac1.observed).toBeCloseTo(0.8181818, 7);
    expect(ac1.expected).toBeCloseTo(0.1903212, 7);
    expect(ac1.value).toBeCloseTo(0.77544, 5);
  });

  it('irrCAC README gwet.ac1.dist(distrib.6raters): AC1 0.4448007, pa 0.5511111, pe 0.1914815', () => {
    const ac1 = gwetAc1(DISTRIB_6_RATERS);
    expect(ac1.value).toBeCloseTo(0.4448007, 7);
    expect(ac1.observed).toBeCloseTo(0.5511111, 7);
    expect(ac1.expected).toBeCloseTo(0.1914815, 7);
  });

  it('weighted patterns equal the two-rater table form', () => {
    expect(gwetAc1(PLATFORM_SCALE).value).toBeCloseTo(gwetAc1Table([[600_000, 40_000], [40_000, 20_000]]).value as number, 12);
  });

  it('vector 10: perfect agreement is 1; no unit with 2 ratings is undefined', () => {
    expect(gwetAc1([{ counts: [3, 0], weight: 2 }]).value).toBe(1);
    expect(gwetAc1([{ counts: [1, 0], weight: 2 }])).toEqual({ value: null, observed: null, expected: null });
    expect(gwetAc1([]).value).toBeNull();
  });
});
