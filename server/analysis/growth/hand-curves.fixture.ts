import type { GrowthCurves, GrowthPoint, GrowthSeries } from './growth-types';

/**
 * Hand-made growth curves for the chart and CSV tests (issue 13 item 7), built against growth-types only: the ability
 * `chinese` for a 7B and a 13B model, curated and synthetic, two seeds at one volume, a Wilson and a bootstrap
 * interval, and a benchmark family in 0- and 5-shot. A run name holds a comma, a quote, a newline and Chinese.
 */
export const TRICKY_RUN_NAME = '中文, "第一" 版\n二';

function point(volume: number, score: number, overrides: Partial<GrowthPoint> = {}): GrowthPoint {
  return {
    experimentId: `exp-${volume}`,
    runName: `curated-${volume * 10}`,
    seed: 1,
    volume,
    epoch: 5,
    score,
    n: 40,
    interval: { lower: score - 0.1, upper: score + 0.1, method: 'wilson', variance: (0.2 / (2 * 1.96)) ** 2 },
    ...overrides,
  };
}

function series(parameters: number, source: 'curated' | 'synthetic', points: GrowthPoint[], extra: Partial<GrowthSeries> = {}): GrowthSeries {
  const kind = extra.kind ?? 'ability';
  const suite = extra.suite ?? 'in-domain';
  const ability = extra.ability ?? 'chinese';
  const shots = extra.shots ?? 0;
  return { key: `${kind}:${suite}:${ability}|${parameters}|${source}|${shots}`, kind, suite, ability, parameters, source, shots, points, expected: 0.25, ...extra };
}

export function handCurves(): GrowthCurves {
  return {
    experimentIds: ['exp-1', 'exp-4', 'exp-16', 'exp-64'],
    minEpoch: 5,
    series: [
      // listed out of legend order on purpose: the chart sorts by size, then curated before synthetic
      series(13e9, 'curated', [point(1, 0.3), point(4, 0.4), point(16, 0.5, { seed: 1 }), point(16, 0.56, { seed: 2, runName: 'curated-160 s2' })]),
      series(7e9, 'synthetic', [point(4, 0.3), point(16, 0.35), point(64, 0.42)]),
      series(7e9, 'curated', [
        point(1, 0.28, { runName: TRICKY_RUN_NAME }),
        point(4, 0.33),
        point(16, 0.41, { interval: { lower: 0.35, upper: 0.47, method: 'bootstrap', variance: 0.0009 } }),
        point(64, 0.47),
        point(1000, 0.6),
      ]),
      series(7e9, 'curated', [point(2560, 0.4), point(10000, 0.45)], { kind: 'benchmark', suite: 'cmmlu', ability: 'average', shots: 0 }),
      series(7e9, 'curated', [point(2560, 0.43), point(10000, 0.5)], { kind: 'benchmark', suite: 'cmmlu', ability: 'average', shots: 5 }),
    ],
    sensitivities: [
      {
        ability: 'chinese',
        dataFits: [
          {
            parameters: 7e9,
            source: 'curated',
            fit: { alpha: 0.045, b: 0.28, seAlpha: 0.004, alphaLower: 0.032, alphaUpper: 0.058, r2: 0.97, n: 5, gainPerX4: 0.045 * Math.log(4), weighting: 'inverse-variance' },
            lastThree: null,
          },
        ],
        sizeFit: null,
        class: 'responsive',
        reason: 'α_D > 0, p = 0.001; not plateaued, "last three" CI > 0',
        basis: { dataSeries: { parameters: 7e9, source: 'curated', volumes: 5 }, sizes: null, dataP: 0.001, sizeP: null, plateau: false, level: 0.05 },
        normalisedData: 1,
        normalisedSize: null,
      },
    ],
    pending: [],
  };
}
