import { describe, expect, it } from 'vitest';
import { scottPi } from './contingency';
import { fleissKappa } from './fleiss-kappa';
import { ARTSTEIN_POESIO_2, DISTRIB_6_RATERS, FLEISS_1971, PLATFORM_SCALE, PREVALENCE_PARADOX } from './golden-vectors';
import { unitsFromTable } from './units';

describe(fleissKappa.name, () => {
  it('vector 4 (Fleiss 1971; DKPro Fleiss1971Test): P̄ 0.5556, P̄_e 0.2199, κ 0.430', () => {
    const kappa = fleissKappa(FLEISS_1971);
    expect(kappa.raters).toBe(6);
    expect(kappa.observed).toBeCloseTo(0.5556, 4);
    expect(kappa.expected).toBeCloseTo(0.2199, 4);
    expect(kappa.value).toBeCloseTo(0.43, 3);
  });

  it('vector 4 (Fleiss 1971): per-category κ 0.248, 0.248, 0.517, 0.470, 0.565 within DKPro’s 0.005', () => {
    // The paper computed these from p_j rounded to 3 decimals, so they are off by up to 0.0032; DKPro's
    // test allows 0.005 for that reason.
    const perCategory = fleissKappa(FLEISS_1971).perCategory as number[];
    [0.248, 0.248, 0.517, 0.47, 0.565].forEach((k, c) => expect(Math.abs(perCategory[c] - k)).toBeLessThan(0.005));
  });

  it('vector 4 (Fleiss 1971) exactly: per-category κ 0.245, 0.245, 0.520, 0.471, 0.566 (R irr kappam.fleiss(diagnoses, detail = TRUE), via pyirr’s tests)', () => {
    const perCategory = fleissKappa(FLEISS_1971).perCategory as number[];
    [0.245, 0.245, 0.52, 0.471, 0.566].forEach((k, c) => expect(perCategory[c]).toBeCloseTo(k, 3));
  });

  it('irrCAC README fleiss.kappa.dist(distrib.6raters): κ 0.4139265, pa 0.5511111, pe 0.2340741', () => {
    const kappa = fleissKappa(DISTRIB_6_RATERS);
    expect(kappa.value).toBeCloseTo(0.4139265, 7);
    expect(kappa.observed).toBeCloseTo(0.5511111, 7);
    expect(kappa.expected).toBeCloseTo(0.2340741, 7);
  });

  it('vector 9 (Gwet prevalence paradox): with 2 raters it is Scott’s π, 0.3143', () => {
    expect(fleissKappa(unitsFromTable(PREVALENCE_PARADOX)).value).toBeCloseTo(0.3143, 4);
    expect(fleissKappa(unitsFromTable(ARTSTEIN_POESIO_2)).value).toBeCloseTo(scottPi(ARTSTEIN_POESIO_2).value as number, 12);
  });

  it('weighted units give the same κ as the units written out', () => {
    const written = FLEISS_1971.flatMap((u) => [u, u, u]);
    const weighted = FLEISS_1971.map((u) => ({ ...u, weight: 3 }));
    expect(fleissKappa(weighted).value).toBeCloseTo(fleissKappa(written).value as number, 12);
    expect(fleissKappa(PLATFORM_SCALE).value).toBeCloseTo(scottPi([[600_000, 40_000], [40_000, 20_000]]).value as number, 12);
  });

  it('vector 10: perfect agreement on one category gives κ 1 and per-category 1', () => {
    const kappa = fleissKappa([{ counts: [0, 3], weight: 10 }]);
    expect(kappa.value).toBe(1);
    expect(kappa.perCategory).toEqual([1, 1]);
  });

  it('vector 10: no units, or one rater per unit, is undefined (null)', () => {
    expect(fleissKappa([]).value).toBeNull();
    expect(fleissKappa([{ counts: [1, 0], weight: 4 }])).toEqual({ value: null, observed: null, expected: null, perCategory: [null, null], raters: 1 });
    expect(fleissKappa([{ counts: [1, 1], weight: 0 }]).value).toBeNull();
  });

  it('needs the same number of raters on every rated unit', () => {
    expect(() => fleissKappa([{ counts: [2, 0], weight: 1 }, { counts: [2, 1], weight: 1 }])).toThrow(RangeError);
    expect(fleissKappa([{ counts: [2, 0], weight: 1 }, { counts: [0, 0], weight: 1 }, { counts: [1, 1], weight: 1 }]).raters).toBe(2);
  });
});
