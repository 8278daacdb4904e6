import { BENCHMARKS, IFEVAL_METRICS, PER_SUBSET_SUITES, type AbilityScoreView, type EpochScoresView } from './experimentTypes';

/** One row of the score table: an in-domain ability (validation and test), their average, or a benchmark at k shots. */
export interface ScoreRow {
  key: string;
  kind: 'ability' | 'average' | 'benchmark';
  /** the ability key, or the benchmark suite */
  name: string;
  /** a benchmark row of one subset (a C-Eval subject, an MCQ set) or one IFEval metric; absent: the suite's average */
  group?: string;
  shots: number;
  expected: { valid: number | null; test: number | null };
  /** epoch → its scores (a benchmark's in `valid`: one number, the mean over its subsets) */
  byEpoch: Map<number, { valid: number | null; test: number | null }>;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/**
 * Rows of the per-ability table from the API's epochs: abilities in key order, the average over them (the
 * server's validation/test averages), then each benchmark per number of shots: CMMLU and AGIEval averaged over their
 * subsets, each C-Eval subject and MCQ set on a row of its own (out-of-domain sets are read one by one), and IFEval's
 * four metrics (prompt-/instruction-level, strict/loose) each on its own row: their mean is no score.
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
  for (const suite of BENCHMARKS) {
    const mine = all.filter((s) => s.suite === suite);
    const present = new Set(mine.map((s) => s.ability));
    const groups: Array<string | undefined> =
      suite === 'ifeval' ? IFEVAL_METRICS.filter((m) => present.has(m)) : PER_SUBSET_SUITES.includes(suite) ? [...present].sort() : [undefined];
    for (const group of groups) {
      const ofGroup = group === undefined ? mine : mine.filter((s) => s.ability === group);
      for (const shots of [...new Set(ofGroup.map((s) => s.shots))].sort((a, b) => a - b)) {
        const at = ofGroup.filter((s) => s.shots === shots);
        rows.push({
          key: group === undefined ? `${suite}:${shots}` : `${suite}:${group}:${shots}`,
          kind: 'benchmark',
          name: suite,
          ...(group === undefined ? {} : { group }),
          shots,
          expected: { valid: mean(at.map((s) => s.expected)), test: null },
          byEpoch: new Map(epochs.map((e) => [e.epoch, { valid: mean(at.filter((s) => s.epoch === e.epoch).map((s) => s.score)), test: null }])),
        });
      }
    }
  }
  return rows;
}
