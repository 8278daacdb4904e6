import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the growth analysis reads without touching per-item results (issue 13 item 2):
 * - each ability score keeps its 95% interval as computed when its evaluation landed (summariseGroup: Wilson for 0/1
 *   per-item scores, the seeded bootstrap otherwise) and `loss`, the mean per-token NLL (nats) of the gold answers of
 *   the group's items where the back-end measured it (L_i of the probe study);
 * - each experiment keeps its train set's size per ability key (`train_counts`), known when it is queued (recipe
 *   sampling is deterministic in version, recipe revision and seed): the x of its growth points and forecasts.
 * Rows written before stay NULL until the backfill (`npm run cli -- growth backfill`) or the next evaluation fills them.
 */
export class GrowthStore1764010000000 implements MigrationInterface {
  name = 'GrowthStore1764010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE ability_scores
        ADD COLUMN ci_lower real,
        ADD COLUMN ci_upper real,
        ADD COLUMN ci_method text CHECK (ci_method IN ('wilson', 'bootstrap')),
        ADD COLUMN ci_variance real CHECK (ci_variance >= 0),
        ADD COLUMN loss real CHECK (loss >= 0),
        ADD CONSTRAINT ability_scores_ci_complete CHECK ((ci_lower IS NULL) = (ci_upper IS NULL) AND (ci_lower IS NULL) = (ci_method IS NULL) AND (ci_lower IS NULL) = (ci_variance IS NULL))`);
    await q.query(`ALTER TABLE experiments ADD COLUMN train_counts jsonb CHECK (train_counts IS NULL OR jsonb_typeof(train_counts) = 'object')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE experiments DROP COLUMN train_counts`);
    await q.query(`
      ALTER TABLE ability_scores
        DROP CONSTRAINT ability_scores_ci_complete,
        DROP COLUMN ci_lower, DROP COLUMN ci_upper, DROP COLUMN ci_method, DROP COLUMN ci_variance, DROP COLUMN loss`);
  }
}
