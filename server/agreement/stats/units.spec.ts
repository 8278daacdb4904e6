import { describe, expect, it } from 'vitest';
import { KRIPPENDORFF_12_UNITS } from './golden-vectors';
import { compressUnits, sortCategories, unitsFromRatings, unitsFromTable } from './units';

describe(unitsFromTable.name, () => {
  it('makes one weighted unit per non-empty cell', () => {
    expect(unitsFromTable([[3, 0], [2, 1]])).toEqual([
      { counts: [2, 0], weight: 3 },
      { counts: [1, 1], weight: 2 },
      { counts: [0, 2], weight: 1 },
    ]);
  });
});

describe(unitsFromRatings.name, () => {
  it('counts each column of a rater × unit matrix, skipping missing ratings (vector 5 data)', () => {
    const { categories, units } = unitsFromRatings(KRIPPENDORFF_12_UNITS);
    expect(categories).toEqual([1, 2, 3, 4, 5]);
    expect(units).toHaveLength(12);
    expect(units[0]).toEqual({ counts: [3, 0, 0, 0, 0], weight: 1 });
    expect(units[5]).toEqual({ counts: [1, 1, 1, 1, 0], weight: 1 });
    expect(units[11]).toEqual({ counts: [0, 0, 1, 0, 0], weight: 1 });
  });

  it('uses given categories in their order and rejects other values', () => {
    expect(unitsFromRatings([['no', 'yes']], ['yes', 'no']).units).toEqual([{ counts: [0, 1], weight: 1 }, { counts: [1, 0], weight: 1 }]);
    expect(() => unitsFromRatings([['maybe']], ['yes', 'no'])).toThrow(RangeError);
  });
});

describe(compressUnits.name, () => {
  it('merges identical patterns and sums their weights', () => {
    expect(compressUnits([{ counts: [2, 0], weight: 1 }, { counts: [1, 1], weight: 2 }, { counts: [2, 0], weight: 4 }])).toEqual([
      { counts: [2, 0], weight: 5 },
      { counts: [1, 1], weight: 2 },
    ]);
  });
});

describe(sortCategories.name, () => {
  it('sorts numbers numerically, anything else as strings', () => {
    expect(sortCategories([10, 9, 10, 1])).toEqual([1, 9, 10]);
    expect(sortCategories(['b', 'a', 10, 9])).toEqual([10, 9, 'a', 'b']);
  });
});
