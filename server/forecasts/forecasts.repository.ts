import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DataSource as RunSource } from '../analysis/growth/growth-types';
import type { ForecastView } from '../growth/growth-views';

export interface NewForecast {
  experimentId: string;
  ability: string;
  parameters: number;
  source: RunSource;
  volume: number;
  predicted: number;
  lower: number;
  upper: number;
  basedOn: number;
}

export interface ForecastFilter {
  experimentIds?: string[];
  ability?: string;
}

const VIEW_COLUMNS = `f.id::int AS id, f.experiment_id AS "experimentId", x.name AS "experimentName", f.ability, f.parameters::float8 AS parameters,
  f.source, f.volume, f.predicted, f.lower, f.upper, f.based_on AS "basedOn", to_char(f.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
  f.measured, f.error, f.inside, to_char(f.checked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "checkedAt"`;

/** The forecasts table and the little it reads about runs. */
@Injectable()
export class ForecastsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Records forecasts; a run's forecast of an ability is made once (when it is queued) and never replaced. */
  async insert(rows: NewForecast[]): Promise<number> {
    if (rows.length === 0) return 0;
    const inserted = await this.db.query(
      `INSERT INTO forecasts (experiment_id, ability, parameters, source, volume, predicted, lower, upper, based_on)
       SELECT r."experimentId", r.ability, r.parameters, r.source, r.volume, r.predicted, r.lower, r.upper, r."basedOn"
         FROM jsonb_to_recordset($1::jsonb) AS r("experimentId" uuid, ability text, parameters bigint, source text, volume int,
                                                 predicted float8, lower float8, upper float8, "basedOn" int)
       ON CONFLICT (experiment_id, ability) DO NOTHING RETURNING id`,
      [JSON.stringify(rows)],
    );
    return inserted.length;
  }

  async hasForecasts(experimentId: string): Promise<boolean> {
    const [row] = await this.db.query(`SELECT EXISTS (SELECT 1 FROM forecasts WHERE experiment_id = $1) AS yes`, [experimentId]);
    return row.yes;
  }

  /** Completed, and no evaluation of it still to come or running: its reported checkpoint cannot change any more. */
  async isFinal(experimentId: string): Promise<boolean> {
    const [row] = await this.db.query(
      `SELECT x.status = 'completed'
              AND NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.experiment_id = x.id AND e.status IN ('queued', 'running', 'cancelling')) AS final
         FROM experiments x WHERE x.id = $1`,
      [experimentId],
    );
    return row?.final ?? false;
  }

  async saveCheck(id: number, measured: number, error: number, inside: boolean): Promise<void> {
    await this.db.query(`UPDATE forecasts SET measured = $2, error = $3, inside = $4, checked_at = now() WHERE id = $1`, [id, measured, error, inside]);
  }

  async list(f: ForecastFilter): Promise<ForecastView[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (f.experimentIds) where.push(`f.experiment_id = ANY($${params.push(f.experimentIds)}::uuid[])`);
    if (f.ability !== undefined) where.push(`f.ability = $${params.push(f.ability)}`);
    return this.db.query(
      `SELECT ${VIEW_COLUMNS} FROM forecasts f JOIN experiments x ON x.id = f.experiment_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY f.ability COLLATE "C", f.parameters, f.source, f.volume, f.created_at, f.id`,
      params,
    );
  }
}
