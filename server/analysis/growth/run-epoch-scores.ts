import { scoreInterval } from '../stats/score-interval';
import type { GrowthRun, PointInterval } from './growth-types';

/**
 * A run's score at every evaluated checkpoint, per ability (issue 13 item 2's second view: score against epoch), with
 * the same 95% interval as a growth-curve point (Wilson for 0/1 per-item scores, the seeded bootstrap otherwise).
 */
export interface EpochScorePoint {
  epoch: number;
  score: number;
  n: number;
  interval: PointInterval;
}

export interface EpochScoreLine {
  /** The ability key (in-domain) or benchmark subset. */
  ability: string;
  /** By epoch. */
  points: EpochScorePoint[];
}

export interface EpochScoreSelection {
  /** Default `in-domain`. */
  suite?: string;
  /** Default `test` (what a growth point reports); `valid` shows what the checkpoint rule chose by. */
  split?: 'valid' | 'test';
  /** Default 0. */
  shots?: number;
}

/** One line per ability of the selected suite, split and shots, in order of first appearance; a group's stored summary is read as it is, and a group with neither a summary nor an item scored is skipped. */
export function runEpochScores(run: GrowthRun, selection: EpochScoreSelection = {}): EpochScoreLine[] {
  const { suite = 'in-domain', split = 'test', shots = 0 } = selection;
  const lines = new Map<string, EpochScorePoint[]>();
  for (const e of [...run.epochs].sort((a, b) => a.epoch - b.epoch)) {
    for (const g of e.groups) {
      if (g.suite !== suite || g.split !== split || g.shots !== shots) continue;
      let point: EpochScorePoint;
      if (g.summary) {
        point = { epoch: e.epoch, score: g.summary.mean, n: g.summary.n, interval: g.summary.interval };
      } else {
        if (!g.scores.length) continue;
        let interval;
        try {
          interval = scoreInterval(g.scores);
        } catch (err) {
          throw new RangeError(`run ${run.name}, epoch ${e.epoch}, ${g.suite}/${g.ability}: ${(err as Error).message}`);
        }
        const { lower, upper, method, variance } = interval;
        point = { epoch: e.epoch, score: interval.estimate, n: g.scores.length, interval: { lower, upper, method, variance } };
      }
      lines.set(g.ability, [...(lines.get(g.ability) ?? []), point]);
    }
  }
  return [...lines.entries()].map(([ability, points]) => ({ ability, points }));
}
