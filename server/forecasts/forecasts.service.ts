import { Injectable, Logger, OnModuleInit, Optional } from '@nestjs/common';
import { toCsv, type CsvOptions } from '../analysis/growth/growth-csv';
import type { DataSource as RunSource, GrowthSeries } from '../analysis/growth/growth-types';
import { sourceOfPool } from '../growth/growth.repository';
import { checkForecast, fitLogLinear, forecastAccuracy } from '../analysis/stats';
import { EventsService } from '../events/events.service';
import { RunLandedHooks } from '../events/run-landed-hooks';
import { RunQueuedHooks } from '../experiments/run-queued-hooks';
import { GrowthService } from '../growth/growth.service';
import type { ForecastAccuracyView, ForecastView, GrowthUpdatedEvent } from '../growth/growth-views';
import { ForecastsRepository, type NewForecast } from './forecasts.repository';

/** Which forecasts a request reads: a study's runs, a set of runs (the growth page's selection), one run, and/or one ability (none: all). */
export interface ForecastSelection {
  studyId?: number;
  experimentIds?: string[];
  experimentId?: string;
  ability?: string;
}

export const GROWTH_ROOM = 'growth';

export const FORECAST_COLUMNS = [
  'ability', 'parameters', 'source', 'volume', 'run', 'experiment_id', 'predicted', 'lower', 'upper', 'based_on', 'created_at',
  'measured', 'error', 'inside', 'checked_at',
] as const;

/**
 * Forecasts checked on landing (issue 13 item 5). When a run is queued, each ability it trains on (train count > 0)
 * whose point on the run's line (model size × source) has no measured score at that volume gets the score the line's
 * fit predicts there: ACC = α·ln(volume) + b fitted to the line's measured points of the ability (weighted by their
 * interval variances when all have one, as the sensitivities are), with the 95% prediction interval for a new
 * observation (not the mean's interval). When the run's reported checkpoint is final (the run completed and none of
 * its evaluations is still to come), each forecast is checked against the measured score: error = measured −
 * predicted, inside = lower ≤ measured ≤ upper; a re-evaluation checks it again.
 */
@Injectable()
export class ForecastsService implements OnModuleInit {
  private readonly logger = new Logger(ForecastsService.name);

  constructor(
    private readonly repo: ForecastsRepository,
    private readonly growth: GrowthService,
    private readonly events: EventsService,
    @Optional() private readonly queued?: RunQueuedHooks,
    @Optional() private readonly landed?: RunLandedHooks,
  ) {}

  onModuleInit(): void {
    this.queued?.on((run) => this.recordFor(run.id).then(() => undefined));
    this.landed?.on((experimentId) => this.checkLanded(experimentId).then(() => undefined));
  }

  /** Records the forecasts of a newly queued run; returns how many were recorded. */
  async recordFor(experimentId: string): Promise<number> {
    const [row] = await this.growth.rows({ experimentIds: [experimentId] });
    if (row.parameters === null) {
      this.logger.debug(`run ${experimentId}: no forecast, its base model has no parameter count (no size line)`);
      return 0;
    }
    // stored when the run is queued (GrowthService.rows fills older rows through the TrainCounts port)
    const counts = row.trainCounts;
    if (counts === null) {
      this.logger.debug(`run ${experimentId}: no forecast, its train counts are not known`);
      return 0;
    }
    const parameters = Number(row.parameters);
    const source = sourceOfPool(row.pool);
    // the line's finished runs: a queued or running one has no final score, and its best-checkpoint rule (another
    // bestFromEpoch) must not decide the finished ones'
    const onLine = (await this.growth.selectedIds({ parameters, source })).filter((id) => id !== experimentId);
    const others = (await this.growth.rows({ experimentIds: onLine })).filter((r) => r.status === 'completed').map((r) => r.id);
    if (others.length === 0) {
      this.logger.debug(`run ${experimentId}: no forecast, no run on its line has finished`);
      return 0;
    }
    const line = await this.growth.curves({ experimentIds: others });
    const forecasts: NewForecast[] = [];
    for (const [ability, volume] of Object.entries(counts)) {
      if (!(volume > 0)) continue;
      const series = abilitySeries(line.series, ability, parameters, source);
      const points = series?.points ?? [];
      if (points.some((p) => p.volume === volume)) {
        this.logger.debug(`run ${experimentId}: no forecast for ${ability}, ${volume} items is already measured on its line`);
        continue;
      }
      const fit = fitLogLinear(points.map((p) => ({ x: p.volume, y: p.score, variance: p.interval.variance })));
      if (!fit.estimable) {
        this.logger.debug(`run ${experimentId}: no forecast for ${ability}: ${fit.reason}`);
        continue;
      }
      const p = fit.predict(volume);
      forecasts.push({ experimentId, ability, parameters, source, volume, predicted: p.estimate, lower: p.lower, upper: p.upper, basedOn: fit.n });
    }
    return this.repo.insert(forecasts);
  }

  /**
   * Checks a run's forecasts once its reported checkpoint is final; returns how many were checked (0 when it is not
   * final yet, or has no forecast). Idempotent: called again (a re-evaluation), it stores the score measured now.
   */
  async checkLanded(experimentId: string): Promise<number> {
    if (!(await this.repo.hasForecasts(experimentId)) || !(await this.repo.isFinal(experimentId))) return 0;
    const view = await this.growth.curves({ experimentIds: [experimentId] });
    let checked = 0;
    for (const f of await this.repo.list({ experimentIds: [experimentId] })) {
      const point = abilitySeries(view.series, f.ability, f.parameters, f.source)?.points.find((p) => p.experimentId === experimentId);
      if (!point) {
        this.logger.debug(`run ${experimentId}: forecast of ${f.ability} stays unchecked, the run has no score for it`);
        continue;
      }
      const outcome = checkForecast({ estimate: f.predicted, lower: f.lower, upper: f.upper }, point.score, `forecast ${f.id} (${f.ability})`);
      await this.repo.saveCheck(f.id, point.score, outcome.error, outcome.inside);
      checked++;
    }
    if (checked > 0) await this.events.publish(GROWTH_ROOM, 'growth.updated', { experimentIds: [experimentId], studyIds: [] } satisfies GrowthUpdatedEvent);
    return checked;
  }

  async list(sel: ForecastSelection): Promise<ForecastView[]> {
    let experimentIds = sel.studyId !== undefined ? await this.growth.selectedIds({ studyId: sel.studyId }) : sel.experimentIds;
    if (sel.experimentId !== undefined) experimentIds = (experimentIds ?? [sel.experimentId]).filter((id) => id === sel.experimentId);
    return this.repo.list({ experimentIds, ability: sel.ability });
  }

  /** Per ability: forecasts made, checked, and over the checked ones MAE, mean error and interval coverage. */
  async accuracy(sel: ForecastSelection): Promise<ForecastAccuracyView[]> {
    return accuracyOf(await this.list(sel));
  }

  /** The forecasts as CSV, for GET /api/growth/export/forecasts.csv (pass the growth request's studyId or experimentIds). */
  async csv(sel: ForecastSelection, options: CsvOptions = {}): Promise<string> {
    const rows = (await this.list(sel)).map((f) => [
      f.ability, f.parameters, f.source, f.volume, f.experimentName, f.experimentId, f.predicted, f.lower, f.upper, f.basedOn, f.createdAt,
      f.measured, f.error, f.inside === null ? null : String(f.inside), f.checkedAt,
    ]);
    return toCsv(FORECAST_COLUMNS, rows, options);
  }
}

function abilitySeries(series: readonly GrowthSeries[], ability: string, parameters: number, source: RunSource): GrowthSeries | undefined {
  return series.find((s) => s.kind === 'ability' && s.shots === 0 && s.ability === ability && s.parameters === parameters && s.source === source);
}

export function accuracyOf(forecasts: readonly ForecastView[]): ForecastAccuracyView[] {
  const abilities = [...new Set(forecasts.map((f) => f.ability))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const checked = forecasts.filter((f) => f.measured !== null);
  const stats = new Map(
    forecastAccuracy(checked.map((f) => ({ ability: f.ability, prediction: { estimate: f.predicted, lower: f.lower, upper: f.upper }, measured: f.measured as number }))).map((a) => [a.ability, a]),
  );
  return abilities.map((ability) => {
    const s = stats.get(ability);
    return {
      ability,
      forecasts: forecasts.filter((f) => f.ability === ability).length,
      checked: s?.n ?? 0,
      meanAbsError: s?.meanAbsError ?? null,
      meanError: s?.meanError ?? null,
      coverage: s?.coverage ?? null,
    };
  });
}
