/** One scored item of an evaluation set. */
export interface ScoredItem {
  ability: string;
  score: number;
  expected: number;
}

export interface AbilityScore {
  ability: string;
  items: number;
  /** Mean item score (accuracy, 0–1). */
  score: number;
  /** Mean random-guess score. */
  expected: number;
}

export interface AggregateScores {
  abilities: AbilityScore[];
  /** Unweighted mean over abilities; null with no items. */
  average: number | null;
  expectedAverage: number | null;
}

/**
 * Per-ability and average scores. DoIT's scorer.py sums item scores per file and divides the sum over
 * files by the number of keys, its expected_* entries included; here each ability is a mean (comparable
 * across set sizes, as its C-Eval /40·100 normalization intends) and the average is their plain mean.
 */
export function aggregate(items: Iterable<ScoredItem>): AggregateScores {
  const sums = new Map<string, { items: number; score: number; expected: number }>();
  for (const item of items) {
    const sum = sums.get(item.ability) ?? { items: 0, score: 0, expected: 0 };
    sum.items += 1;
    sum.score += item.score;
    sum.expected += item.expected;
    sums.set(item.ability, sum);
  }
  const abilities = [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([ability, sum]) => ({ ability, items: sum.items, score: sum.score / sum.items, expected: sum.expected / sum.items }));
  const mean = (values: number[]) => (values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null);
  return {
    abilities,
    average: mean(abilities.map((a) => a.score)),
    expectedAverage: mean(abilities.map((a) => a.expected)),
  };
}
