import type { AbilityScoreView, EpochScoresView, EvaluationSuite } from './experimentTypes';

/** One row of the score table: an in-domain ability (validation and test), their average, or a benchmark at k shots. */
export interface ScoreRow {
  key: string;
  kind: 'ability' | 'average' | 'benchmark';
  /** the ability key, or the benchmark suite */
  name: string;
  shots: number;
  expected: { valid: number | null; test: number | null };
  /** epoch → its scores (a benchmark's in `valid`: one number, the mean over its subsets) */
  byEpoch: Map<number, { valid: number | null; test: number | null }>;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const BENCHMARK_ORDER: EvaluationSuite[] = ['cmmlu', 'agieval'];

/**
 * Rows of the per-ability table from the API's epochs: abilities in key order, the average over them (the
 * server's validation/test averages), then each benchmark per number of shots, averaged over its subsets.
 */
export function scoreRows(epochs: EpochScoresView[]): ScoreRow[] {
  const all = epochs.flatMap((e) => e.scores.map((s) => ({ epoch: e.epoch, ...s })));
  const abilities = [...new Set(all.filter((s) => s.suite === 'in-domain').map((s) => s.ability))].sort();
  const rows: ScoreRow[] = abilities.map((ability) => {
    const mine = all.filter((s) => s.suite === 'in-domain' && s.ability === ability);
    const pick = (list: AbilityScoreView[], split: 'valid' | 'test') => list.find((s) => s.split === split);
    return {
      key: `in-domain:${ability}`,
      kind: 'ability',
      name: ability,
      shots: 0,
      expected: { valid: pick(mine, 'valid')?.expected ?? null, test: pick(mine, 'test')?.expected ?? null },
      byEpoch: new Map(
        epochs.map((e) => {
          const at = mine.filter((s) => s.epoch === e.epoch);
          return [e.epoch, { valid: pick(at, 'valid')?.score ?? null, test: pick(at, 'test')?.score ?? null }];
        }),
      ),
    };
  });
  if (abilities.length > 0) {
    const expectedOf = (split: 'valid' | 'test') => mean(rows.map((r) => r.expected[split]).filter((x): x is number => x != null));
    rows.push({
      key: 'average',
      kind: 'average',
      name: 'average',
      shots: 0,
      expected: { valid: expectedOf('valid'), test: expectedOf('test') },
      byEpoch: new Map(epochs.map((e) => [e.epoch, { valid: e.validationAverage, test: e.testAverage }])),
    });
  }
  for (const suite of BENCHMARK_ORDER) {
    const mine = all.filter((s) => s.suite === suite);
    for (const shots of [...new Set(mine.map((s) => s.shots))].sort((a, b) => a - b)) {
      const at = mine.filter((s) => s.shots === shots);
      rows.push({
        key: `${suite}:${shots}`,
        kind: 'benchmark',
        name: suite,
        shots,
        expected: { valid: mean(at.map((s) => s.expected)), test: null },
        byEpoch: new Map(epochs.map((e) => [e.epoch, { valid: mean(at.filter((s) => s.epoch === e.epoch).map((s) => s.score)), test: null }])),
      });
    }
  }
  return rows;
}
