import type { MigrationInterface, QueryRunner } from 'typeorm';
import { AddReviewPrefetch1763975000000 } from './1763975000000-AddReviewPrefetch';

/**
 * The pace-guided review queue (issue 13 item 6), opt-in by a lead: one settings row (enabled, the study and hours
 * the annotation-hours ranking was computed for, and its per-ability weights as the lead saw them), and
 * `pace_lease_review` gains `p_weights` (ability id → weight, NULL = off).
 *
 * With weights, and only then, what a reviewer who names no ability is offered is ordered:
 * 1. their own current lease (as before);
 * 2. a slot in an open round — validation rounds first, then distractor rounds, then second slots of filtering
 *    rounds (the stage priority) — and inside a stage, abilities by a weighted draw (each ability with leasable
 *    rounds draws the key −ln(U)/w, lowest first: Efraimidis–Spirakis, so an ability is drawn first with probability
 *    w / Σw over the abilities that have work; weight 0 or no weight comes after every weighted one), oldest round
 *    first within the ability;
 * 3. a new filtering round on a pending item, abilities by the same draw, the oldest item of the drawn ability.
 * Without weights the function answers exactly as before (oldest open round of any kind, then the oldest pending item).
 */
export class PaceGuidedQueue1764013001000 implements MigrationInterface {
  name = 'PaceGuidedQueue1764013001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pace_queue_settings (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        enabled boolean NOT NULL DEFAULT false,
        study_id int,
        hours real NOT NULL DEFAULT 10 CHECK (hours > 0),
        weights jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(weights) = 'array'),
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        updated_at timestamptz
      )`);
    await q.query(`DROP FUNCTION pace_lease_review(uuid, int, text, int, boolean)`);
    await q.query(`
      CREATE FUNCTION pace_lease_review(p_reviewer uuid, p_ability int, p_kind text, p_lease_s int, p_prefetch boolean, p_weights jsonb)
      RETURNS TABLE (assignment_id bigint, fresh boolean) LANGUAGE plpgsql AS $$
      DECLARE
        v_id bigint;
        v_round bigint;
        v_item bigint;
        v_ability int;
        v_source uuid;
        v_held int;
        v_pace boolean := p_weights IS NOT NULL AND p_ability IS NULL;
        v_pref record;
      BEGIN
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

        IF v_pace THEN
          -- one draw per ability for this call: the stage first, then the drawn ability, then the oldest round
          WITH pref AS MATERIALIZED (
            SELECT e.key::int AS ability_id,
                   CASE WHEN e.value::float8 > 0 THEN -ln(1 - random()) / e.value::float8 ELSE 'Infinity'::float8 END AS k
            FROM jsonb_each_text(p_weights) e
          )
          SELECT r.id INTO v_round FROM review_rounds r LEFT JOIN pref ON pref.ability_id = r.ability_id
          WHERE r.status = 'open' AND r.open_slots > 0
            AND (p_kind IS NULL OR r.kind = p_kind)
            AND NOT (p_reviewer = ANY (r.excluded_reviewers))
            AND NOT EXISTS (SELECT 1 FROM review_assignments a WHERE a.round_id = r.id AND a.reviewer_id = p_reviewer)
          ORDER BY CASE r.kind WHEN 'validation' THEN 0 WHEN 'distractor' THEN 1 ELSE 2 END, coalesce(pref.k, 'Infinity'::float8), r.id
          LIMIT 1 FOR UPDATE OF r SKIP LOCKED;
        ELSE
          SELECT r.id INTO v_round FROM review_rounds r
          WHERE r.status = 'open' AND r.open_slots > 0
            AND (p_ability IS NULL OR r.ability_id = p_ability) AND (p_kind IS NULL OR r.kind = p_kind)
            AND NOT (p_reviewer = ANY (r.excluded_reviewers))
            AND NOT EXISTS (SELECT 1 FROM review_assignments a WHERE a.round_id = r.id AND a.reviewer_id = p_reviewer)
          ORDER BY r.id LIMIT 1 FOR UPDATE SKIP LOCKED;
        END IF;
        IF v_round IS NOT NULL THEN
          UPDATE review_rounds SET open_slots = open_slots - 1 WHERE id = v_round;
          INSERT INTO review_assignments (round_id, reviewer_id, expires_at)
          VALUES (v_round, p_reviewer, now() + make_interval(secs => p_lease_s)) RETURNING id INTO v_id;
          RETURN QUERY SELECT v_id, true;
          RETURN;
        END IF;
        IF p_kind IS NOT NULL AND p_kind <> 'filter' THEN
          RETURN;
        END IF;

        IF v_pace THEN
          -- weighted abilities that have a pending item, in draw order; the oldest unlocked item of the first
          FOR v_pref IN
            WITH pref AS MATERIALIZED (
              SELECT e.key::int AS ability_id, -ln(1 - random()) / e.value::float8 AS k
              FROM jsonb_each_text(p_weights) e WHERE e.value::float8 > 0
            )
            SELECT pref.ability_id FROM pref
            WHERE EXISTS (SELECT 1 FROM items i WHERE i.status = 'pending_review' AND i.ability_id = pref.ability_id)
            ORDER BY pref.k
          LOOP
            SELECT id, ability_id, source_id INTO v_item, v_ability, v_source FROM items
            WHERE status = 'pending_review' AND ability_id = v_pref.ability_id ORDER BY status, ability_id, id LIMIT 1 FOR UPDATE SKIP LOCKED;
            EXIT WHEN v_item IS NOT NULL;
          END LOOP;
        END IF;
        IF v_item IS NULL THEN
          IF p_ability IS NULL THEN
            SELECT id, ability_id, source_id INTO v_item, v_ability, v_source FROM items
            WHERE status = 'pending_review' ORDER BY status, ability_id, id LIMIT 1 FOR UPDATE SKIP LOCKED;
          ELSE
            SELECT id, ability_id, source_id INTO v_item, v_ability, v_source FROM items
            WHERE status = 'pending_review' AND ability_id = p_ability ORDER BY status, ability_id, id LIMIT 1 FOR UPDATE SKIP LOCKED;
          END IF;
        END IF;
        IF v_item IS NULL THEN
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
    await q.query(`DROP FUNCTION pace_lease_review(uuid, int, text, int, boolean, jsonb)`);
    // AddReviewPrefetch's up() replaces the 4-argument function with the 5-argument one it defines
    await q.query(`CREATE FUNCTION pace_lease_review(uuid, int, text, int) RETURNS void LANGUAGE plpgsql AS $$ BEGIN END $$`);
    await new AddReviewPrefetch1763975000000().up(q);
    await q.query(`DROP TABLE pace_queue_settings`);
  }
}
