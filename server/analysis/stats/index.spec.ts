import { describe, expect, it } from 'vitest';
import { xoshiro128ss } from '../../agreement/stats';
import * as stats from './index';

const VOLUMES = [10, 40, 160, 640, 2560, 10000];

describe('analysis stats (index)', () => {
  it('issue 13 items 2, 3, 5: per-item scores → point intervals → weighted fit → class → forecast → check, through the index', () => {
    // A 0/1 ability whose true accuracy is 0.1 + 0.07·ln x, 200 test items per point, seeded.
    const random = xoshiro128ss(5);
    const truth = (x: number) => 0.1 + 0.07 * Math.log(x);
    const points = VOLUMES.slice(0, 5).map((x) => {
      const scores = Array.from({ length: 200 }, () => (random() < truth(x) ? 1 : 0));
      const ci = stats.scoreInterval(scores);
      expect(ci.method).toBe('wilson');
      return { x, y: ci.estimate, variance: ci.variance };
    });
    const fit = stats.fitLogLinear(points);
    if (!fit.estimable) throw new Error(fit.reason);
    expect(fit.weighting).toBe('inverse-variance');
    expect(fit.ciAlpha.lower).toBeLessThanOrEqual(0.07);
    expect(fit.ciAlpha.upper).toBeGreaterThanOrEqual(0.07);
    const lastThree = stats.fitLogLinear(stats.pointsAtLastVolumes(points));
    expect(stats.classifyAbility({ dataFit: fit, lastThreeDataFit: lastThree }).data?.significant).toBe(true);
    // Forecast the sixth volume before "running" it, with the new point's expected variance (200 items at the forecast).
    const forecastAt = 10000;
    const expectedP = fit.predict(forecastAt).estimate;
    const forecast = fit.predict(forecastAt, (expectedP * (1 - expectedP)) / 200);
    const measuredScores = Array.from({ length: 200 }, () => (random() < truth(forecastAt) ? 1 : 0));
    const measured = stats.scoreInterval(measuredScores).estimate;
    const outcome = stats.checkForecast(forecast, measured);
    expect(outcome.absError).toBeCloseTo(Math.abs(measured - forecast.estimate), 15);
    const [row] = stats.forecastAccuracy([{ ability: 'code', prediction: forecast, measured }]);
    expect(row).toMatchObject({ ability: 'code', n: 1, coverage: outcome.inside ? 1 : 0 });
  });
});
