import { describe, expect, it } from 'vitest';
import type { EpochScoresView } from '../../evaluations/evaluation-views';
import { ABILITIES, PROBE } from './hand-matrix.fixture';
import { assembleProbeInput, type ProbeEpoch, type ProbeRun, type ProbeScore, type ProbeStudyScores } from './probe-matrix';
import { ProbeInputError, probeMeasures } from './probe-measures';

// What evaluations serve per epoch is what the probe reads (checked by the typecheck, not at run time).
const _servedShape: ProbeEpoch = {} as EpochScoresView;
void _servedShape;

const score = (ability: string, split: 'valid' | 'test', value: number, suite = 'in-domain', shots = 0): ProbeScore => ({ suite, ability, split, shots, score: value });

/** A checkpoint scoring every ability `test(i)` on test, with `valid` on the run's own ability, plus noise to ignore. */
function epoch(own: string, n: number, valid: number, test: (i: string) => number, ownTestLoss: number | null = 9): ProbeEpoch {
  return {
    epoch: n,
    ownTestLoss,
    scores: [
      score(own, 'valid', valid),
      ...ABILITIES.map((i) => score(i, 'test', test(i))),
      // other suites and few-shot scores are not the probe's
      ...ABILITIES.map((i) => score(i, 'test', 0.99, 'cmmlu')),
      ...ABILITIES.map((i) => score(i, 'test', 0.98, 'in-domain', 5)),
    ],
  };
}

// Issue 13 item 4: each run's best own-validation checkpoint at epoch ≥ 5 holds the hand matrix; the others hold
// decoys (0.01), among them epoch 4 with the highest validation score of all (too early) and a later tie (not earliest).
function run(j: string, best: number): ProbeRun {
  const decoy = () => 0.01;
  return {
    ability: j,
    epochs: [
      epoch(j, 4, 0.95, decoy),
      epoch(j, 5, 0.5, decoy),
      epoch(j, best, 0.9, (i) => PROBE.accuracy[j][i], PROBE.loss[j]),
      epoch(j, best + 2, 0.9, decoy),
    ],
  };
}

const STUDY: ProbeStudyScores = {
  abilities: ABILITIES,
  runs: [run('code', 6), run('history', 7), run('ethics', 8)],
  foundation: { scores: [...ABILITIES.map((i) => score(i, 'test', PROBE.foundation[i])), ...ABILITIES.map((i) => score(i, 'valid', 0.77))] },
};

function problemsOf(study: ProbeStudyScores, minEpoch?: number): readonly string[] {
  try {
    assembleProbeInput(study, { minEpoch });
  } catch (e) {
    expect(e).toBeInstanceOf(ProbeInputError);
    return (e as ProbeInputError).problems;
  }
  throw new Error('expected a ProbeInputError');
}

describe(assembleProbeInput.name, () => {
  it('issue 13 item 4: reads Acc(j, ·) and L_j at run j\'s best own-validation checkpoint (epoch ≥ 5, ties to the earliest)', () => {
    const { input, checkpoints } = assembleProbeInput(STUDY);
    expect(checkpoints).toEqual({ code: 6, history: 7, ethics: 8 });
    expect(input).toEqual(PROBE);
    expect(probeMeasures(input).map((m) => m.complexity)).toEqual([expect.closeTo(0.95, 12), expect.closeTo(0.75, 12), expect.closeTo(0.5, 12)]);
  });

  it('takes the earliest allowed epoch from the options (short test runs)', () => {
    expect(assembleProbeInput(STUDY, { minEpoch: 1 }).checkpoints).toEqual({ code: 4, history: 4, ethics: 4 });
  });

  it('names every missing run, score and loss', () => {
    const [code, history] = STUDY.runs;
    const noLoss: ProbeRun = { ...history, epochs: history.epochs.map((e) => (e.epoch === 7 ? { ...e, ownTestLoss: null } : e)) };
    const noEthicsTest: ProbeRun = {
      ...code,
      epochs: code.epochs.map((e) => (e.epoch === 6 ? { ...e, scores: e.scores.filter((s) => !(s.ability === 'ethics' && s.split === 'test')) } : e)),
    };
    const study: ProbeStudyScores = {
      abilities: ABILITIES,
      runs: [noEthicsTest, noLoss, { ability: 'biology', epochs: [] }],
      foundation: { scores: STUDY.foundation.scores.filter((s) => s.ability !== 'history') },
    };
    expect(problemsOf(study)).toEqual([
      'probe run for biology: biology is not an ability of the study',
      'Acc(code, ethics): the probe run for code has no test score on ethics at its best epoch 6',
      'L_history: the probe run for history has no test loss at its best epoch 7',
      'probe run for ethics is missing',
      'Acc(f, history): the foundation model has no test score on history',
    ]);
  });

  it('names a run without an own-validation score late enough, and a doubly scored ability', () => {
    const early: ProbeRun = { ability: 'ethics', epochs: [epoch('ethics', 3, 0.9, () => 0.5)] };
    const doubled: ProbeRun = { ability: 'history', epochs: [{ ...epoch('history', 5, 0.9, () => 0.5), scores: [...epoch('history', 5, 0.9, () => 0.5).scores, score('code', 'test', 0.4)] }] };
    expect(problemsOf({ ...STUDY, runs: [STUDY.runs[0], doubled, early] })).toEqual([
      'the probe run for history at epoch 5 has two test scores on code',
      'the probe run for ethics has no validation score on ethics at an epoch ≥ 5',
    ]);
  });
});
