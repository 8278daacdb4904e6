import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CreateLeaseReviewFunction1763970000000 } from './1763970000000-CreateLeaseReviewFunction';

/**
 * `POST /reviews/next {prefetch: true}`: a reviewer may hold a second lease, so the workspace can show the next
 * item the moment the current one is decided. `pace_lease_review` gains `p_prefetch`: false keeps the old answer
 * (the caller's oldest lease, else a new one); true answers the caller's second lease, else takes a new one while
 * they hold fewer than two. Prefetch calls of one reviewer are serialized, so two at once cannot make a third.
 */
export class AddReviewPrefetch1763975000000 implements MigrationInterface {
  name = 'AddReviewPrefetch1763975000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION pace_lease_review(uuid, int, text, int)`);
    await q.query(`
      CREATE FUNCTION pace_lease_review(p_reviewer uuid, p_ability int, p_kind text, p_lease_s int, p_prefetch boolean)
      RETURNS TABLE (assignment_id bigint, fresh boolean) LANGUAGE plpgsql AS $$
      DECLARE
        v_id bigint;
        v_round bigint;
        v_item bigint;
        v_ability int;
        v_source uuid;
        v_held int;
      BEGIN
        -- a lease lost to a crash only returns its item to the pool, so the commit need not wait for the disk
        PERFORM set_config('synchronous_commit', 'off', true);
        IF p_prefetch THEN
          PERFORM pg_advisory_xact_lock(hashtextextended('pace_lease_review:' || p_reviewer::text, 0));
        END IF;

        WITH due AS (
          SELECT id FROM review_assignments WHERE state = 'leased' AND expires_at < now()
          ORDER BY expires_at LIMIT 500 FOR UPDATE SKIP LOCKED
        ), gone AS (
          UPDATE review_assignments a SET state = 'expired' FROM due WHERE a.id = due.id RETURNING a.round_id
        )
        UPDATE review_rounds r SET open_slots = r.open_slots + g.n
        FROM (SELECT round_id, count(*)::int AS n FROM gone GROUP BY round_id) g WHERE r.id = g.round_id;

        SELECT a.id INTO v_id FROM review_assignments a JOIN review_rounds r ON r.id = a.round_id
        WHERE a.reviewer_id = p_reviewer AND a.state = 'leased' AND a.expires_at > now()
          AND (p_ability IS NULL OR r.ability_id = p_ability) AND (p_kind IS NULL OR r.kind = p_kind)
        ORDER BY a.id LIMIT 1 OFFSET (CASE WHEN p_prefetch THEN 1 ELSE 0 END);
        IF FOUND THEN
          RETURN QUERY SELECT v_id, false;
          RETURN;
        END IF;
        IF p_prefetch THEN
          SELECT count(*) INTO v_held FROM review_assignments
          WHERE reviewer_id = p_reviewer AND state = 'leased' AND expires_at > now();
          IF v_held >= 2 THEN
            RETURN;
          END IF;
        END IF;

        -- a slot in the oldest open round this reviewer may review; rounds others hold locked are skipped
        SELECT r.id INTO v_round FROM review_rounds r
        WHERE r.status = 'open' AND r.open_slots > 0
          AND (p_ability IS NULL OR r.ability_id = p_ability) AND (p_kind IS NULL OR r.kind = p_kind)
          AND NOT (p_reviewer = ANY (r.excluded_reviewers))
          AND NOT EXISTS (SELECT 1 FROM review_assignments a WHERE a.round_id = r.id AND a.reviewer_id = p_reviewer)
        ORDER BY r.id LIMIT 1 FOR UPDATE SKIP LOCKED;
        IF FOUND THEN
          UPDATE review_rounds SET open_slots = open_slots - 1 WHERE id = v_round;
          INSERT INTO review_assignments (round_id, reviewer_id, expires_at)
          VALUES (v_round, p_reviewer, now() + make_interval(secs => p_lease_s)) RETURNING id INTO v_id;
          RETURN QUERY SELECT v_id, true;
          RETURN;
        END IF;
        IF p_kind IS NOT NULL AND p_kind <> 'filter' THEN
          RETURN;
        END IF;

        -- a new filtering round on the oldest pending item, this reviewer in its first slot
        IF p_ability IS NULL THEN
          SELECT id, ability_id, source_id INTO v_item, v_ability, v_source FROM items
          WHERE status = 'pending_review' ORDER BY status, ability_id, id LIMIT 1 FOR UPDATE SKIP LOCKED;
        ELSE
          SELECT id, ability_id, source_id INTO v_item, v_ability, v_source FROM items
          WHERE status = 'pending_review' AND ability_id = p_ability ORDER BY status, ability_id, id LIMIT 1 FOR UPDATE SKIP LOCKED;
        END IF;
        IF NOT FOUND THEN
          RETURN;
        END IF;
        UPDATE items SET status = 'in_review', updated_at = now() WHERE id = v_item;
        INSERT INTO review_rounds (item_id, kind, ability_id, source_id, open_slots)
        VALUES (v_item, 'filter', v_ability, v_source, 1) RETURNING id INTO v_round;
        INSERT INTO review_assignments (round_id, reviewer_id, expires_at)
        VALUES (v_round, p_reviewer, now() + make_interval(secs => p_lease_s)) RETURNING id INTO v_id;
        INSERT INTO audit_log (actor_id, entity, entity_id, action, before, after)
        VALUES (p_reviewer, 'item', v_item::text, 'status', '{"status": "pending_review"}', '{"status": "in_review"}');
        RETURN QUERY SELECT v_id, true;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION pace_lease_review(uuid, int, text, int, boolean)`);
    await new CreateLeaseReviewFunction1763970000000().up(q);
  }
}
