/**
 * Builds the probe study's inputs (issue 13 item 4) from its runs' per-epoch scores: Acc(j, i) is read at the
 * checkpoint of run j that is best on ability j's own validation items (DoIT's checkpoint rule, the one experiments
 * use: highest validation score at epoch ≥ 5, ties to the earliest), L_j is that checkpoint's test loss on j's own
 * test items, and Acc(f, i) comes from the untuned foundation model's evaluation. Pure function, no I/O.
 */
import { selectBestCheckpoint } from '../../experiments/checkpoint-selection';
import { ProbeInputError, type ProbeInput } from './probe-measures';

/** One ability's score at one checkpoint; evaluations' AbilityScoreView has this shape. */
export interface ProbeScore {
  suite: string;
  ability: string;
  split: 'valid' | 'test';
  shots: number;
  /** accuracy 0–1 */
  score: number;
}

/** One evaluated checkpoint of a probe run; evaluations' EpochScoresView has this shape (plus the loss). */
export interface ProbeEpoch {
  epoch: number;
  scores: readonly ProbeScore[];
  /** mean NLL (nats) of the gold answers of the run's own ability's test items at this checkpoint */
  ownTestLoss?: number | null;
}

export interface ProbeRun {
  /** the ability the run was trained on alone */
  ability: string;
  epochs: readonly ProbeEpoch[];
}

export interface ProbeStudyScores {
  abilities: readonly string[];
  runs: readonly ProbeRun[];
  /** the untuned base model's evaluation */
  foundation: { scores: readonly ProbeScore[] };
}

export interface ProbeMatrixOptions {
  /** the earliest epoch a checkpoint may be chosen from; default 5 (DoIT) */
  minEpoch?: number;
  /** evaluation suite of the ability scores; default 'in-domain' */
  suite?: string;
  /** few-shot setting of the ability scores; default 0 */
  shots?: number;
}

export interface ProbeMatrix {
  input: ProbeInput;
  /** the epoch each run's scores were read at */
  checkpoints: Record<string, number>;
}

export function assembleProbeInput(study: ProbeStudyScores, options: ProbeMatrixOptions = {}): ProbeMatrix {
  const minEpoch = options.minEpoch ?? 5;
  const suite = options.suite ?? 'in-domain';
  const shots = options.shots ?? 0;
  const problems: string[] = [];
  const index = (scores: readonly ProbeScore[], split: 'valid' | 'test', who: string) => {
    const bySplit = new Map<string, number>();
    for (const s of scores) {
      if (s.suite !== suite || s.shots !== shots || s.split !== split) continue;
      if (bySplit.has(s.ability)) problems.push(`${who} has two ${split} scores on ${s.ability}`);
      bySplit.set(s.ability, s.score);
    }
    return bySplit;
  };

  const abilitySet = new Set(study.abilities);
  const runs = new Map<string, ProbeRun>();
  for (const run of study.runs) {
    if (!abilitySet.has(run.ability)) problems.push(`probe run for ${run.ability}: ${run.ability} is not an ability of the study`);
    else if (runs.has(run.ability)) problems.push(`two probe runs for ${run.ability}`);
    else runs.set(run.ability, run);
  }

  const accuracy: Record<string, Record<string, number>> = {};
  const loss: Record<string, number> = {};
  const checkpoints: Record<string, number> = {};
  for (const j of study.abilities) {
    const run = runs.get(j);
    if (run === undefined) {
      problems.push(`probe run for ${j} is missing`);
      continue;
    }
    const who = `the probe run for ${j}`;
    const perEpoch = run.epochs.map((e) => ({ epoch: e, valid: index(e.scores, 'valid', `${who} at epoch ${e.epoch}`), test: index(e.scores, 'test', `${who} at epoch ${e.epoch}`) }));
    const candidates = perEpoch.flatMap((e) => {
      const validation = e.valid.get(j);
      return validation === undefined ? [] : [{ epoch: e.epoch.epoch, validation, test: e.test.get(j) ?? Number.NaN }];
    });
    const best = selectBestCheckpoint(candidates, minEpoch);
    if (best === null) {
      problems.push(`${who} has no validation score on ${j} at an epoch ≥ ${minEpoch}`);
      continue;
    }
    checkpoints[j] = best.epoch;
    const chosen = perEpoch.find((e) => e.epoch.epoch === best.epoch) as (typeof perEpoch)[number];
    accuracy[j] = {};
    for (const i of study.abilities) {
      const score = chosen.test.get(i);
      if (score === undefined) problems.push(`Acc(${j}, ${i}): ${who} has no test score on ${i} at its best epoch ${best.epoch}`);
      else accuracy[j][i] = score;
    }
    const l = chosen.epoch.ownTestLoss;
    if (l === undefined || l === null) problems.push(`L_${j}: ${who} has no test loss at its best epoch ${best.epoch}`);
    else loss[j] = l;
  }

  const foundationTest = index(study.foundation.scores, 'test', 'the foundation model');
  const foundation: Record<string, number> = {};
  for (const i of study.abilities) {
    const score = foundationTest.get(i);
    if (score === undefined) problems.push(`Acc(f, ${i}): the foundation model has no test score on ${i}`);
    else foundation[i] = score;
  }
  if (problems.length > 0) throw new ProbeInputError(problems);
  return { input: { abilities: [...study.abilities], accuracy, foundation, loss }, checkpoints };
}
