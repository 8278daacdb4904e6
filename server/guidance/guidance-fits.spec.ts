import { describe, expect, it } from 'vitest';
import type { AbilitySensitivity, FitSummary, GrowthSeries, GrowthView } from '../growth/growth-views';
import { currentCounts, largestSize, lineFits, plateauStart } from './guidance-fits';

const fit = (alpha: number, b: number): FitSummary => ({ alpha, b, seAlpha: 0.01, alphaLower: alpha - 0.02, alphaUpper: alpha + 0.02, r2: 0.9, n: 5, gainPerX4: alpha * Math.log(4), weighting: 'ordinary' });
const series = (ability: string, parameters: number, volumes: number[]): GrowthSeries => ({
  key: `ability:${ability}|${parameters}|curated|0`, kind: 'ability', suite: 'in-domain', ability, parameters, source: 'curated', shots: 0, expected: 0.25,
  points: volumes.map((volume) => ({ experimentId: `x${volume}`, runName: `r${volume}`, seed: 1, volume, epoch: 5, score: 0.5, n: 40, interval: { lower: 0.4, upper: 0.6, method: 'wilson', variance: 0.0026 } })),
});
const sensitivity = (ability: string, cls: AbilitySensitivity['class'], dataFits: AbilitySensitivity['dataFits']): AbilitySensitivity => ({
  ability, class: cls, dataFits, sizeFit: null, reason: '', normalisedData: null, normalisedSize: null,
  basis: { dataSeries: null, sizes: null, dataP: null, sizeP: null, plateau: null, level: 0.05 },
});

// issue 13 item 6: what the quotas and the hours ranking read from the growth view
const VIEW = {
  experimentIds: [], minEpoch: 5, pending: [], studyId: null, unsized: [],
  runs: [
    { parameters: 1e9, trainCounts: { history: 64, ethics: 1000 } },
    { parameters: 7e9, trainCounts: { history: 256, ethics: 16 } },
  ],
  series: [series('history', 7e9, [4, 16, 64, 256]), series('ethics', 7e9, [16, 64, 256, 1000, 1000]), series('code', 1e9, [4, 16, 64]), series('role_play', 7e9, [4, 16])],
  sensitivities: [
    sensitivity('history', 'responsive', [{ parameters: 7e9, source: 'curated', fit: fit(0.06, 0.1), lastThree: fit(0.05, 0.15) }]),
    sensitivity('ethics', 'plateaued', [{ parameters: 7e9, source: 'curated', fit: fit(0.02, 0.5), lastThree: fit(0.001, 0.6) }]),
    sensitivity('code', 'resistant', [{ parameters: 1e9, source: 'curated', fit: fit(0.001, 0.4), lastThree: null }]),
    sensitivity('role_play', 'responsive', [{ parameters: 7e9, source: 'curated', fit: null, lastThree: null }]),
  ],
} as unknown as GrowthView;

describe(lineFits.name, () => {
  it('takes α_D and b from the chosen line, the class from the sensitivity, and the plateau start from the last three volumes', () => {
    const { fits, missing } = lineFits(VIEW, 7e9, 'curated');
    expect(Object.fromEntries(fits)).toEqual({
      history: { alpha: 0.06, b: 0.1, class: 'responsive' },
      // distinct volumes 16, 64, 256, 1000: the last three start at 64
      ethics: { alpha: 0.02, b: 0.5, class: 'plateaued', plateauStart: 64 },
    });
    expect(missing).toEqual([
      { ability: 'code', code: 'no_runs', reason: 'no runs on the line' },
      { ability: 'role_play', code: 'few_points', reason: 'fewer than 3 points on the line, or one volume' },
    ]);
  });

  it('names an ability without a sensitivity (not classifiable) as missing', () => {
    const view = { ...VIEW, sensitivities: VIEW.sensitivities.filter((s) => s.ability !== 'history') } as GrowthView;
    expect(lineFits(view, 7e9, 'curated').missing[1]).toEqual({ ability: 'history', code: 'no_class', reason: 'no class: neither a data-volume nor a model-size fit could be made' });
  });
});

describe(plateauStart.name, () => {
  const point = (volume: number, seed: number, score: number, lower: number, upper: number) => ({
    experimentId: `x${volume}-${seed}`, runName: `r${volume}`, seed, volume, epoch: 4, score, n: 48, interval: { lower, upper, method: 'wilson' as const, variance: 0.001 },
  });
  // the end-to-end study's points (growth-study-loop.e2e-spec.ts): a bend up to the ceiling, not a flat window
  const bend = [
    point(8, 1, 0.375, 0.252, 0.516), point(8, 2, 0.458, 0.326, 0.597),
    point(32, 1, 0.583, 0.443, 0.712), point(32, 2, 0.604, 0.463, 0.730),
    point(64, 1, 0.979, 0.891, 0.996), point(64, 2, 0.917, 0.804, 0.967),
    point(128, 1, 0.979, 0.891, 0.996), point(128, 2, 1, 0.926, 1),
  ];

  it('issue 13 item 6: starts where the scores reach the top of the last three volumes, not at a volume clearly below it', () => {
    // 32 items (≤ 73 %) are clearly below 128's (≥ 89 %); 64's reach them
    expect(plateauStart(bend)).toBe(64);
  });

  it('is the first of the last three volumes when that one already reaches the best, and null below three volumes', () => {
    const flat = bend.map((p) => (p.volume === 32 ? { ...p, score: 0.95, interval: { ...p.interval, lower: 0.85, upper: 0.99 } } : p));
    expect(plateauStart(flat)).toBe(32);
    // the best volume need not be the largest: a dip at the end still starts the plateau where the top is reached
    const dip = bend.map((p) => (p.volume === 128 ? { ...p, score: 0.9, interval: { ...p.interval, lower: 0.8, upper: 0.96 } } : p));
    expect(plateauStart(dip)).toBe(64);
    expect(plateauStart(bend.filter((p) => p.volume >= 64))).toBeNull();
  });
});

describe(currentCounts.name, () => {
  it('is the largest train count of each ability among the runs; the largest size is the default line', () => {
    expect(currentCounts(VIEW)).toEqual({ history: 256, ethics: 1000 });
    expect(largestSize(VIEW)).toBe(7e9);
    expect(largestSize({ ...VIEW, runs: [] } as GrowthView)).toBeNull();
  });
});
