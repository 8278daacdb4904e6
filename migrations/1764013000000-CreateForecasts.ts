import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Forecasts checked on landing (issue 13 item 5): when a run is queued whose point (ability, model size, source,
 * volume) has no measured score yet, the score its line's fit predicts there, with the 95% prediction interval and
 * the number of points the fit was based on; filled with the measured score, the error (measured − predicted) and
 * whether it fell inside once the run's reported checkpoint is final. One forecast per experiment and ability.
 */
export class CreateForecasts1764013000000 implements MigrationInterface {
  name = 'CreateForecasts1764013000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE forecasts (
        id bigserial PRIMARY KEY,
        experiment_id uuid NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
        ability text NOT NULL,
        parameters bigint NOT NULL CHECK (parameters > 0),
        source text NOT NULL CHECK (source IN ('curated', 'synthetic')),
        volume int NOT NULL CHECK (volume > 0),
        predicted double precision NOT NULL,
        lower double precision NOT NULL,
        upper double precision NOT NULL,
        based_on int NOT NULL CHECK (based_on >= 3),
        created_at timestamptz NOT NULL DEFAULT now(),
        measured double precision,
        error double precision,
        inside boolean,
        checked_at timestamptz,
        UNIQUE (experiment_id, ability),
        CHECK (lower <= predicted AND predicted <= upper),
        CHECK ((measured IS NULL) = (error IS NULL) AND (measured IS NULL) = (inside IS NULL) AND (measured IS NULL) = (checked_at IS NULL))
      )`);
    await q.query(`CREATE INDEX forecasts_ability ON forecasts (ability)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE forecasts`);
  }
}
