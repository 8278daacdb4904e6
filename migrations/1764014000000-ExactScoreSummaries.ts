import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An ability score's mean, interval and gold-answer loss in double precision (issue 13 items 2 and 4). They were
 * `real`: a mean of 1/3 came back as 0.33333334, so a growth curve drawn from the stored summaries differed from the
 * same curve computed from the per-item results (summariseGroup), and a Wilson bound could drift past the mean it
 * brackets. Stored as float8, what the evaluation computed is what every reader gets back, to the last bit.
 */
export class ExactScoreSummaries1764014000000 implements MigrationInterface {
  name = 'ExactScoreSummaries1764014000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE ability_scores
        ALTER COLUMN score TYPE double precision,
        ALTER COLUMN expected TYPE double precision,
        ALTER COLUMN ci_lower TYPE double precision,
        ALTER COLUMN ci_upper TYPE double precision,
        ALTER COLUMN ci_variance TYPE double precision,
        ALTER COLUMN loss TYPE double precision`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE ability_scores
        ALTER COLUMN score TYPE real,
        ALTER COLUMN expected TYPE real,
        ALTER COLUMN ci_lower TYPE real,
        ALTER COLUMN ci_upper TYPE real,
        ALTER COLUMN ci_variance TYPE real,
        ALTER COLUMN loss TYPE real`);
  }
}
