import type { MigrationInterface, QueryRunner } from 'typeorm';
import { LEASE_FUNCTION as PREVIOUS_LEASE_FUNCTION } from './1764022000000-SingleReviewRounds';

/**
 * The review queue's stage priority, set by a lead (issue 16 item 2): one settings row holding the order in which
 * `pace_lease_review` serves the three kinds of round — by default validation, then distractor review, then
 * filtering, so a revised item's validation round closes before new items are opened.
 *
 * The lease function reads the row itself (still one call, one round trip) and walks the stages in that order; the
 * first stage with work for the caller answers:
 * - a free slot in an open round of that kind (a filtering round's second slot before any new filtering round);
 * - for the filtering stage, then a new filtering round on a pending item.
 * Inside a stage, the pace-guided weights order the abilities exactly as before (the PaceGuidedQueue migration's
 * weighted draw), else the oldest round / oldest item comes first. A reviewer's own lease, prefetch, expiry, the
 * row locks with SKIP LOCKED and the single-review rules are unchanged (SingleReviewRounds). A `kind` asked for
 * skips the other stages; an `ability` asked for narrows each stage to it.
 *
 * Before this, without pace weights the queue served the oldest open round of any kind, so second slots of older
 * filtering rounds came before a validation round opened later.
 */
export class QueueStageOrder1764025000000 implements MigrationInterface {
  name = 'QueueStageOrder1764025000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE review_queue_settings (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        stage_order text[] NOT NULL DEFAULT '{validation,distractor,filter}'
          CHECK (cardinality(stage_order) = 3 AND stage_order @> '{validation,distractor,filter}'),
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        updated_at timestamptz
      )`);
    await q.query(`INSERT INTO review_queue_settings (id) VALUES (1)`);
    // each stage looks for the oldest open round of its kind: an index per kind keeps that a short scan
    await q.query(`CREATE INDEX review_rounds_open_kind_idx ON review_rounds (kind, id) WHERE status = 'open' AND open_slots > 0`);
    await q.query(LEASE_FUNCTION);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(PREVIOUS_LEASE_FUNCTION);
    await q.query(`DROP INDEX review_rounds_open_kind_idx`);
    await q.query(`DROP TABLE review_queue_settings`);
  }
}

const LEASE_FUNCTION = `
  CREATE OR REPLACE FUNCTION pace_lease_review(p_reviewer uuid, p_ability int, p_kind text, p_lease_s int, p_prefetch boolean, p_weights jsonb)
  RETURNS TABLE (assignment_id bigint, fresh boolean) LANGUAGE plpgsql AS $$
  DECLARE
    v_id bigint;
    v_round bigint;
    v_item bigint;
    v_ability int;
    v_source uuid;
    v_mode text;
    v_held int;
    v_pace boolean := p_weights IS NOT NULL AND p_ability IS NULL;
    v_pref record;
    v_order text[];
    v_stage text;
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

    SELECT stage_order INTO v_order FROM review_queue_settings WHERE id = 1;
    FOREACH v_stage IN ARRAY coalesce(v_order, '{validation,distractor,filter}'::text[]) LOOP
      CONTINUE WHEN p_kind IS NOT NULL AND p_kind <> v_stage;

      IF v_pace THEN
        -- one draw per ability for this stage: the drawn ability first, then the oldest round
        WITH pref AS MATERIALIZED (
          SELECT e.key::int AS ability_id,
                 CASE WHEN e.value::float8 > 0 THEN -ln(1 - random()) / e.value::float8 ELSE 'Infinity'::float8 END AS k
          FROM jsonb_each_text(p_weights) e
        )
        SELECT r.id INTO v_round FROM review_rounds r LEFT JOIN pref ON pref.ability_id = r.ability_id
        WHERE r.status = 'open' AND r.open_slots > 0 AND r.kind = v_stage
          AND NOT (p_reviewer = ANY (r.excluded_reviewers))
          AND NOT EXISTS (SELECT 1 FROM review_assignments a WHERE a.round_id = r.id AND a.reviewer_id = p_reviewer)
        ORDER BY coalesce(pref.k, 'Infinity'::float8), r.id
        LIMIT 1 FOR UPDATE OF r SKIP LOCKED;
      ELSE
        SELECT r.id INTO v_round FROM review_rounds r
        WHERE r.status = 'open' AND r.open_slots > 0 AND r.kind = v_stage
          AND (p_ability IS NULL OR r.ability_id = p_ability)
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
      CONTINUE WHEN v_stage <> 'filter';

      -- the filtering stage's second half: a new round on a pending item
      IF v_pace THEN
        FOR v_pref IN
          WITH pref AS MATERIALIZED (
            SELECT e.key::int AS ability_id, -ln(1 - random()) / e.value::float8 AS k
            FROM jsonb_each_text(p_weights) e WHERE e.value::float8 > 0
          )
          SELECT pref.ability_id FROM pref
          WHERE EXISTS (SELECT 1 FROM items i WHERE i.status = 'pending_review' AND i.ability_id = pref.ability_id AND i.review_mode <> 'none')
          ORDER BY pref.k
        LOOP
          SELECT id, ability_id, source_id, review_mode INTO v_item, v_ability, v_source, v_mode FROM items
          WHERE status = 'pending_review' AND ability_id = v_pref.ability_id AND review_mode <> 'none'
          ORDER BY status, ability_id, id LIMIT 1 FOR UPDATE SKIP LOCKED;
          EXIT WHEN v_item IS NOT NULL;
        END LOOP;
      END IF;
      IF v_item IS NULL THEN
        IF p_ability IS NULL THEN
          SELECT id, ability_id, source_id, review_mode INTO v_item, v_ability, v_source, v_mode FROM items
          WHERE status = 'pending_review' AND review_mode <> 'none' ORDER BY status, ability_id, id LIMIT 1 FOR UPDATE SKIP LOCKED;
        ELSE
          SELECT id, ability_id, source_id, review_mode INTO v_item, v_ability, v_source, v_mode FROM items
          WHERE status = 'pending_review' AND ability_id = p_ability AND review_mode <> 'none'
          ORDER BY status, ability_id, id LIMIT 1 FOR UPDATE SKIP LOCKED;
        END IF;
      END IF;
      CONTINUE WHEN v_item IS NULL;
      UPDATE items SET status = 'in_review', updated_at = now() WHERE id = v_item;
      -- the caller takes the first slot: a single-review round opens with none left
      INSERT INTO review_rounds (item_id, kind, ability_id, source_id, reviews_needed, open_slots)
      VALUES (v_item, 'filter', v_ability, v_source, CASE WHEN v_mode = 'single' THEN 1 ELSE 2 END, CASE WHEN v_mode = 'single' THEN 0 ELSE 1 END)
      RETURNING id INTO v_round;
      INSERT INTO review_assignments (round_id, reviewer_id, expires_at)
      VALUES (v_round, p_reviewer, now() + make_interval(secs => p_lease_s)) RETURNING id INTO v_id;
      INSERT INTO audit_log (actor_id, entity, entity_id, action, before, after)
      VALUES (p_reviewer, 'item', v_item::text, 'status', '{"status": "pending_review"}', '{"status": "in_review"}');
      RETURN QUERY SELECT v_id, true;
      RETURN;
    END LOOP;
  END $$`;
