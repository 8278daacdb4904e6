import { Injectable } from '@nestjs/common';
import { ItemStatusRepository } from '../items/item-status.repository';
import type { EntityManager } from 'typeorm';
import type { ReasonCode } from './review-reasons';
import type { Decision, LeaseState } from './review-assignment.entity';
import type { RoundKind, RoundOutcome } from './review-round.entity';
import type { RoundRow } from './review-views';

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

export interface SubmissionInput {
  decision: Decision;
  reasons: ReasonCode[];
  /** As stored: trimmed, null when blank. */
  comment: string | null;
  /** As given, for the audit entry. */
  auditComment: string | null;
  timeSpentMs: number | null;
  submitKey: string;
}

/** What pace_submit_review answers: the decision taken, an earlier one replayed, or why the lease refused it. */
export type SubmissionOutcome =
  | { status: 'ok'; round: RoundRow; outcome: RoundOutcome | null; decisions: DecisionRow[] }
  | { status: 'replay'; round: Pick<RoundRow, 'id' | 'item_id' | 'kind'>; outcome: RoundOutcome | null; decision: Decision }
  | { status: 'key_used'; usedBy: string }
  | { status: 'not_found' | 'other_key' | 'expired' | 'released' };

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

  async lockRound(m: EntityManager, id: string): Promise<RoundRow> {
    const rows = await m.query(
      `SELECT id, item_id, kind, revision_id, distractor_id, ability_id, source_id, status, outcome, reviews_needed
       FROM review_rounds WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0];
  }

  /**
   * A reviewer's decision on their lease in one statement: the deciding transaction of the ReviewsUnderLoad migration's
   * `pace_submit_review` (decision, audit, the round decided and its outcome applied, agreement counts, the tally).
   * Item moves take their from- and to-states from the item life-cycle. Throws a PA409 database error, everything
   * rolled back, when the round's item left the states its outcome moves from (its status is the error's message).
   */
  async submitDecision(m: EntityManager, leaseId: string, reviewerId: string, d: SubmissionInput): Promise<SubmissionOutcome> {
    const accept = ItemStatusRepository.guard('accept');
    const reject = ItemStatusRepository.guard('reject');
    const [row] = await m.query(
      `SELECT pace_submit_review($1::bigint, $2::uuid, $3, $4::text[], $5, $6, $7::int, $8, $9::text[], $10, $11::text[], $12) AS r`,
      [leaseId, reviewerId, d.decision, d.reasons, d.comment, d.auditComment, d.timeSpentMs, d.submitKey, accept.from, accept.to, reject.from, reject.to],
    );
    const r = row.r as SubmissionOutcome;
    if (r.status === 'ok') for (const x of r.decisions) x.submitted_at = new Date(x.submitted_at);
    return r;
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
