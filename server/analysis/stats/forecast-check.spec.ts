import { describe, expect, it } from 'vitest';
import { checkForecast, forecastAccuracy } from './forecast-check';

describe(checkForecast.name, () => {
  it('issue 13 item 5: error is measured − forecast, inside includes the bounds', () => {
    const prediction = { estimate: 0.5, lower: 0.4, upper: 0.6 };
    expect(checkForecast(prediction, 0.55)).toEqual({ error: 0.55 - 0.5, absError: 0.55 - 0.5, inside: true });
    expect(checkForecast(prediction, 0.3)).toMatchObject({ inside: false });
    expect(checkForecast(prediction, 0.3).error).toBeCloseTo(-0.2, 15);
    expect(checkForecast(prediction, 0.3).absError).toBeCloseTo(0.2, 15);
    expect(checkForecast(prediction, 0.6).inside).toBe(true);
    expect(checkForecast(prediction, 0.4).inside).toBe(true);
  });

  it('names a bad prediction or measurement', () => {
    expect(() => checkForecast({ estimate: 0.5, lower: 0.6, upper: 0.7 }, 0.5)).toThrow('forecast: prediction must have lower ≤ estimate ≤ upper, got 0.6, 0.5, 0.7');
    expect(() => checkForecast({ estimate: 0.5, lower: 0.4, upper: 0.6 }, Number.NaN)).toThrow('forecast: measured score must be a finite number, got NaN');
  });
});

describe(forecastAccuracy.name, () => {
  it('issue 13 item 5: mean absolute error, bias and coverage per ability, in ability order', () => {
    const p = (estimate: number) => ({ estimate, lower: estimate - 0.1, upper: estimate + 0.1 });
    const table = forecastAccuracy([
      { ability: 'history', prediction: p(0.5), measured: 0.55 }, // +0.05, inside
      { ability: 'code', prediction: p(0.3), measured: 0.1 }, // −0.2, outside
      { ability: 'history', prediction: p(0.6), measured: 0.45 }, // −0.15, outside
      { ability: 'code', prediction: p(0.3), measured: 0.32 }, // +0.02, inside
      { ability: 'history', prediction: p(0.7), measured: 0.74 }, // +0.04, inside
    ]);
    expect(table.map((row) => row.ability)).toEqual(['code', 'history']);
    const [code, history] = table;
    expect(code.n).toBe(2);
    expect(code.meanAbsError).toBeCloseTo((0.2 + 0.02) / 2, 12);
    expect(code.meanError).toBeCloseTo((-0.2 + 0.02) / 2, 12);
    expect(code.coverage).toBe(0.5);
    expect(history.n).toBe(3);
    expect(history.meanAbsError).toBeCloseTo((0.05 + 0.15 + 0.04) / 3, 12);
    expect(history.meanError).toBeCloseTo((0.05 - 0.15 + 0.04) / 3, 12);
    expect(history.coverage).toBeCloseTo(2 / 3, 15);
    expect(forecastAccuracy([])).toEqual([]);
  });

  it('names the bad record by index and ability', () => {
    expect(() =>
      forecastAccuracy([
        { ability: 'code', prediction: { estimate: 0.3, lower: 0.2, upper: 0.4 }, measured: 0.3 },
        { ability: 'ethics', prediction: { estimate: 0.3, lower: 0.2, upper: Number.POSITIVE_INFINITY }, measured: 0.3 },
      ]),
    ).toThrow('forecast 1 (ethics): prediction upper must be a finite number, got Infinity');
  });
});
