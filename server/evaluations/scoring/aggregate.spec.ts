import { describe, expect, it } from 'vitest';
import { aggregate } from './aggregate';

describe(aggregate.name, () => {
  it('averages items per ability and abilities into the average', () => {
    const result = aggregate([
      { ability: 'history', score: 1, expected: 0.25 },
      { ability: 'history', score: 0, expected: 0.5 },
      { ability: 'cot_math', score: 1, expected: 0 },
      { ability: 'history', score: 1, expected: 0.25 },
    ]);
    expect(result.abilities).toEqual([
      { ability: 'cot_math', items: 1, score: 1, expected: 0 },
      { ability: 'history', items: 3, score: 2 / 3, expected: 1 / 3 },
    ]);
    expect(result.average).toBeCloseTo(5 / 6, 12);
    expect(result.expectedAverage).toBeCloseTo(1 / 6, 12);
  });

  it('has no average without items', () => {
    expect(aggregate([])).toEqual({ abilities: [], average: null, expectedAverage: null });
  });
});
