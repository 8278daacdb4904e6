import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An experiment's base-model evaluation (epoch 0, no checkpoint) is unique per back-end too, so enqueueing it twice
 * finds the first; results are read a page at a time per evaluation and suite.
 */
export class EvaluationsPerBaseModel1763993000000 implements MigrationInterface {
  name = 'EvaluationsPerBaseModel1763993000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE UNIQUE INDEX evaluations_base_model_uq ON evaluations (experiment_id, backend)
        WHERE checkpoint_id IS NULL AND experiment_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX evaluation_results_page_idx ON evaluation_results (evaluation_id, suite, ability, item_id, shots)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX evaluation_results_page_idx`);
    await q.query(`DROP INDEX evaluations_base_model_uq`);
  }
}
