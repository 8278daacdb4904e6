import { describe, expect, it } from 'vitest';
import type { ForecastView } from '../growth/growth-views';
import { accuracyOf } from './forecasts.service';

const forecast = (ability: string, predicted: number, measured: number | null, half = 0.05): ForecastView => ({
  id: 1, experimentId: 'x', experimentName: 'run', ability, parameters: 7e9, source: 'curated', volume: 100, predicted, lower: predicted - half, upper: predicted + half,
  basedOn: 4, createdAt: '2026-01-01T00:00:00.000Z', measured, error: measured === null ? null : measured - predicted,
  inside: measured === null ? null : Math.abs(measured - predicted) <= half, checkedAt: measured === null ? null : '2026-01-02T00:00:00.000Z',
});

describe(accuracyOf.name, () => {
  it('issue 13 item 5: per ability, forecasts made and checked, MAE, mean error and coverage over the checked ones only', () => {
    const rows = accuracyOf([
      forecast('history', 0.5, 0.52), // +0.02, inside
      forecast('history', 0.6, 0.5), // −0.10, outside
      forecast('history', 0.7, null), // not checked yet: counted, not scored
      forecast('code', 0.4, null),
    ]);
    expect(rows).toEqual([
      { ability: 'code', forecasts: 1, checked: 0, meanAbsError: null, meanError: null, coverage: null },
      { ability: 'history', forecasts: 3, checked: 2, meanAbsError: expect.closeTo(0.06, 12), meanError: expect.closeTo(-0.04, 12), coverage: 0.5 },
    ]);
  });
});
