import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PaceGuidedQueue1764013001000 } from './1764013001000-PaceGuidedQueue';

/**
 * Review rounds that honour an item's review mode (issue 15 item 4, DESIGN.md invariant 1).
 *
 * - `review_rounds.reviews_needed`: 2 (dual blind review, every source) or 1 (an item of a synthetic source set to
 *   `single`: its first decision decides the round). `open_slots` never exceeds it, so the lease function's slot
 *   arithmetic (a slot taken under the round's row lock, given back on expiry or release) can never hand out a
 *   second lease on a single-review round (invariant 2 stays a property of the same row lock). A decided round has
 *   both decisions when it needs two and only `reviewer_lo`/`approve_lo` when it needs one.
 * - `pace_lease_review` opens a filtering round with `reviews_needed` from the item's mode (its first slot is the
 *   caller's, so a single round opens with no slot left) and never opens one on a `none` item (those are created
 *   accepted; one that is pending anyway, say after a lead overruled a duplicate flag, still waits for no reviewer).
 * - `agreement_cells.reviews`: single rounds are counted apart (reviews = 1, approvals 0 or 1), so pass rates can
 *   include them while agreement statistics (Fleiss' κ, α, AC1 over the units, Cohen's κ over reviewer pairs) are
 *   computed over two-decision rounds only; a single round adds nothing to `agreement_pairs` nor to a reviewer's
 *   `decided`/`agreed` (there is no co-reviewer to agree with). `pace_rebuild_agreement_counts` follows the same rule.
 */
export class SingleReviewRounds1764022000000 implements MigrationInterface {
  name = 'SingleReviewRounds1764022000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE review_rounds ADD COLUMN reviews_needed smallint NOT NULL DEFAULT 2 CHECK (reviews_needed IN (1, 2))`);
    await q.query(`ALTER TABLE review_rounds ADD CONSTRAINT review_rounds_slots_within_needed CHECK (open_slots <= reviews_needed)`);
    await q.query(`ALTER TABLE review_rounds DROP CONSTRAINT ${await decidedCheckName(q)}`);
    await q.query(`
      ALTER TABLE review_rounds ADD CONSTRAINT review_rounds_decided_complete CHECK (status = 'open' OR (
        outcome IS NOT NULL AND approve_lo IS NOT NULL AND (approve_hi IS NOT NULL) = (reviews_needed = 2)
        AND (reviewer_hi IS NOT NULL) = (reviews_needed = 2)))`);

    await q.query(`ALTER TABLE agreement_cells ADD COLUMN reviews smallint NOT NULL DEFAULT 2 CHECK (reviews IN (1, 2))`);
    await q.query(`ALTER TABLE agreement_cells ADD CONSTRAINT agreement_cells_approvals_within_reviews CHECK (approvals <= reviews)`);
    await q.query(`ALTER TABLE agreement_cells DROP CONSTRAINT agreement_cells_pkey`);
    await q.query(`ALTER TABLE agreement_cells ADD PRIMARY KEY (subject, ability_id, source_id, week, reviews, approvals)`);
    await q.query(REBUILD_COUNTS);

    await q.query(LEASE_FUNCTION);
  }

  async down(q: QueryRunner): Promise<void> {
    // single rounds cannot be told apart once the column is gone: refuse rather than leave rounds the old checks reject
    const [{ n }] = await q.query(`SELECT count(*)::int AS n FROM review_rounds WHERE reviews_needed = 1`);
    if (n > 0) throw new Error(`${n} single-review rounds exist; they would break the dual-review checks this migration relaxed`);
    // PaceGuidedQueue's down() and up() put its lease function back; its settings row is kept across them
    await q.query(`CREATE TEMP TABLE pace_queue_settings_keep AS SELECT * FROM pace_queue_settings`);
    await new PaceGuidedQueue1764013001000().down(q);
    await new PaceGuidedQueue1764013001000().up(q);
    await q.query(`INSERT INTO pace_queue_settings SELECT * FROM pace_queue_settings_keep`);
    await q.query(`DROP TABLE pace_queue_settings_keep`);

    await q.query(`ALTER TABLE agreement_cells DROP CONSTRAINT agreement_cells_pkey`);
    await q.query(`DELETE FROM agreement_cells WHERE reviews = 1`);
    await q.query(`ALTER TABLE agreement_cells DROP COLUMN reviews`);
    await q.query(`ALTER TABLE agreement_cells ADD PRIMARY KEY (subject, ability_id, source_id, week, approvals)`);
    await q.query(OLD_REBUILD_COUNTS);

    await q.query(`ALTER TABLE review_rounds DROP CONSTRAINT review_rounds_decided_complete`);
    await q.query(`ALTER TABLE review_rounds ADD CHECK (status = 'open' OR (outcome IS NOT NULL AND approve_lo IS NOT NULL AND approve_hi IS NOT NULL))`);
    await q.query(`ALTER TABLE review_rounds DROP CONSTRAINT review_rounds_slots_within_needed`);
    await q.query(`ALTER TABLE review_rounds DROP COLUMN reviews_needed`);
  }
}

/** The CreateReviewWorkflow migration left its "a decided round has both decisions" check unnamed. */
async function decidedCheckName(q: QueryRunner): Promise<string> {
  const rows: { conname: string }[] = await q.query(
    `SELECT conname FROM pg_constraint WHERE conrelid = 'review_rounds'::regclass AND contype = 'c'
       AND pg_get_constraintdef(oid) LIKE '%approve_hi IS NOT NULL%'`,
  );
  if (rows.length !== 1) throw new Error(`expected one check on review_rounds naming approve_hi, found ${rows.length}`);
  return `"${rows[0].conname}"`;
}

export const REBUILD_COUNTS = `
  CREATE OR REPLACE FUNCTION pace_rebuild_agreement_counts() RETURNS void LANGUAGE sql AS $$
    TRUNCATE agreement_cells, agreement_pairs, reviewer_stats;
    INSERT INTO agreement_cells (subject, ability_id, source_id, week, reviews, approvals, n)
    SELECT pace_round_subject(kind), ability_id, source_id, date_trunc('week', decided_at)::date,
           reviews_needed, approve_lo::int + coalesce(approve_hi::int, 0), count(*)
    FROM review_rounds WHERE status = 'decided' GROUP BY 1, 2, 3, 4, 5, 6;
    INSERT INTO agreement_pairs (subject, ability_id, reviewer_lo, reviewer_hi, aa, ar, ra, rr)
    SELECT pace_round_subject(kind), ability_id, reviewer_lo, reviewer_hi,
           count(*) FILTER (WHERE approve_lo AND approve_hi), count(*) FILTER (WHERE approve_lo AND NOT approve_hi),
           count(*) FILTER (WHERE NOT approve_lo AND approve_hi), count(*) FILTER (WHERE NOT approve_lo AND NOT approve_hi)
    FROM review_rounds WHERE status = 'decided' AND reviews_needed = 2 GROUP BY 1, 2, 3, 4;
    INSERT INTO reviewer_stats (subject, reviewer_id, ability_id, source_id, reviewed, approved, decided, agreed, time_hist)
    WITH submitted AS (
      SELECT pace_round_subject(r.kind) AS subject, a.reviewer_id, r.ability_id, r.source_id, a.decision, a.time_spent_ms,
             r.status = 'decided' AND r.reviews_needed = 2 AS decided, r.approve_lo = r.approve_hi AS agreed
      FROM review_assignments a JOIN review_rounds r ON r.id = a.round_id WHERE a.state = 'submitted'
    ), hist AS (
      SELECT subject, reviewer_id, ability_id, source_id, pace_time_bucket(time_spent_ms) AS bucket, count(*)::int AS n
      FROM submitted GROUP BY 1, 2, 3, 4, 5
    ), hists AS (
      SELECT g.subject, g.reviewer_id, g.ability_id, g.source_id, array_agg(COALESCE(h.n, 0) ORDER BY b.b) AS time_hist
      FROM (SELECT DISTINCT subject, reviewer_id, ability_id, source_id FROM hist) g
      CROSS JOIN generate_series(1, 100) AS b(b)
      LEFT JOIN hist h ON (h.subject, h.reviewer_id, h.ability_id, h.source_id, h.bucket) = (g.subject, g.reviewer_id, g.ability_id, g.source_id, b.b)
      GROUP BY 1, 2, 3, 4
    )
    SELECT s.subject, s.reviewer_id, s.ability_id, s.source_id, count(*), count(*) FILTER (WHERE s.decision = 'approve'),
           count(*) FILTER (WHERE s.decided), count(*) FILTER (WHERE s.decided AND s.agreed), min(h.time_hist)
    FROM submitted s JOIN hists h USING (subject, reviewer_id, ability_id, source_id) GROUP BY 1, 2, 3, 4;
  $$`;

/** The CreateAgreementCounts migration's function, for down(). */
const OLD_REBUILD_COUNTS = REBUILD_COUNTS.replace(', reviews, approvals, n)', ', approvals, n)')
  .replace('reviews_needed, approve_lo::int + coalesce(approve_hi::int, 0), count(*)', 'approve_lo::int + approve_hi::int, count(*)')
  .replace('GROUP BY 1, 2, 3, 4, 5, 6;', 'GROUP BY 1, 2, 3, 4, 5;')
  .replace(`status = 'decided' AND reviews_needed = 2 GROUP BY`, `status = 'decided' GROUP BY`)
  .replace(`r.status = 'decided' AND r.reviews_needed = 2 AS decided`, `r.status = 'decided' AS decided`);

/**
 * The PaceGuidedQueue migration's function with two changes: a pending item is one whose mode asks for review
 * (`review_mode <> 'none'`), and its new filtering round needs as many reviews as its mode says.
 */
export const LEASE_FUNCTION = `
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
    IF v_item IS NULL THEN
      RETURN;
    END IF;
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
  END $$`;
