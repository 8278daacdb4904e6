import type { MigrationInterface, QueryRunner } from 'typeorm';
import { REBUILD_COUNTS } from './1764022000000-SingleReviewRounds';

/**
 * Review decisions under load (issue 17 item 1): deciding transactions no longer serialize on the agreement unit
 * counts, and a decision is one round trip (`pace_submit_review`).
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
 *
 * `pace_submit_review` is ReviewsService.submit's deciding transaction as one function, so a decision costs one
 * statement (and one durable commit) rather than a dozen round trips while the round's and the item's row locks are
 * held. Same rules, same order of locks (assignment, round, item, pair, reviewers): see SUBMIT_FUNCTION.
 */
export class ReviewsUnderLoad1764028000000 implements MigrationInterface {
  name = 'ReviewsUnderLoad1764028000000';

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
    await q.query(SUBMIT_FUNCTION);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION pace_submit_review(bigint, uuid, text, text[], text, text, int, text, text[], text, text[], text)`);
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
if (REBUILD_WITH_DELTAS.includes('agreement_cells')) throw new Error('ReviewsUnderLoad: the rebuild still names agreement_cells');

/**
 * One reviewer's decision on their lease, as ReviewsService.submit did it in a transaction of many statements:
 *
 * - the lease, locked, must be the caller's (`not_found`); a submitted one answers again for the same idempotency key
 *   (`replay`, with the decision and outcome stored) and refuses another (`other_key`); an expired or released one is
 *   `expired` / `released`; a key the caller used on another lease is `key_used`. These return before writing.
 * - the decision is stored (time spent: the client's, else the lease's age) and audited (`review`/`submit`);
 * - once the round has the decisions it needs (two, or one for a single-review round), it is decided: reviewers
 *   ordered by id, the unit count delta, the pair's 2×2 table and both reviewers' decided/agreed tallies (dual rounds
 *   only), then its outcome applied: a filtering or validation round moves its item (accept/reject, from the states
 *   the caller passes from item-lifecycle.ts; any other state raises PA409 with the item's status (message), id
 *   (detail) and action (hint), rolling it all back), a distractor round sets the distractor's status and, with two kinds approved, the item's PPL readiness;
 * - the submitter's tally (reviewed, approved, time histogram).
 *
 * Returns `{ status: 'ok', round, outcome, decisions }` (decisions as DecisionRow, in submission order).
 */
const SUBMIT_FUNCTION = `
  CREATE FUNCTION pace_submit_review(p_lease bigint, p_reviewer uuid, p_decision text, p_reasons text[], p_comment text,
                                     p_audit_comment text, p_time_spent_ms int, p_key text,
                                     p_accept_from text[], p_accept_to text, p_reject_from text[], p_reject_to text)
  RETURNS jsonb LANGUAGE plpgsql AS $$
  DECLARE
    a record;
    r record;
    v_round jsonb;
    v_used bigint;
    v_spent int;
    v_decisions jsonb;
    v_n int;
    v_approvals int;
    v_outcome text;
    v_lo uuid; v_lo_ok boolean; v_hi uuid; v_hi_ok boolean;
    v_item_status text;
    v_from text[]; v_to text;
    v_distractor_status text;
    v_kinds int;
  BEGIN
    SELECT id, round_id, reviewer_id, state, decision, submit_key INTO a FROM review_assignments WHERE id = p_lease FOR UPDATE;
    IF NOT FOUND OR a.reviewer_id <> p_reviewer THEN RETURN jsonb_build_object('status', 'not_found'); END IF;
    SELECT id, item_id, kind, revision_id, distractor_id, ability_id, source_id, status, outcome, reviews_needed
      INTO r FROM review_rounds WHERE id = a.round_id FOR UPDATE;
    IF a.state = 'submitted' THEN
      IF a.submit_key = p_key THEN
        RETURN jsonb_build_object('status', 'replay', 'decision', a.decision, 'outcome', r.outcome,
                                  'round', jsonb_build_object('id', r.id::text, 'item_id', r.item_id::text, 'kind', r.kind));
      END IF;
      RETURN jsonb_build_object('status', 'other_key');
    END IF;
    IF a.state <> 'leased' THEN RETURN jsonb_build_object('status', a.state); END IF;
    SELECT id INTO v_used FROM review_assignments WHERE reviewer_id = p_reviewer AND submit_key = p_key;
    IF FOUND THEN RETURN jsonb_build_object('status', 'key_used', 'usedBy', v_used::text); END IF;

    UPDATE review_assignments SET state = 'submitted', submitted_at = now(), decision = p_decision, reasons = p_reasons, comment = p_comment,
           time_spent_ms = COALESCE(p_time_spent_ms, (extract(epoch FROM now() - leased_at) * 1000)::int), submit_key = p_key
     WHERE id = p_lease RETURNING time_spent_ms INTO v_spent;
    INSERT INTO audit_log (actor_id, entity, entity_id, action, before, after)
    VALUES (p_reviewer, 'review', p_lease::text, 'submit', NULL,
            jsonb_build_object('roundId', r.id::text, 'itemId', r.item_id::text, 'kind', r.kind, 'decision', p_decision,
                               'reasons', to_jsonb(p_reasons), 'comment', p_audit_comment));

    SELECT count(*)::int, count(*) FILTER (WHERE x.decision = 'approve')::int,
           coalesce(jsonb_agg(jsonb_build_object('id', x.id::text, 'round_id', x.round_id::text, 'reviewer_id', x.reviewer_id,
                                                 'reviewer_name', u.name, 'decision', x.decision, 'reasons', to_jsonb(x.reasons),
                                                 'comment', x.comment, 'time_spent_ms', x.time_spent_ms, 'submitted_at', x.submitted_at)
                              ORDER BY x.submitted_at, x.id), '[]'::jsonb)
      INTO v_n, v_approvals, v_decisions
      FROM review_assignments x JOIN users u ON u.id = x.reviewer_id
     WHERE x.round_id = r.id AND x.state = 'submitted';

    IF v_n >= r.reviews_needed THEN
      v_outcome := CASE WHEN v_approvals = v_n THEN 'accepted' ELSE 'rejected' END;
      SELECT reviewer_id, decision = 'approve' INTO v_lo, v_lo_ok FROM review_assignments
       WHERE round_id = r.id AND state = 'submitted' ORDER BY reviewer_id LIMIT 1;
      IF v_n > 1 THEN
        SELECT reviewer_id, decision = 'approve' INTO v_hi, v_hi_ok FROM review_assignments
         WHERE round_id = r.id AND state = 'submitted' ORDER BY reviewer_id OFFSET 1 LIMIT 1;
      END IF;
      UPDATE review_rounds SET status = 'decided', outcome = v_outcome, decided_at = now(),
             reviewer_lo = v_lo, approve_lo = v_lo_ok, reviewer_hi = v_hi, approve_hi = v_hi_ok
       WHERE id = r.id;
      -- the agreement counts: the unit pattern as an append-only delta; pair and reviewers (lo, then hi) for dual rounds
      INSERT INTO agreement_cell_deltas (subject, ability_id, source_id, week, reviews, approvals)
      VALUES (pace_round_subject(r.kind), r.ability_id, r.source_id, date_trunc('week', now())::date,
              CASE WHEN v_hi IS NULL THEN 1 ELSE 2 END, v_lo_ok::int + coalesce(v_hi_ok::int, 0));
      IF v_hi IS NOT NULL THEN
        INSERT INTO agreement_pairs (subject, ability_id, reviewer_lo, reviewer_hi, aa, ar, ra, rr)
        VALUES (pace_round_subject(r.kind), r.ability_id, v_lo, v_hi, (v_lo_ok AND v_hi_ok)::int, (v_lo_ok AND NOT v_hi_ok)::int,
                (NOT v_lo_ok AND v_hi_ok)::int, (NOT v_lo_ok AND NOT v_hi_ok)::int)
        ON CONFLICT (subject, ability_id, reviewer_lo, reviewer_hi) DO UPDATE SET
          aa = agreement_pairs.aa + EXCLUDED.aa, ar = agreement_pairs.ar + EXCLUDED.ar,
          ra = agreement_pairs.ra + EXCLUDED.ra, rr = agreement_pairs.rr + EXCLUDED.rr;
        INSERT INTO reviewer_stats (subject, reviewer_id, ability_id, source_id, decided, agreed)
        SELECT pace_round_subject(r.kind), v.reviewer, r.ability_id, r.source_id, 1, (v_lo_ok = v_hi_ok)::int
          FROM unnest(ARRAY[v_lo, v_hi]) WITH ORDINALITY AS v(reviewer, k) ORDER BY v.k
        ON CONFLICT (subject, reviewer_id, ability_id, source_id) DO UPDATE SET
          decided = reviewer_stats.decided + 1, agreed = reviewer_stats.agreed + EXCLUDED.agreed;
      END IF;

      IF r.kind = 'distractor' THEN
        v_distractor_status := CASE WHEN v_outcome = 'accepted' THEN 'approved' ELSE 'rejected' END;
        UPDATE distractors SET status = v_distractor_status, decided_at = now() WHERE id = r.distractor_id;
        INSERT INTO audit_log (actor_id, entity, entity_id, action, before, after)
        VALUES (p_reviewer, 'distractor', r.distractor_id::text, 'status', '{"status": "pending_review"}'::jsonb,
                jsonb_build_object('status', v_distractor_status));
        IF v_distractor_status = 'approved' THEN
          SELECT count(DISTINCT kind)::int INTO v_kinds FROM distractors WHERE item_id = r.item_id AND status = 'approved';
          IF v_kinds >= 2 THEN
            UPDATE items SET ppl_ready = true, updated_at = now() WHERE id = r.item_id;
            INSERT INTO audit_log (actor_id, entity, entity_id, action, before, after)
            VALUES (p_reviewer, 'item', r.item_id::text, 'ppl_ready', '{"pplReady": false}'::jsonb, '{"pplReady": true}'::jsonb);
          END IF;
        END IF;
      ELSE
        IF v_outcome = 'accepted' THEN v_from := p_accept_from; v_to := p_accept_to; ELSE v_from := p_reject_from; v_to := p_reject_to; END IF;
        SELECT status INTO v_item_status FROM items WHERE id = r.item_id FOR UPDATE;
        IF NOT (v_item_status = ANY (v_from)) THEN
          RAISE EXCEPTION '%', v_item_status USING ERRCODE = 'PA409', DETAIL = r.item_id::text,
            HINT = CASE WHEN v_outcome = 'accepted' THEN 'accept' ELSE 'reject' END;
        END IF;
        UPDATE items SET status = v_to, updated_at = now() WHERE id = r.item_id;
        INSERT INTO audit_log (actor_id, entity, entity_id, action, before, after)
        VALUES (p_reviewer, 'item', r.item_id::text, 'status', jsonb_build_object('status', v_item_status),
                jsonb_build_object('action', CASE WHEN v_outcome = 'accepted' THEN 'accept' ELSE 'reject' END, 'roundId', r.id::text, 'status', v_to)
                || CASE WHEN r.reviews_needed = 1 THEN '{"reviewsNeeded": 1}'::jsonb ELSE '{}'::jsonb END);
      END IF;
    END IF;

    -- the submitter's running tally
    INSERT INTO reviewer_stats (subject, reviewer_id, ability_id, source_id, reviewed, approved, time_hist)
    VALUES (pace_round_subject(r.kind), p_reviewer, r.ability_id, r.source_id, 1, (p_decision = 'approve')::int,
            (SELECT array_agg((b = pace_time_bucket(v_spent))::int ORDER BY b) FROM generate_series(1, 100) b))
    ON CONFLICT (subject, reviewer_id, ability_id, source_id) DO UPDATE SET
      reviewed = reviewer_stats.reviewed + 1, approved = reviewer_stats.approved + EXCLUDED.approved,
      time_hist[pace_time_bucket(v_spent)] = reviewer_stats.time_hist[pace_time_bucket(v_spent)] + 1;

    v_round := jsonb_build_object('id', r.id::text, 'item_id', r.item_id::text, 'kind', r.kind, 'revision_id', r.revision_id::text,
                                  'distractor_id', r.distractor_id::text, 'ability_id', r.ability_id, 'source_id', r.source_id,
                                  'status', CASE WHEN v_outcome IS NULL THEN r.status ELSE 'decided' END, 'outcome', v_outcome,
                                  'reviews_needed', r.reviews_needed);
    RETURN jsonb_build_object('status', 'ok', 'round', v_round, 'outcome', v_outcome, 'decisions', v_decisions);
  END $$`;
