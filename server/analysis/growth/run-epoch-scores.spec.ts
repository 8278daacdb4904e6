import { describe, expect, it } from 'vitest';
import { scoreInterval, wilsonInterval } from '../stats/score-interval';
import type { GrowthRun, ScoreGroup } from './growth-types';
import { runEpochScores } from './run-epoch-scores';

const group = (ability: string, scores: number[], overrides: Partial<ScoreGroup> = {}): ScoreGroup => ({
  suite: 'in-domain',
  ability,
  split: 'test',
  shots: 0,
  scores,
  expected: 0.25,
  ...overrides,
});

const run = (): GrowthRun => ({
  experimentId: 'exp-1',
  name: 'curated-640',
  parameters: 7e9,
  baseModel: 'tiny',
  source: 'curated',
  seed: 1,
  trainCounts: { chinese: 64, code: 64 },
  trainTotal: 128,
  // out of order on purpose: the lines run by epoch
  epochs: [
    { epoch: 6, evaluationId: 'ev-6', groups: [group('chinese', [1, 1, 1, 0]), group('code', [0.5, 0.25, 1])] },
    {
      epoch: 5,
      evaluationId: 'ev-5',
      groups: [group('chinese', [1, 0, 0, 0]), group('chinese', [1, 1, 1, 1], { split: 'valid' }), group('cmmlu-history', [1], { suite: 'cmmlu' }), group('code', [])],
    },
  ],
});

describe(runEpochScores.name, () => {
  it("issue 13 item 2 (score by epoch): each ability's test score per checkpoint with the growth points' interval, by epoch", () => {
    const lines = runEpochScores(run());
    expect(lines.map((l) => l.ability)).toEqual(['chinese', 'code']);
    const wilson = wilsonInterval(1, 4);
    expect(lines[0].points[0]).toEqual({ epoch: 5, score: 0.25, n: 4, interval: { lower: wilson.lower, upper: wilson.upper, method: 'wilson', variance: expect.any(Number) } });
    expect(lines[0].points.map((p) => [p.epoch, p.score])).toEqual([
      [5, 0.25],
      [6, 0.75],
    ]);
    // partial credit: the bootstrap over items, as scoreInterval gives it; a group with no scored item has no point
    const boot = scoreInterval([0.5, 0.25, 1]);
    expect(lines[1].points).toEqual([{ epoch: 6, score: boot.estimate, n: 3, interval: { lower: boot.lower, upper: boot.upper, method: 'bootstrap', variance: boot.variance } }]);
  });

  it('selects the split, suite and shots', () => {
    expect(runEpochScores(run(), { split: 'valid' })).toEqual([{ ability: 'chinese', points: [expect.objectContaining({ epoch: 5, score: 1 })] }]);
    expect(runEpochScores(run(), { suite: 'cmmlu' }).map((l) => l.ability)).toEqual(['cmmlu-history']);
    expect(runEpochScores(run(), { shots: 5 })).toEqual([]);
  });

  it('names the run, epoch and ability of a bad per-item score', () => {
    const bad = run();
    bad.epochs[0].groups[1].scores = [1, Number.NaN];
    expect(() => runEpochScores(bad)).toThrow('run curated-640, epoch 6, in-domain/code: per-item score 1 must be a finite number, got NaN');
  });
});
