import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The item life-cycle (server/items/item-lifecycle.ts) guarded in the database too: item_status_transitions holds
 * every (from, to, action) the machine allows, and a trigger refuses any other change of items.status, whatever
 * statement makes it (a bulk UPDATE, a SQL function such as pace_lease_review, a hand-written fix). The table is a
 * copy of the machine as of this migration; test/e2e/items-lifecycle.e2e-spec.ts checks that the two agree, so a
 * change to the machine comes with a migration that changes this table.
 */
const MOVES: [from: string, to: string, action: string][] = [
  ['pending_review', 'in_review', 'start_review'],
  ['in_review', 'accepted', 'accept'],
  ['validating', 'accepted', 'accept'],
  ['in_review', 'rejected', 'reject'],
  ['validating', 'rejected', 'reject'],
  ['rejected', 'in_revision', 'send_to_revision'],
  ['needs_answer', 'in_revision', 'send_to_revision'],
  ['accepted', 'in_revision', 'reopen'],
  ['in_revision', 'revising', 'lease_revision'],
  ['revising', 'in_revision', 'return_revision'],
  ['revising', 'validating', 'submit_revision'],
  ['duplicate', 'pending_review', 'overrule_duplicate'],
  ['duplicate', 'needs_answer', 'overrule_duplicate_unanswered'],
];

export class GuardItemStatusTransitions1764002000000 implements MigrationInterface {
  name = 'GuardItemStatusTransitions1764002000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE item_status_transitions (
        from_status text NOT NULL,
        to_status text NOT NULL,
        action text NOT NULL,
        PRIMARY KEY (from_status, to_status, action)
      )`);
    await q.query(
      `INSERT INTO item_status_transitions (from_status, to_status, action) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`,
      [MOVES.map((m) => m[0]), MOVES.map((m) => m[1]), MOVES.map((m) => m[2])],
    );
    await q.query(`
      CREATE FUNCTION pace_check_item_status() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM item_status_transitions WHERE from_status = OLD.status AND to_status = NEW.status) THEN
          RAISE EXCEPTION 'item %: % -> % is not a move of the item life-cycle', OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'check_violation', HINT = 'see server/items/item-lifecycle.ts';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER items_status_life_cycle BEFORE UPDATE OF status ON items
      FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION pace_check_item_status()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER items_status_life_cycle ON items`);
    await q.query(`DROP FUNCTION pace_check_item_status()`);
    await q.query(`DROP TABLE item_status_transitions`);
  }
}
