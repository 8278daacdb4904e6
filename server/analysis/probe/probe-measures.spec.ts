import { describe, expect, it } from 'vitest';
import { ABILITIES, PROBE } from './hand-matrix.fixture';
import { DEFAULT_PROBE_WEIGHTS, ProbeInputError, probeMeasures, type ProbeInput } from './probe-measures';

// Issue 13 item 4: the hand-made 3×3 probe study of hand-matrix.fixture.ts.

// By hand, with w1 = w2 = w = 1:
//   Complexity_code    = 1.2 − [(0.20 − 0.10) + (0.25 − 0.10)] = 1.2 − 0.25 = 0.95
//   Complexity_history = 0.8 − [(0.30 − 0.30) + (0.35 − 0.30)] = 0.8 − 0.05 = 0.75
//   Complexity_ethics  = 0.5 − [(0.50 − 0.45) + (0.40 − 0.45)] = 0.5 − 0    = 0.50
//   Transference_code    = (0.30 − 0.70) + (0.50 − 0.80) = −0.70
//   Transference_history = (0.20 − 0.60) + (0.40 − 0.80) = −0.80
//   Transference_ethics  = (0.25 − 0.60) + (0.35 − 0.70) = −0.70
const HAND = {
  code: { complexity: 0.95, transference: -0.7, lift: 0.25, transfer: -0.7 },
  history: { complexity: 0.75, transference: -0.8, lift: 0.05, transfer: -0.8 },
  ethics: { complexity: 0.5, transference: -0.7, lift: 0, transfer: -0.7 },
};

const withCell = (j: string, i: string, value: unknown): ProbeInput => ({
  ...PROBE,
  accuracy: { ...PROBE.accuracy, [j]: { ...PROBE.accuracy[j], [i]: value as number } },
});

function problemsOf(input: ProbeInput): readonly string[] {
  try {
    probeMeasures(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ProbeInputError);
    return (e as ProbeInputError).problems;
  }
  throw new Error('expected a ProbeInputError');
}

describe(probeMeasures.name, () => {
  it('issue 13 item 4: Complexity and Transference on a hand-made 3×3 matrix with the default weights 1, 1, 1', () => {
    expect(DEFAULT_PROBE_WEIGHTS).toEqual({ lossWeight: 1, liftWeight: 1, transferWeight: 1 });
    const measures = probeMeasures(PROBE);
    expect(measures.map((m) => m.ability)).toEqual(ABILITIES);
    for (const m of measures) {
      const hand = HAND[m.ability as keyof typeof HAND];
      expect(m.complexity, `Complexity_${m.ability}`).toBeCloseTo(hand.complexity, 12);
      expect(m.transference, `Transference_${m.ability}`).toBeCloseTo(hand.transference, 12);
      expect(m.liftFromOthers, `lift of ${m.ability}`).toBeCloseTo(hand.lift, 12);
      expect(m.transferToOthers, `transfer of ${m.ability}`).toBeCloseTo(hand.transfer, 12);
      expect(m.loss).toBe(PROBE.loss[m.ability]);
    }
  });

  it('issue 13 item 4: applies configurable weights w1·L − w2·lift and w·transfer', () => {
    const measures = probeMeasures(PROBE, { lossWeight: 2, liftWeight: 0.5, transferWeight: 3 });
    // code: 2·1.2 − 0.5·0.25 = 2.275; history: 2·0.8 − 0.5·0.05 = 1.575; ethics: 2·0.5 − 0.5·0 = 1.0
    expect(measures.map((m) => m.complexity)).toEqual([expect.closeTo(2.275, 12), expect.closeTo(1.575, 12), expect.closeTo(1.0, 12)]);
    expect(measures.map((m) => m.transference)).toEqual([expect.closeTo(-2.1, 12), expect.closeTo(-2.4, 12), expect.closeTo(-2.1, 12)]);
  });

  it('leaves the diagonal out of Complexity and the others\' rows out of Transference (only j ≠ i terms)', () => {
    const changed = probeMeasures(withCell('code', 'code', 0.99));
    // Acc(code, code) is in no Complexity term and in Transference_j only for j ≠ code (as the own-data score of code)
    expect(changed.map((m) => m.complexity)).toEqual(probeMeasures(PROBE).map((m) => m.complexity));
    expect(changed[0].transference).toBeCloseTo(HAND.code.transference, 12);
    expect(changed[1].transference).toBeCloseTo(HAND.history.transference - 0.39, 12);
    expect(changed[2].transference).toBeCloseTo(HAND.ethics.transference - 0.39, 12);
  });

  it('names the missing cell of a matrix that is not complete', () => {
    const { ethics: _dropped, ...historyRow } = PROBE.accuracy.history;
    expect(problemsOf({ ...PROBE, accuracy: { ...PROBE.accuracy, history: historyRow } })).toEqual(['Acc(history, ethics) is missing']);
    const { ethics: _row, ...twoRows } = PROBE.accuracy;
    expect(problemsOf({ ...PROBE, accuracy: twoRows })).toEqual(['Acc(ethics, ·): no row for the model trained on ethics']);
  });

  it('refuses a matrix that is not square over the study\'s abilities, naming the stray ability', () => {
    expect(problemsOf(withCell('code', 'biology', 0.4))).toEqual(['Acc(code, biology): biology is not an ability of the study (the matrix must be square)']);
    const extraRow = { ...PROBE, accuracy: { ...PROBE.accuracy, biology: { code: 0.1, history: 0.1, ethics: 0.1 } } };
    expect(problemsOf(extraRow)).toEqual(['Acc(biology, ·): biology is not an ability of the study (the matrix must be square)']);
  });

  it('reports every bad value at once: accuracy out of [0, 1], a percentage, a missing foundation score, a negative loss', () => {
    const { ethics: _f, ...foundation } = PROBE.foundation;
    const bad: ProbeInput = { ...withCell('history', 'code', 20), foundation, loss: { ...PROBE.loss, history: -1 } };
    const input = { ...bad, accuracy: { ...bad.accuracy, ethics: { ...bad.accuracy.ethics, history: Number.NaN } } };
    expect(problemsOf(input)).toEqual([
      'Acc(history, code) must be an accuracy in [0, 1], got 20',
      'Acc(ethics, history) must be an accuracy in [0, 1], got NaN',
      'L_history must be a finite non-negative loss, got -1',
      'Acc(f, ethics) (the foundation model on ethics) is missing',
    ]);
  });

  it('refuses a duplicated ability, a one-ability study and a non-finite weight', () => {
    expect(problemsOf({ ...PROBE, abilities: ['code', 'history', 'ethics', 'code'] })).toContain('ability "code" is listed twice');
    expect(problemsOf({ abilities: ['code'], accuracy: { code: { code: 0.5 } }, foundation: { code: 0.1 }, loss: { code: 1 } })).toEqual([
      'a probe study needs at least 2 abilities, got 1',
    ]);
    expect(() => probeMeasures(PROBE, { ...DEFAULT_PROBE_WEIGHTS, liftWeight: Number.NaN })).toThrow(/weight liftWeight must be a finite number, got NaN/);
  });
});
