import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lead dashboard lists disagreements newest first (ReviewQueriesService.disagreements). Without an index the page
 * of ten read every decided round; this partial index holds the split rounds only, in decision order, so the page
 * and its bounded count walk it from the newest end.
 */
export class DisagreementsIndex1764027000000 implements MigrationInterface {
  name = 'DisagreementsIndex1764027000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX review_rounds_disagreements_idx ON review_rounds (decided_at, id) INCLUDE (item_id, kind, ability_id)
         WHERE status = 'decided' AND approve_lo <> approve_hi`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX review_rounds_disagreements_idx`);
  }
}
