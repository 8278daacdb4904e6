/** What a forecast said before the run: the fitted score and its prediction interval. */
export interface ForecastPrediction {
  estimate: number;
  lower: number;
  upper: number;
}

export interface ForecastOutcome {
  /** measured − estimate: positive when the ability did better than forecast. */
  error: number;
  absError: number;
  /** Whether the measured score fell inside [lower, upper] (bounds included). */
  inside: boolean;
}

function checkPrediction(p: ForecastPrediction, where: string): void {
  for (const field of ['estimate', 'lower', 'upper'] as const) {
    if (!Number.isFinite(p[field])) throw new RangeError(`${where}: prediction ${field} must be a finite number, got ${p[field]}`);
  }
  if (!(p.lower <= p.estimate && p.estimate <= p.upper)) {
    throw new RangeError(`${where}: prediction must have lower ≤ estimate ≤ upper, got ${p.lower}, ${p.estimate}, ${p.upper}`);
  }
}

/** Checks one forecast against the score measured when its evaluation landed. */
export function checkForecast(prediction: ForecastPrediction, measured: number, where = 'forecast'): ForecastOutcome {
  checkPrediction(prediction, where);
  if (!Number.isFinite(measured)) throw new RangeError(`${where}: measured score must be a finite number, got ${measured}`);
  const error = measured - prediction.estimate;
  return { error, absError: Math.abs(error), inside: prediction.lower <= measured && measured <= prediction.upper };
}

export interface ForecastRecord {
  ability: string;
  prediction: ForecastPrediction;
  measured: number;
}

export interface ForecastAccuracy {
  ability: string;
  /** Forecasts checked. */
  n: number;
  /** Mean of |measured − estimate|. */
  meanAbsError: number;
  /** Mean of measured − estimate: > 0 when the fits under-forecast. */
  meanError: number;
  /** Share of measured scores inside their interval; ≈ the interval's level when the forecasts are honest. */
  coverage: number;
}

/**
 * Forecast accuracy per ability, in ability order: mean absolute error, mean signed error and
 * coverage of the prediction intervals over the checked forecasts. A bad record throws, naming its
 * index and ability.
 */
export function forecastAccuracy(records: readonly ForecastRecord[]): ForecastAccuracy[] {
  const byAbility = new Map<string, ForecastOutcome[]>();
  records.forEach((r, i) => {
    if (typeof r.ability !== 'string' || r.ability === '') throw new RangeError(`forecast ${i}: ability must be a non-empty key`);
    const outcome = checkForecast(r.prediction, r.measured, `forecast ${i} (${r.ability})`);
    const list = byAbility.get(r.ability) ?? [];
    list.push(outcome);
    byAbility.set(r.ability, list);
  });
  return [...byAbility.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([ability, outcomes]) => {
      const n = outcomes.length;
      const mean = (f: (o: ForecastOutcome) => number) => outcomes.reduce((s, o) => s + f(o), 0) / n;
      return { ability, n, meanAbsError: mean((o) => o.absError), meanError: mean((o) => o.error), coverage: mean((o) => (o.inside ? 1 : 0)) };
    });
}
