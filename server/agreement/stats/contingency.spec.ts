import { describe, expect, it } from 'vitest';
import { bennettS, cohenKappa, percentAgreementTable, scottPi, tableMargins } from './contingency';
import { ABSTRACTORS, ARTSTEIN_POESIO_1, ARTSTEIN_POESIO_2, COHEN_1960, PREVALENCE_PARADOX } from './golden-vectors';

describe(percentAgreementTable.name, () => {
  it('vector 1 (Artstein & Poesio 2008 ex. 1): 0.70', () => {
    expect(percentAgreementTable(ARTSTEIN_POESIO_1)).toBeCloseTo(0.7, 2);
  });

  it('vector 2 (Artstein & Poesio 2008 ex. 2; NLTK avg Ao): 0.88', () => {
    expect(percentAgreementTable(ARTSTEIN_POESIO_2)).toBeCloseTo(0.88, 2);
  });

  it('vector 3 (Cohen 1960 ex. 2): p_o 0.70', () => {
    expect(percentAgreementTable(COHEN_1960)).toBeCloseTo(0.7, 2);
  });

  it('vector 9 (Gwet prevalence paradox): 0.85', () => {
    expect(percentAgreementTable(PREVALENCE_PARADOX)).toBeCloseTo(0.85, 2);
  });

  it('irrCAC README cont3x3abstractors pa2.table: 0.89', () => {
    expect(percentAgreementTable(ABSTRACTORS)).toBeCloseTo(0.89, 2);
  });

  it('is undefined for an empty table (vector 10)', () => {
    expect(percentAgreementTable([])).toBeNull();
    expect(percentAgreementTable([[0, 0], [0, 0]])).toBeNull();
  });

  it('rejects a table that is not square or has negative cells', () => {
    expect(() => percentAgreementTable([[1, 2]])).toThrow(RangeError);
    expect(() => percentAgreementTable([[1, -2], [0, 1]])).toThrow(RangeError);
  });
});

describe(bennettS.name, () => {
  it('vector 1 (Artstein & Poesio 2008 ex. 1): S 0.40', () => {
    expect(bennettS(ARTSTEIN_POESIO_1).value).toBeCloseTo(0.4, 2);
  });

  it('vector 2 (Artstein & Poesio 2008 ex. 2; NLTK S 0.82): S 0.82', () => {
    expect(bennettS(ARTSTEIN_POESIO_2).value).toBeCloseTo(0.82, 2);
  });

  it('irrCAC README cont3x3abstractors bp2.table: 0.835', () => {
    expect(bennettS(ABSTRACTORS).value).toBeCloseTo(0.835, 3);
  });
});

describe(scottPi.name, () => {
  it('vector 1 (Artstein & Poesio 2008 ex. 1): π 0.341, p_e 0.545', () => {
    const pi = scottPi(ARTSTEIN_POESIO_1);
    expect(pi.value).toBeCloseTo(0.341, 3);
    expect(pi.expected).toBeCloseTo(0.545, 3);
  });

  it('vector 2 (Artstein & Poesio 2008 ex. 2): π 0.7995; NLTK pi 0.79953', () => {
    expect(scottPi(ARTSTEIN_POESIO_2).value).toBeCloseTo(0.7995, 4);
    expect(scottPi(ARTSTEIN_POESIO_2).value).toBeCloseTo(0.79953, 5);
  });

  it('vector 9 (Gwet prevalence paradox): π 0.3143', () => {
    expect(scottPi(PREVALENCE_PARADOX).value).toBeCloseTo(0.3143, 4);
  });

  it('irrCAC README cont3x3abstractors scott2.table: 0.7962397', () => {
    expect(scottPi(ABSTRACTORS).value).toBeCloseTo(0.7962397, 7);
  });

  it('vector 10: perfect agreement on one category (p_e = 1) gives 1', () => {
    expect(scottPi([[0, 0], [0, 7]])).toEqual({ value: 1, observed: 1, expected: 1 });
  });
});

describe(cohenKappa.name, () => {
  it('vector 1 (Artstein & Poesio 2008 ex. 1): κ 0.348, p_e 0.54', () => {
    const kappa = cohenKappa(ARTSTEIN_POESIO_1);
    expect(kappa.value).toBeCloseTo(0.348, 3);
    expect(kappa.expected).toBeCloseTo(0.54, 2);
  });

  it('vector 2 (Artstein & Poesio 2008 ex. 2): κ 0.8013', () => {
    expect(cohenKappa(ARTSTEIN_POESIO_2).value).toBeCloseTo(0.8013, 4);
  });

  it('vector 3 (Cohen 1960 ex. 2): p_o 0.70, p_e 0.41, κ 0.492', () => {
    const kappa = cohenKappa(COHEN_1960);
    expect(kappa.observed).toBeCloseTo(0.7, 2);
    expect(kappa.expected).toBeCloseTo(0.41, 2);
    expect(kappa.value).toBeCloseTo(0.492, 3);
  });

  it('vector 9 (Gwet prevalence paradox): κ 0.3144 although agreement is 0.85', () => {
    expect(cohenKappa(PREVALENCE_PARADOX).value).toBeCloseTo(0.3144, 4);
  });

  it('irrCAC README cont3x3abstractors kappa2.table: 0.7964094', () => {
    expect(cohenKappa(ABSTRACTORS).value).toBeCloseTo(0.7964094, 7);
  });

  it('vector 10 (NLTK #2940, #3264): perfect agreement with p_e = 1 gives 1, not NaN', () => {
    expect(cohenKappa([[5, 0], [0, 0]])).toEqual({ value: 1, observed: 1, expected: 1 });
    expect(cohenKappa([[5]])).toEqual({ value: 1, observed: 1, expected: 1 });
  });

  it('vector 10: an empty table is undefined (null), not NaN', () => {
    expect(cohenKappa([[0, 0], [0, 0]])).toEqual({ value: null, observed: null, expected: null });
    expect(cohenKappa([])).toEqual({ value: null, observed: null, expected: null });
  });

  it('is 0 at chance and −1 at systematic disagreement', () => {
    expect(cohenKappa([[25, 25], [25, 25]]).value).toBeCloseTo(0, 12);
    expect(cohenKappa([[0, 10], [10, 0]]).value).toBeCloseTo(-1, 12);
  });
});

describe(tableMargins.name, () => {
  it('sums rows, columns and the diagonal', () => {
    expect(tableMargins(ARTSTEIN_POESIO_1)).toEqual({ total: 100, agreeing: 70, rows: [30, 70], columns: [40, 60] });
  });
});
