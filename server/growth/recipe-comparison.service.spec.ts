import { describe, expect, it } from 'vitest';
import type { GrowthRun, ScoreGroup } from '../analysis/growth/growth-types';
import { runCells } from './recipe-comparison.service';

const group = (suite: string, ability: string, shots: number, mean: number): ScoreGroup => ({
  suite,
  ability,
  split: 'test',
  shots,
  expected: 0,
  scores: [],
  summary: { mean, n: 10, interval: { lower: 0, upper: 1, method: 'wilson', variance: 0 } },
});

describe(runCells.name, () => {
  it('averages a multiple-choice suite over its subsets, and gives each IFEval metric a column of its own (issue 15 item 7)', () => {
    const run = {
      epochs: [
        {
          epoch: 1,
          evaluationId: 'e',
          groups: [
            group('in-domain', 'history', 0, 0.5),
            group('ceval', 'logic', 5, 0.25),
            group('ceval', 'law', 5, 0.75),
            group('ifeval', 'prompt_strict', 0, 0.2),
            group('ifeval', 'instruction_loose', 0, 0.6),
          ],
        },
      ],
    } as unknown as GrowthRun;
    expect(runCells(run, 'baseline').map((c) => [c.benchmark, c.shots, c.score])).toEqual([
      ['in-domain', 0, 0.5],
      ['ceval', 5, 0.5],
      ['ifeval/prompt_strict', 0, 0.2],
      ['ifeval/instruction_loose', 0, 0.6],
    ]);
  });
});
