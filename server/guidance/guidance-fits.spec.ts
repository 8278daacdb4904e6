import { describe, expect, it } from 'vitest';
import type { AbilitySensitivity, FitSummary, GrowthSeries, GrowthView } from '../growth/growth-views';
import { currentCounts, largestSize, lineFits } from './guidance-fits';

const fit = (alpha: number, b: number): FitSummary => ({ alpha, b, seAlpha: 0.01, alphaLower: alpha - 0.02, alphaUpper: alpha + 0.02, r2: 0.9, n: 5, gainPerX4: alpha * Math.log(4), weighting: 'ordinary' });
const series = (ability: string, parameters: number, volumes: number[]): GrowthSeries => ({
  key: `ability:${ability}|${parameters}|curated|0`, kind: 'ability', suite: 'in-domain', ability, parameters, source: 'curated', shots: 0, expected: 0.25,
  points: volumes.map((volume) => ({ experimentId: `x${volume}`, runName: `r${volume}`, seed: 1, volume, epoch: 5, score: 0.5, n: 40, interval: { lower: 0.4, upper: 0.6, method: 'wilson', variance: 0.0026 } })),
});
const sensitivity = (ability: string, cls: AbilitySensitivity['class'], dataFits: AbilitySensitivity['dataFits']): AbilitySensitivity => ({
  ability, class: cls, dataFits, sizeFit: null, reason: '', normalisedData: null, normalisedSize: null,
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
      { ability: 'code', reason: 'no runs on the line' },
      { ability: 'role_play', reason: 'fewer than 3 points on the line, or one volume' },
    ]);
  });

  it('names an ability without a sensitivity (not classifiable) as missing', () => {
    const view = { ...VIEW, sensitivities: VIEW.sensitivities.filter((s) => s.ability !== 'history') } as GrowthView;
    expect(lineFits(view, 7e9, 'curated').missing[1]).toEqual({ ability: 'history', reason: 'no class: neither a data-volume nor a model-size fit could be made' });
  });
});

describe(currentCounts.name, () => {
  it('is the largest train count of each ability among the runs; the largest size is the default line', () => {
    expect(currentCounts(VIEW)).toEqual({ history: 256, ethics: 1000 });
    expect(largestSize(VIEW)).toBe(7e9);
    expect(largestSize({ ...VIEW, runs: [] } as GrowthView)).toBeNull();
  });
});
