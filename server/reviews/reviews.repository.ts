import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReasonCode } from './review-reasons';
import type { Decision, LeaseState } from './review-assignment.entity';
import type { RoundKind, RoundOutcome } from './review-round.entity';
import type { RoundRow } from './review-views';
import { updateReturning } from '../sql/update-returning';

export interface LeaseFilter {
  abilityId?: number;
  kind?: RoundKind;
  /** The caller's second lease, taken while they hold fewer than two (see the AddReviewPrefetch migration). */
  prefetch?: boolean;
  /**
   * The pace-guided queue's ability weights (ability id → weight), used only when no ability is given: inside a
   * stage, abilities by a weighted draw (see the PaceGuidedQueue migration). Absent: the queue as before.
   */
  weights?: Map<number, number>;
}

export interface AssignmentRow {
  id: string;
  round_id: string;
  reviewer_id: string;
  state: LeaseState;
  expires_at: Date;
  decision: Decision | null;
  submit_key: string | null;
}

export type { RoundRow } from './review-views';

export interface DecisionRow {
  id: string;
  round_id: string;
  reviewer_id: string;
  reviewer_name: string;
  decision: Decision;
  reasons: ReasonCode[];
  comment: string | null;
  time_spent_ms: number | null;
  submitted_at: Date;
}

export interface NewRound {
  itemId: number | string;
  kind: RoundKind;
  abilityId: number;
  sourceId: string;
  revisionId?: string | null;
  distractorId?: string | null;
  excluded: string[];
  /** 2 unless the item's review mode asks for one (see reviewsNeededFor). */
  reviewsNeeded?: 1 | 2;
}

/** Leases, decisions and rounds. Every method runs in the caller's transaction. */
@Injectable()
export class ReviewsRepository {
  /**
   * The caller's current lease, else, stage by stage in the lead's order (read by the function itself), a slot in the
   * oldest open round of that kind they may review and for filtering then a new round on the oldest pending item
   * (see the QueueStageOrder migration); expired leases are reclaimed first. With `prefetch`, the caller's second
   * lease in place of their first.
   */
  async leaseNext(reviewerId: string, f: LeaseFilter, leaseSeconds: number, m: EntityManager): Promise<{ id: string; fresh: boolean } | null> {
    const rows = await m.query(`SELECT assignment_id, fresh FROM pace_lease_review($1::uuid, $2::int, $3::text, $4::int, $5::boolean, $6::jsonb)`, [
      reviewerId,
      f.abilityId ?? null,
      f.kind ?? null,
      leaseSeconds,
      f.prefetch ?? false,
      f.weights && f.abilityId === undefined ? JSON.stringify(Object.fromEntries(f.weights)) : null,
    ]);
    return rows[0] ? { id: rows[0].assignment_id, fresh: rows[0].fresh } : null;
  }

  /** The pace-guided queue's weights by ability id while a lead has it on, else null (see the PaceGuidedQueue migration). */
  async paceWeights(m: EntityManager): Promise<Map<number, number> | null> {
    const rows: { enabled: boolean; ability_id: number | null; weight: number | null }[] = await m.query(
      `SELECT s.enabled, a.id AS ability_id, (w->>'weight')::float8 AS weight
         FROM pace_queue_settings s
         LEFT JOIN LATERAL jsonb_array_elements(s.weights) w ON true
         LEFT JOIN abilities a ON a.key = w->>'ability'
        WHERE s.id = 1 AND s.enabled`,
    );
    if (rows.length === 0) return null;
    return new Map(rows.filter((r) => r.ability_id !== null && r.weight !== null).map((r) => [r.ability_id as number, r.weight as number]));
  }

  async lockAssignment(m: EntityManager, id: string): Promise<AssignmentRow | null> {
    const rows = await m.query(
      `SELECT id, round_id, reviewer_id, state, expires_at, decision, submit_key
       FROM review_assignments WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findBySubmitKey(m: EntityManager, reviewerId: string, key: string): Promise<string | null> {
    const rows = await m.query(`SELECT id FROM review_assignments WHERE reviewer_id = $1 AND submit_key = $2`, [reviewerId, key]);
    return rows[0]?.id ?? null;
  }

  async lockRound(m: EntityManager, id: string): Promise<RoundRow> {
    const rows = await m.query(
      `SELECT id, item_id, kind, revision_id, distractor_id, ability_id, source_id, status, outcome, reviews_needed
       FROM review_rounds WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0];
  }

  /** Stores the decision; returns the time spent as recorded (the client's, else the lease's age). */
  async saveDecision(
    m: EntityManager,
    id: string,
    d: { decision: Decision; reasons: ReasonCode[]; comment: string | null; timeSpentMs: number | null; submitKey: string },
  ): Promise<number> {
    const [row] = await updateReturning<{ time_spent_ms: number }>(
      m,
      `UPDATE review_assignments SET state = 'submitted', submitted_at = now(), decision = $2, reasons = $3, comment = $4,
         time_spent_ms = COALESCE($5, (extract(epoch FROM now() - leased_at) * 1000)::int), submit_key = $6
       WHERE id = $1 RETURNING time_spent_ms`,
      [id, d.decision, d.reasons, d.comment, d.timeSpentMs, d.submitKey],
    );
    return row.time_spent_ms;
  }

  /** The reviewer's running tally (see the agreement counts migration). Call after `countDecided` in a deciding transaction. */
  async countSubmission(m: EntityManager, round: RoundRow, reviewerId: string, approve: boolean, timeSpentMs: number): Promise<void> {
    await m.query(
      `INSERT INTO reviewer_stats (subject, reviewer_id, ability_id, source_id, reviewed, approved, time_hist)
       VALUES (pace_round_subject($1), $2, $3, $4, 1, $5::boolean::int,
               (SELECT array_agg((b = pace_time_bucket($6))::int ORDER BY b) FROM generate_series(1, 100) b))
       ON CONFLICT (subject, reviewer_id, ability_id, source_id) DO UPDATE SET
         reviewed = reviewer_stats.reviewed + 1, approved = reviewer_stats.approved + EXCLUDED.approved,
         time_hist[pace_time_bucket($6)] = reviewer_stats.time_hist[pace_time_bucket($6)] + 1`,
      [round.kind, reviewerId, round.ability_id, round.source_id, approve, timeSpentMs],
    );
  }

  /**
   * Adds a decided round to the agreement counts. Its unit pattern goes in as an append-only delta, which no other
   * transaction waits on (see the AgreementCellDeltas migration); pair and reviewer rows are locked in one order
   * (pair, reviewers by id) so concurrent decisions cannot deadlock. A single-review round (no `hi`) counts in its own
   * cells (reviews = 1), for pass rates only: it has no reviewer pair and no co-reviewer to agree with (see the
   * SingleReviewRounds migration).
   */
  async countDecided(m: EntityManager, round: RoundRow, lo: DecisionRow, hi: DecisionRow | null): Promise<void> {
    const a = lo.decision === 'approve';
    await m.query(
      `INSERT INTO agreement_cell_deltas (subject, ability_id, source_id, week, reviews, approvals)
       VALUES (pace_round_subject($1), $2, $3, date_trunc('week', now())::date, $4, $5)`,
      [round.kind, round.ability_id, round.source_id, hi ? 2 : 1, Number(a) + Number(hi?.decision === 'approve')],
    );
    if (!hi) return;
    const b = hi.decision === 'approve';
    await m.query(
      `INSERT INTO agreement_pairs (subject, ability_id, reviewer_lo, reviewer_hi, aa, ar, ra, rr)
       VALUES (pace_round_subject($1), $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (subject, ability_id, reviewer_lo, reviewer_hi) DO UPDATE SET
         aa = agreement_pairs.aa + EXCLUDED.aa, ar = agreement_pairs.ar + EXCLUDED.ar,
         ra = agreement_pairs.ra + EXCLUDED.ra, rr = agreement_pairs.rr + EXCLUDED.rr`,
      [round.kind, round.ability_id, lo.reviewer_id, hi.reviewer_id, +(a && b), +(a && !b), +(!a && b), +(!a && !b)],
    );
    for (const r of [lo, hi]) {
      await m.query(
        `INSERT INTO reviewer_stats (subject, reviewer_id, ability_id, source_id, decided, agreed) VALUES (pace_round_subject($1), $2, $3, $4, 1, $5)
         ON CONFLICT (subject, reviewer_id, ability_id, source_id) DO UPDATE SET
           decided = reviewer_stats.decided + 1, agreed = reviewer_stats.agreed + EXCLUDED.agreed`,
        [round.kind, r.reviewer_id, round.ability_id, round.source_id, Number(a === b)],
      );
    }
  }

  /** Gives a lease back before it expires; its slot returns to the round. */
  async release(m: EntityManager, a: AssignmentRow): Promise<void> {
    await m.query(`UPDATE review_assignments SET state = 'released' WHERE id = $1`, [a.id]);
    await m.query(`UPDATE review_rounds SET open_slots = open_slots + 1 WHERE id = $1`, [a.round_id]);
  }

  submittedDecisions(m: EntityManager, roundIds: string[]): Promise<DecisionRow[]> {
    return m.query(
      `SELECT a.id, a.round_id, a.reviewer_id, u.name AS reviewer_name, a.decision, a.reasons, a.comment, a.time_spent_ms,
              a.submitted_at
       FROM review_assignments a JOIN users u ON u.id = a.reviewer_id
       WHERE a.round_id = ANY ($1::bigint[]) AND a.state = 'submitted' ORDER BY a.submitted_at, a.id`,
      [roundIds],
    );
  }

  /**
   * Closes the round with its decisions — both, ordered by reviewer id, or the one a single-review round needs — and
   * adds it to the agreement counts.
   */
  async decide(m: EntityManager, round: RoundRow, outcome: RoundOutcome, decisions: DecisionRow[]): Promise<void> {
    const [lo, hi = null] = [...decisions].sort((a, b) => (a.reviewer_id < b.reviewer_id ? -1 : 1));
    await m.query(
      `UPDATE review_rounds SET status = 'decided', outcome = $2, decided_at = now(),
         reviewer_lo = $3, approve_lo = $4, reviewer_hi = $5, approve_hi = $6
       WHERE id = $1`,
      [round.id, outcome, lo.reviewer_id, lo.decision === 'approve', hi?.reviewer_id ?? null, hi ? hi.decision === 'approve' : null],
    );
    await this.countDecided(m, round, lo, hi);
  }

  async createRound(m: EntityManager, r: NewRound): Promise<string> {
    const rows = await m.query(
      `INSERT INTO review_rounds (item_id, kind, ability_id, source_id, revision_id, distractor_id, excluded_reviewers, reviews_needed, open_slots)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
      [r.itemId, r.kind, r.abilityId, r.sourceId, r.revisionId ?? null, r.distractorId ?? null, r.excluded, r.reviewsNeeded ?? 2],
    );
    return rows[0].id;
  }

  /** The reviewers of an item's decided rounds of the given kinds (to keep them off its validation round). */
  async reviewersOf(m: EntityManager, itemId: number | string, kinds: RoundKind[]): Promise<string[]> {
    const rows = await m.query(
      `SELECT DISTINCT a.reviewer_id FROM review_assignments a JOIN review_rounds r ON r.id = a.round_id
       WHERE r.item_id = $1 AND r.kind = ANY ($2) AND a.state = 'submitted'`,
      [itemId, kinds],
    );
    return rows.map((r: { reviewer_id: string }) => r.reviewer_id);
  }

  roundsOfItem(m: EntityManager, itemId: number): Promise<(RoundRow & { created_at: Date; decided_at: Date | null })[]> {
    return m.query(
      `SELECT id, item_id, kind, revision_id, distractor_id, ability_id, source_id, status, outcome, reviews_needed, created_at, decided_at
       FROM review_rounds WHERE item_id = $1 ORDER BY id`,
      [itemId],
    );
  }
}
