import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FilterSchema, ListQuery } from '../common/list-query';
import { ITEM_TRANSITIONS } from '../items/item-lifecycle';
import { publicDecision } from './public-decision';
import { ReviewsRepository } from './reviews.repository';
import type { DisagreementView, QueueDepth, ReviewTally, Stage } from './review-views';

export const DISAGREEMENT_SORTABLE = ['decidedAt', 'id'] as const;
export const DISAGREEMENT_FILTERS: FilterSchema = { abilityId: 'int', kind: 'text' };
const SORT_COLUMN: Record<(typeof DISAGREEMENT_SORTABLE)[number], string> = { decidedAt: 'r.decided_at', id: 'r.id' };

export type { QueueDepth, Stage } from './review-views';

/**
 * The disagreements list counts its rows up to this many; past it the total is a lower bound ("1,000+"). An exact count walks
 * every split round of a large corpus (seconds at a million decided items) to page a list of ten.
 */
export const DISAGREEMENT_COUNT_LIMIT = 1000;

/** Read-only views of the workflow: queue depth, disagreements, a reviewer's own tally. */
@Injectable()
export class ReviewQueriesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: ReviewsRepository,
  ) {}

  async queueDepth(): Promise<QueueDepth> {
    const rows: { ability_id: number; key: string; stage: Stage; n: number }[] = await this.db.query(`
      WITH counts AS (
        SELECT ability_id,
               CASE status WHEN 'pending_review' THEN 'filter' WHEN 'in_review' THEN 'filter'
                           WHEN 'in_revision' THEN 'revision' WHEN 'revising' THEN 'revision'
                           ELSE 'validation' END AS stage,
               count(*)::int AS n
        FROM items WHERE status IN ('pending_review', 'in_review', 'in_revision', 'revising', 'validating')
          -- a pending item of a no-review source is never offered for review (see the SingleReviewRounds migration)
          AND NOT (status = 'pending_review' AND review_mode = 'none')
        GROUP BY 1, 2
        UNION ALL
        SELECT ability_id, 'distractor_review', count(*)::int FROM review_rounds
        WHERE status = 'open' AND kind = 'distractor' GROUP BY 1
        UNION ALL
        SELECT ability_id, 'distractor_authoring', count(*)::int FROM items
        WHERE status = 'accepted' AND question_format = 1 AND split IN ('valid', 'test') AND NOT ppl_ready GROUP BY 1
      )
      SELECT c.ability_id, a.key, c.stage, sum(c.n)::int AS n FROM counts c JOIN abilities a ON a.id = c.ability_id
      GROUP BY 1, 2, 3 ORDER BY 1, 3`);
    const stages: Record<Stage, number> = { filter: 0, revision: 0, validation: 0, distractor_authoring: 0, distractor_review: 0 };
    for (const r of rows) stages[r.stage] += r.n;
    return { stages, byAbility: rows.map((r) => ({ abilityId: r.ability_id, abilityKey: r.key, stage: r.stage, count: r.n })) };
  }

  /** Today's tally (since midnight, server time): cheap enough to push after every decision. */
  async mine(reviewerId: string): Promise<ReviewTally> {
    const [r] = await this.db.query(
      `SELECT count(*)::int AS today, count(*) FILTER (WHERE decision = 'approve')::int AS "approvedToday"
       FROM review_assignments WHERE reviewer_id = $1 AND state = 'submitted' AND submitted_at >= date_trunc('day', now())`,
      [reviewerId],
    );
    return r;
  }

  /**
   * Decided rounds whose two reviewers disagreed, with both decisions and the item's status — only those a lead can
   * still act on: the item's latest review round, on an item that send_to_revision applies to (a disagreement on an
   * item since revised and accepted, or already back in revision, is done with).
   */
  async disagreements(q: ListQuery): Promise<{ rows: DisagreementView[]; total: number; totalIsLowerBound: boolean }> {
    const params: unknown[] = [ITEM_TRANSITIONS.send_to_revision.from];
    let where = `r.status = 'decided' AND r.approve_lo <> r.approve_hi AND i.status = ANY ($1::text[])
      AND NOT EXISTS (SELECT 1 FROM review_rounds later WHERE later.item_id = r.item_id AND later.id > r.id
                    AND (later.kind = 'distractor') = (r.kind = 'distractor'))`;
    if (q.filter.abilityId !== undefined) where += ` AND r.ability_id = $${params.push(Number(q.filter.abilityId))}`;
    if (typeof q.filter.kind === 'string') where += ` AND r.kind = $${params.push(q.filter.kind)}`;
    const order = `${SORT_COLUMN[q.sort.field as keyof typeof SORT_COLUMN]} ${q.sort.order}, r.id ${q.sort.order}`;
    const [[{ counted }], rows] = await Promise.all([
      // newest first, so the count stops on the index's newest rounds (review_rounds_disagreements_idx)
      this.db.query(
        `SELECT count(*)::int AS counted FROM (SELECT 1 FROM review_rounds r JOIN items i ON i.id = r.item_id WHERE ${where}
           ORDER BY r.decided_at DESC LIMIT $${params.length + 1}) d`,
        [...params, DISAGREEMENT_COUNT_LIMIT + 1],
      ),
      this.db.query(
        `SELECT r.id, r.item_id, r.kind, r.ability_id, a.key AS ability_key, r.outcome, r.decided_at, i.status AS item_status,
                left(i.messages->0->>'content', 200) AS instruction
         FROM review_rounds r JOIN abilities a ON a.id = r.ability_id JOIN items i ON i.id = r.item_id
         WHERE ${where} ORDER BY ${order} OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
        [...params, q.offset, q.limit],
      ),
    ]);
    const decisions = await this.repo.submittedDecisions(this.db.manager, rows.map((r: { id: string }) => r.id));
    const out = rows.map((r: Record<string, any>): DisagreementView => ({
      id: r.id,
      itemId: Number(r.item_id),
      kind: r.kind,
      abilityId: r.ability_id,
      abilityKey: r.ability_key,
      outcome: r.outcome,
      itemStatus: r.item_status,
      decidedAt: r.decided_at,
      instruction: r.instruction,
      decisions: decisions.filter((d) => d.round_id === r.id).map(publicDecision),
    }));
    const totalIsLowerBound = counted > DISAGREEMENT_COUNT_LIMIT;
    return { rows: out, total: totalIsLowerBound ? DISAGREEMENT_COUNT_LIMIT : counted, totalIsLowerBound };
  }
}
