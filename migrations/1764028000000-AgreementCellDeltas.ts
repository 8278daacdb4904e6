import type { MigrationInterface, QueryRunner } from 'typeorm';
import { REBUILD_COUNTS } from './1764022000000-SingleReviewRounds';

/**
 * Deciding transactions no longer serialize on the agreement unit counts (issue 17 item 1).
 *
 * Every decided round added one to one of a handful of `agreement_cells` rows (per subject, ability, source, week,
 * reviews and approvals) with an upsert, and held that row's lock until its durable commit: under load, decisions
 * queued on the disk's flush time one behind the other. Now:
 *
 * - `agreement_cell_totals` is the old table (renamed): the folded counts.
 * - `agreement_cell_deltas` is append-only: a deciding transaction inserts one row (n = 1) and touches no shared row.
 *   It has no foreign keys (each check would take a share lock on the same abilities and sources rows in every
 *   deciding transaction); its values come from the round's row, whose keys are checked, and a fold checks them again
 *   as it adds them to the totals.
 * - `agreement_cells` is a view of totals plus unfolded deltas, summed per cell, with the old table's columns in the
 *   old order: every reader (agreement statistics, guidance, the live `agreement.updated` push, the counts' version)
 *   sees every committed decision whether or not it has been folded. An insert into it lands in the deltas.
 * - The fold (AgreementRepository.foldCellDeltas, run periodically by the app) moves deltas into the totals in one
 *   statement — `DELETE … RETURNING` feeding an upsert — so a reader's snapshot has each delta either unfolded or in
 *   the totals, never both nor neither, and two folds at once never move a delta twice (the second one's DELETE
 *   skips rows the first deleted).
 *
 * agreement_pairs and reviewer_stats stay upserted in the deciding transaction: their rows are per reviewer pair and
 * per reviewer, so two decisions meet on one only when they share a reviewer, and a reviewer decides one round at a time.
 */
export class AgreementCellDeltas1764028000000 implements MigrationInterface {
  name = 'AgreementCellDeltas1764028000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agreement_cells RENAME TO agreement_cell_totals`);
    await q.query(`
      CREATE TABLE agreement_cell_deltas (
        subject text NOT NULL CHECK (subject IN ('items', 'distractors')),
        ability_id int NOT NULL,
        source_id uuid NOT NULL,
        week date NOT NULL,
        reviews smallint NOT NULL CHECK (reviews IN (1, 2)),
        approvals smallint NOT NULL CHECK (approvals BETWEEN 0 AND reviews),
        n int NOT NULL DEFAULT 1
      )`);
    await q.query(`
      CREATE VIEW agreement_cells AS
      SELECT subject, ability_id, source_id, week, approvals, sum(n)::int AS n, reviews
      FROM (SELECT subject, ability_id, source_id, week, reviews, approvals, n FROM agreement_cell_totals
            UNION ALL
            SELECT subject, ability_id, source_id, week, reviews, approvals, n FROM agreement_cell_deltas) c
      GROUP BY subject, ability_id, source_id, week, reviews, approvals`);
    await q.query(`
      CREATE FUNCTION pace_agreement_cells_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO agreement_cell_deltas (subject, ability_id, source_id, week, reviews, approvals, n)
        VALUES (NEW.subject, NEW.ability_id, NEW.source_id, NEW.week, COALESCE(NEW.reviews, 2), NEW.approvals, NEW.n);
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER agreement_cells_insert INSTEAD OF INSERT ON agreement_cells FOR EACH ROW EXECUTE FUNCTION pace_agreement_cells_insert()`);
    await q.query(REBUILD_WITH_DELTAS);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW agreement_cells`);
    await q.query(`DROP FUNCTION pace_agreement_cells_insert()`);
    // the unfolded deltas go into the table they were counted for
    await q.query(`
      INSERT INTO agreement_cell_totals (subject, ability_id, source_id, week, reviews, approvals, n)
      SELECT subject, ability_id, source_id, week, reviews, approvals, sum(n) FROM agreement_cell_deltas GROUP BY 1, 2, 3, 4, 5, 6
      ON CONFLICT (subject, ability_id, source_id, week, reviews, approvals) DO UPDATE SET n = agreement_cell_totals.n + EXCLUDED.n`);
    await q.query(`DROP TABLE agreement_cell_deltas`);
    await q.query(`ALTER TABLE agreement_cell_totals RENAME TO agreement_cells`);
    await q.query(REBUILD_COUNTS);
  }
}

/** The SingleReviewRounds migration's rebuild, writing the totals and emptying the deltas. */
const REBUILD_WITH_DELTAS = REBUILD_COUNTS.replace('TRUNCATE agreement_cells,', 'TRUNCATE agreement_cell_totals, agreement_cell_deltas,').replace(
  'INSERT INTO agreement_cells (',
  'INSERT INTO agreement_cell_totals (',
);
if (REBUILD_WITH_DELTAS.includes('agreement_cells')) throw new Error('AgreementCellDeltas: the rebuild still names agreement_cells');
