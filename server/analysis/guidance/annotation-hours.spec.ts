import { describe, expect, it } from 'vitest';
import { DEFAULT_REVIEWS_PER_ITEM, rankAnnotationHours, type HoursAbilityInput } from './annotation-hours';
import { GuidanceInputError } from './guidance-input';

// Issue 13 item 6, the hours form. Accepted items per hour = 3600 / (median s × 2 reviews) × pass rate; N = 10 hours.
//   history  responsive α 0.03, n 200,  60 s, pass 0.9 → 27 /h,  270 items, gain 0.03·ln(470/200)   = 0.025633
//   cot_math responsive α 0.05, n 64,  600 s, pass 0.2 → 0.6 /h,   6 items, gain 0.05·ln(70/64)     = 0.004481
//   code     responsive α 0.06, n 1000,120 s, pass 0.5 → 7.5 /h,  75 items, gain 0.06·ln(1075/1000) = 0.004339
//   creative_writing plateaued at 1000, n 990, 30 s, pass 0.8 → 48 /h, only 10 items to the cap, gain 0.02·ln(1000/990)
//   ethics   resistant → no gain from data
const INPUTS: HoursAbilityInput[] = [
  { ability: 'code', fit: { alpha: 0.06, b: 0.1, class: 'responsive' }, current: 1000, medianReviewSeconds: 120, passRate: 0.5 },
  { ability: 'ethics', fit: { alpha: 0.002, b: 0.6, class: 'resistant' }, current: 1000, medianReviewSeconds: 20, passRate: 0.98 },
  { ability: 'history', fit: { alpha: 0.03, b: 0.2, class: 'responsive' }, current: 200, medianReviewSeconds: 60, passRate: 0.9 },
  { ability: 'creative_writing', fit: { alpha: 0.02, b: 0.3, class: 'plateaued', plateauStart: 1000 }, current: 990, medianReviewSeconds: 30, passRate: 0.8 },
  { ability: 'cot_math', fit: { alpha: 0.05, b: 0.05, class: 'responsive' }, current: 64, medianReviewSeconds: 600, passRate: 0.2 },
];
const HAND_GAIN: Record<string, number> = {
  history: 0.03 * Math.log(470 / 200),
  cot_math: 0.05 * Math.log(70 / 64),
  code: 0.06 * Math.log(1075 / 1000),
  creative_writing: 0.02 * Math.log(1000 / 990),
  ethics: 0,
};

describe(rankAnnotationHours.name, () => {
  it('issue 13 item 6: ranks abilities by expected score gain per annotation hour and names the top three', () => {
    const g = rankAnnotationHours(INPUTS, { hours: 10 });
    expect(g.reviewsPerItem).toBe(DEFAULT_REVIEWS_PER_ITEM);
    expect(g.abilities.map((a) => a.ability)).toEqual(['history', 'cot_math', 'code', 'creative_writing', 'ethics']);
    expect(g.abilities.map((a) => a.rank)).toEqual([1, 2, 3, 4, 5]);
    const byName = Object.fromEntries(g.abilities.map((a) => [a.ability, a]));
    expect(byName.history.acceptedPerHour).toBeCloseTo(27, 12);
    expect(byName.cot_math.acceptedPerHour).toBeCloseTo(0.6, 12);
    expect(byName.code.acceptedPerHour).toBeCloseTo(7.5, 12);
    expect(byName.creative_writing.itemsInHours).toBeCloseTo(10, 12); // 480 would come, the cap takes 10
    for (const a of g.abilities) {
      expect(a.gainInHours, a.ability).toBeCloseTo(HAND_GAIN[a.ability], 12);
      expect(a.gainPerHour, a.ability).toBeCloseTo(HAND_GAIN[a.ability] / 10, 12);
    }
    expect(g.worthMost).toEqual(['history', 'cot_math', 'code']);
    expect(g.summary.text).toEqual({
      en: 'The next 10 hours are worth most in history, cot_math, code.',
      'zh-CN': '接下来 10 小时的标注最值得投入在 history、cot_math、code。',
    });
  });

  it('issue 13 item 6: gives the pace-guided queue normalised weights, zero for abilities data does not help', () => {
    const g = rankAnnotationHours(INPUTS, { hours: 10 });
    const total = Object.values(HAND_GAIN).reduce((s, x) => s + x, 0);
    expect(g.abilities.reduce((s, a) => s + a.weight, 0)).toBeCloseTo(1, 12);
    for (const a of g.abilities) expect(a.weight, a.ability).toBeCloseTo(HAND_GAIN[a.ability] / total, 12);
    const ethics = g.abilities.find((a) => a.ability === 'ethics');
    expect(ethics?.weight).toBe(0);
    expect(ethics?.reasons.map((r) => r.key)).toEqual(['pace.guidance.hours.notFromData']);
  });

  it('counts more reviews per item as fewer accepted items per hour', () => {
    const one = rankAnnotationHours(INPUTS, { hours: 10, reviewsPerItem: 1 });
    expect(one.abilities.find((a) => a.ability === 'code')?.acceptedPerHour).toBeCloseTo(15, 12);
  });

  it('gives a plateaued ability at its cap, or a zero pass rate, no gain and no weight; with none gaining the summary says so', () => {
    const atCap = rankAnnotationHours([{ ...INPUTS[3], current: 1000 }, { ...INPUTS[0], passRate: 0 }], { hours: 5 });
    expect(atCap.abilities.map((a) => [a.ability, a.gainPerHour, a.weight, a.rank])).toEqual([
      ['creative_writing', 0, 0, 1],
      ['code', 0, 0, 1],
    ]);
    expect(atCap.abilities[0].reasons.map((r) => r.key)).toEqual(['pace.guidance.hours.atCap']);
    expect(atCap.worthMost).toEqual([]);
    expect(atCap.summary.key).toBe('pace.guidance.hours.nothingToGain');
  });

  it('accepts no more than the pass rate of the items waiting for review, when that count is given', () => {
    // history would accept 270 items in 10 h, but only 100 wait for review: 90 can be accepted
    const g = rankAnnotationHours([{ ...INPUTS[2], awaitingReview: 100 }, INPUTS[0]], { hours: 10 });
    const history = g.abilities.find((a) => a.ability === 'history');
    expect(history?.itemsInHours).toBeCloseTo(90, 12);
    expect(history?.gainInHours).toBeCloseTo(0.03 * Math.log(290 / 200), 12);
    const empty = rankAnnotationHours([{ ...INPUTS[2], awaitingReview: 0 }, INPUTS[0]], { hours: 10 });
    expect(empty.abilities.map((a) => [a.ability, a.weight])).toEqual([
      ['code', 1],
      ['history', 0],
    ]);
  });

  it('takes an ability without items as having one (the fitted curve starts there)', () => {
    const g = rankAnnotationHours([{ ...INPUTS[0], current: 0 }], { hours: 2 });
    expect(g.abilities[0].gainInHours).toBeCloseTo(0.06 * Math.log(16), 12); // 1 + 2 h × 7.5
  });

  it('refuses bad input, naming each ability and field', () => {
    let error: unknown;
    try {
      rankAnnotationHours([{ ...INPUTS[0], medianReviewSeconds: 0 }, { ...INPUTS[2], passRate: 1.2, current: -3 }], { hours: 0 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GuidanceInputError);
    expect((error as GuidanceInputError).problems).toEqual([
      'hours must be a positive number, got 0',
      'code: medianReviewSeconds must be a positive number, got 0',
      'history: current must be a non-negative integer, got -3',
      'history: passRate must be in [0, 1], got 1.2',
    ]);
  });
});
