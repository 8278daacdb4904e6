import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An import creates items in one of the life-cycle's initial statuses (server/items/item-lifecycle.ts INITIAL_STATUSES):
 * pending_review, needs_answer, duplicate or reference, and `accepted` only for review mode `none` (a synthetic
 * source's items accepted without review; the review mode itself is only for synthetic sources, see
 * pace_check_review_mode). The status trigger of GuardItemStatusTransitions watches updates only; this one watches
 * what an import in progress inserts, so no code path of the pipeline can create an accepted item that was meant to be
 * reviewed. Items inserted outside a running import (fixtures, hand-made rows) are left to the other checks. The WHEN
 * clause keeps it off the import's hot path: ordinary imports never create accepted items.
 */
export class GuardImportedItemStatus1764021000000 implements MigrationInterface {
  name = 'GuardImportedItemStatus1764021000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION pace_check_imported_status() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM imports WHERE id = NEW.import_id AND status IN ('queued', 'running', 'cancelling')) THEN
          RAISE EXCEPTION 'item %: an import creates accepted items only in review mode none (this one is %)', NEW.id, NEW.review_mode
            USING ERRCODE = 'check_violation', HINT = 'see server/items/item-lifecycle.ts INITIAL_STATUSES';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER items_imported_accepted_only_without_review BEFORE INSERT ON items
      FOR EACH ROW WHEN (NEW.status = 'accepted' AND NEW.review_mode <> 'none') EXECUTE FUNCTION pace_check_imported_status()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER items_imported_accepted_only_without_review ON items`);
    await q.query(`DROP FUNCTION pace_check_imported_status()`);
  }
}
