import { describe, expect, it } from 'vitest';
import { cohenKappa } from './contingency';
import { ARTSTEIN_POESIO_1 } from './golden-vectors';
import { pairwiseCohenKappa, type PairwiseRating } from './pairwise-kappa';

const CATEGORIES = ['STAT', 'IReq'];

/** A table as pairwise rows for the given raters. */
function rows<R extends string | number>(raterA: R, raterB: R, table: number[][]): PairwiseRating<R, string>[] {
  return table.flatMap((row, a) => row.map((weight, b) => ({ raterA, raterB, catA: CATEGORIES[a], catB: CATEGORIES[b], weight })));
}

describe(pairwiseCohenKappa.name, () => {
  it('vector 1 (Artstein & Poesio 2008 ex. 1) as one rater pair: κ 0.348', () => {
    const result = pairwiseCohenKappa(rows('ann', 'bob', ARTSTEIN_POESIO_1), { categories: CATEGORIES });
    expect(result.raters).toEqual(['ann', 'bob']);
    expect(result.kappa[0][1]).toBeCloseTo(0.348, 3);
    expect(result.kappa[1][0]).toBe(result.kappa[0][1]);
    expect(result.kappa[0][0]).toBeNull();
    expect(result.units).toEqual([[0, 100], [100, 0]]);
    expect(result.mean).toBe(result.kappa[0][1]);
  });

  it('folds a pair given in either order, swapping the categories with the raters', () => {
    const table = [[20, 10], [20, 50]];
    const transposed = [[20, 20], [10, 50]];
    const split = [...rows('bob', 'ann', transposed).map((r) => ({ ...r, weight: r.weight / 2 })), ...rows('ann', 'bob', table).map((r) => ({ ...r, weight: r.weight / 2 }))];
    expect(pairwiseCohenKappa(split).kappa[0][1]).toBeCloseTo(cohenKappa(table).value as number, 12);
  });

  it('builds a symmetric matrix over three raters; the mean skips pairs with no units in common', () => {
    const result = pairwiseCohenKappa([
      ...rows(3, 1, ARTSTEIN_POESIO_1),
      ...rows(1, 2, [[40, 0], [0, 60]]),
      ...rows(2, 3, [[0, 0], [0, 0]]),
    ]);
    expect(result.raters).toEqual([1, 2, 3]);
    const k13 = cohenKappa([[20, 20], [10, 50]]).value as number;
    expect(result.kappa).toEqual([
      [null, 1, k13],
      [1, null, null],
      [k13, null, null],
    ]);
    expect(result.pairs.map((p) => [p.raterA, p.raterB, p.units])).toEqual([[1, 2, 100], [1, 3, 100], [2, 3, 0]]);
    expect(result.mean).toBeCloseTo((1 + k13) / 2, 12);
  });

  it('vector 10: one shared category gives κ 1; no data gives an empty matrix and a null mean', () => {
    expect(pairwiseCohenKappa([{ raterA: 'a', raterB: 'b', catA: 'ok', catB: 'ok', weight: 9 }]).kappa[0][1]).toBe(1);
    expect(pairwiseCohenKappa([])).toEqual({ raters: [], kappa: [], units: [], pairs: [], mean: null });
  });

  it('rejects a rater paired with themselves and unknown categories', () => {
    expect(() => pairwiseCohenKappa([{ raterA: 'a', raterB: 'a', catA: 1, catB: 1, weight: 1 }])).toThrow(RangeError);
    expect(() => pairwiseCohenKappa([{ raterA: 'a', raterB: 'b', catA: 1, catB: 3, weight: 1 }], { categories: [1, 2] })).toThrow(RangeError);
  });
});
