import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The item life-cycle's new move (server/items/item-lifecycle.ts overrule_duplicate_unreviewed): a lead overrules the
 * duplicate mark of an answered item of review mode `none`, which is accepted (no review round ever leases an item
 * of that mode, so sending it to pending_review would strand it). The status trigger of
 * 1764002000000-GuardItemStatusTransitions allows what item_status_transitions lists.
 */
export class OverruleUnreviewedDuplicate1764023000000 implements MigrationInterface {
  name = 'OverruleUnreviewedDuplicate1764023000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`INSERT INTO item_status_transitions (from_status, to_status, action) VALUES ('duplicate', 'accepted', 'overrule_duplicate_unreviewed')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM item_status_transitions WHERE action = 'overrule_duplicate_unreviewed'`);
  }
}
