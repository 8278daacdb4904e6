import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReasonCode } from './review-reasons';
import type { Decision, MyWorkKind, MyWorkOutcome, RoundKind, RoundOutcome } from './review-views';
import type { DistractorKind } from '../distractors/distractor-views';
import { updateReturning } from '../sql/update-returning';

export interface MyWorkFilter {
  kind?: MyWorkKind;
  outcome?: MyWorkOutcome;
  abilityId?: number;
  /** Inclusive days (YYYY-MM-DD, server time). */
  from?: string;
  to?: string;
}

export interface MyWorkRow {
  kind: MyWorkKind;
  ref_id: string;
  item_id: string;
  ability_id: number;
  ability_key: string;
  instruction: string | null;
  at: Date;
  changed_at: Date | null;
  round_id: string | null;
  round_kind: RoundKind | null;
  decision: Decision | null;
  reasons: ReasonCode[] | null;
  comment: string | null;
  distractor_kind: DistractorKind | null;
  outcome: RoundOutcome | null;
  decided_at: Date | null;
}

/**
 * One person's work, the three kinds in one shape: decisions (review_assignments), submitted revisions (their
 * validation round's outcome) and distractors (their review round's outcome). A round that is not decided has no
 * outcome here, whatever the kind.
 */
const MY_WORK = `
  SELECT 'decision' AS kind, a.id AS ref_id, r.item_id, r.ability_id, a.submitted_at AS at, a.changed_at, r.id AS round_id,
         r.kind AS round_kind, a.decision, a.reasons, a.comment, NULL AS distractor_kind,
         CASE WHEN r.status = 'decided' THEN r.outcome END AS outcome, r.decided_at
  FROM review_assignments a JOIN review_rounds r ON r.id = a.round_id
  WHERE a.reviewer_id = $1 AND a.state = 'submitted'
  UNION ALL
  SELECT 'revision', v.id, v.item_id, i.ability_id, v.submitted_at, NULL, vr.id, NULL, NULL, NULL, v.comment, NULL,
         CASE WHEN vr.status = 'decided' THEN vr.outcome END, vr.decided_at
  FROM revisions v JOIN items i ON i.id = v.item_id LEFT JOIN review_rounds vr ON vr.revision_id = v.id
  WHERE v.reviser_id = $1 AND v.state = 'submitted'
  UNION ALL
  SELECT 'distractor', d.id, d.item_id, i.ability_id, d.created_at, NULL, dr.id, NULL, NULL, NULL, NULL, d.kind,
         CASE WHEN dr.status = 'decided' THEN dr.outcome END, dr.decided_at
  FROM distractors d JOIN items i ON i.id = d.item_id LEFT JOIN review_rounds dr ON dr.distractor_id = d.id
  WHERE d.author_id = $1`;

/** "My work" reads. */
@Injectable()
export class MyWorkRepository {
  /** A page of the person's work, newest first (or oldest with `order` ASC), and how many match in all. */
  async page(m: EntityManager, personId: string, f: MyWorkFilter, order: 'ASC' | 'DESC', offset: number, limit: number): Promise<[MyWorkRow[], number]> {
    const params: unknown[] = [personId];
    const where: string[] = [];
    if (f.kind) where.push(`w.kind = $${params.push(f.kind)}`);
    if (f.outcome === 'pending') where.push(`w.outcome IS NULL`);
    else if (f.outcome) where.push(`w.outcome = $${params.push(f.outcome)}`);
    if (f.abilityId !== undefined) where.push(`w.ability_id = $${params.push(f.abilityId)}`);
    if (f.from) where.push(`w.at >= $${params.push(f.from)}::date`);
    if (f.to) where.push(`w.at < $${params.push(f.to)}::date + 1`);
    const filtered = `FROM (${MY_WORK}) w ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const [{ total }] = await m.query(`SELECT count(*)::int AS total ${filtered}`, params);
    const rows: MyWorkRow[] = await m.query(
      `SELECT w.*, ab.key AS ability_key, left(i.messages->0->>'content', 200) AS instruction
       FROM (SELECT w.* ${filtered} ORDER BY w.at ${order}, w.kind, w.ref_id ${order}
             OFFSET $${params.push(offset)} LIMIT $${params.push(limit)}) w
       JOIN items i ON i.id = w.item_id JOIN abilities ab ON ab.id = w.ability_id
       ORDER BY w.at ${order}, w.kind, w.ref_id ${order}`,
      params,
    );
    return [rows, total];
  }

  /** Whether the person decided on, revised or wrote a distractor for the item. */
  async workedOn(m: EntityManager, personId: string, itemId: number): Promise<boolean> {
    const [row] = await m.query(`SELECT 1 FROM (${MY_WORK}) w WHERE w.item_id = $2 LIMIT 1`, [personId, itemId]);
    return Boolean(row);
  }

  async itemContent(m: EntityManager, itemId: number) {
    const [r] = await m.query(
      `SELECT i.id, i.messages, i.gold, i.choices, i.question_format, i.answer_type, i.status,
              ab.id AS ability_id, ab.key AS ability_key, ab.name_en, ab.name_zh
       FROM items i JOIN abilities ab ON ab.id = i.ability_id WHERE i.id = $1`,
      [itemId],
    );
    return r as Record<string, any> | undefined;
  }

  async changedAt(m: EntityManager, id: string): Promise<Date | null> {
    const [row] = await m.query(`SELECT changed_at FROM review_assignments WHERE id = $1`, [id]);
    return row?.changed_at ?? null;
  }

  /** Stores a changed decision of an open round. */
  async changeDecision(m: EntityManager, id: string, d: { decision: Decision; reasons: ReasonCode[]; comment: string | null }): Promise<Date> {
    const [row] = await updateReturning<{ changed_at: Date }>(
      m,
      `UPDATE review_assignments SET decision = $2, reasons = $3, comment = $4, changed_at = clock_timestamp() WHERE id = $1 RETURNING changed_at`,
      [id, d.decision, d.reasons, d.comment],
    );
    return row.changed_at;
  }

  /**
   * Moves one approval in the reviewer's running tally (see countSubmission): `reviewed` and the time histogram stay,
   * `approved` follows the changed decision. Agreement counts are untouched: an open round is not in them yet.
   */
  async recountApproval(m: EntityManager, round: { kind: RoundKind; ability_id: number; source_id: string }, reviewerId: string, delta: 1 | -1): Promise<void> {
    await m.query(
      `UPDATE reviewer_stats SET approved = approved + $5
       WHERE subject = pace_round_subject($1) AND reviewer_id = $2 AND ability_id = $3 AND source_id = $4`,
      [round.kind, reviewerId, round.ability_id, round.source_id, delta],
    );
  }
}
