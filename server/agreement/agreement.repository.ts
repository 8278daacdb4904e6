import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export const GROUP_BYS = ['none', 'ability', 'source', 'week'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export interface AgreementFilter {
  /** Item rounds (filtering and validation) or distractor rounds. */
  subject: 'items' | 'distractors';
  abilityId?: number;
  sourceId?: string;
  from?: Date;
  to?: Date;
}

/** One group's decided rounds by how many of the two reviewers approved, and its mean pairwise Cohen's κ. */
export interface GroupCounts {
  key: string;
  label: string;
  /** Rounds with 2, 1 and 0 approvals. */
  bothApprove: number;
  split: number;
  bothReject: number;
  reviewerPairs: number;
  meanCohenKappa: number | null;
}

/** One reviewer pair's 2×2 table (rows: the reviewer with the lower id). */
export interface PairTable {
  reviewerA: string;
  reviewerB: string;
  table: [[number, number], [number, number]];
}

const GROUP_SQL: Record<GroupBy, { key: string; label: string; join: string }> = {
  none: { key: `'all'`, label: `'all'`, join: '' },
  ability: { key: 'r.ability_id::text', label: 'g.key', join: 'JOIN abilities g ON g.id = r.ability_id' },
  source: { key: 'r.source_id::text', label: 'g.name', join: 'JOIN sources g ON g.id = r.source_id' },
  week: {
    key: `to_char(date_trunc('week', r.decided_at), 'YYYY-MM-DD')`,
    label: `to_char(date_trunc('week', r.decided_at), 'IYYY-"W"IW')`,
    join: '',
  },
};

/** Aggregates in SQL so statistics over millions of reviews cost one scan and a few thousand rows. */
@Injectable()
export class AgreementRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Per group: the three unit patterns and the mean of Cohen's κ over its reviewer pairs. κ per pair is computed
   * here from the pair's marginals (p_o − p_e)/(1 − p_e), with κ = 1 when p_e = 1 and p_o = 1 — the same rule as
   * the statistics library — so a group costs one row however many pairs it has.
   */
  async groupCounts(groupBy: GroupBy, f: AgreementFilter): Promise<GroupCounts[]> {
    const g = GROUP_SQL[groupBy];
    const params: unknown[] = [];
    const where = this.where(f, params);
    const rows = await this.db.query(
      `WITH r AS MATERIALIZED (
         SELECT ${g.key} AS key, ${g.label} AS label, r.reviewer_lo, r.reviewer_hi, r.approve_lo, r.approve_hi
         FROM review_rounds r ${g.join} WHERE ${where}
       ), units AS (
         SELECT key, min(label) AS label,
                count(*) FILTER (WHERE approve_lo AND approve_hi)::int AS both_approve,
                count(*) FILTER (WHERE approve_lo <> approve_hi)::int AS split,
                count(*) FILTER (WHERE NOT approve_lo AND NOT approve_hi)::int AS both_reject
         FROM r GROUP BY key
       ), pairs AS (
         SELECT key, avg((approve_lo = approve_hi)::int)::float8 AS po,
                avg(approve_lo::int)::float8 * avg(approve_hi::int)::float8
                  + (1 - avg(approve_lo::int)::float8) * (1 - avg(approve_hi::int)::float8) AS pe
         FROM r GROUP BY key, reviewer_lo, reviewer_hi
       ), kappa AS (
         SELECT key, count(*)::int AS pairs,
                avg(CASE WHEN pe >= 1 THEN CASE WHEN po >= 1 THEN 1.0 END ELSE (po - pe) / (1 - pe) END)::float8 AS mean_kappa
         FROM pairs GROUP BY key
       )
       SELECT u.*, k.pairs, k.mean_kappa FROM units u JOIN kappa k USING (key)`,
      params,
    );
    return rows.map((r: Record<string, unknown>) => ({
      key: String(r.key),
      label: String(r.label),
      bothApprove: r.both_approve as number,
      split: r.split as number,
      bothReject: r.both_reject as number,
      reviewerPairs: r.pairs as number,
      meanCohenKappa: r.mean_kappa as number | null,
    }));
  }

  async pairTables(f: AgreementFilter): Promise<PairTable[]> {
    const params: unknown[] = [];
    const rows = await this.db.query(
      `SELECT reviewer_lo, reviewer_hi,
              count(*) FILTER (WHERE approve_lo AND approve_hi)::int AS aa, count(*) FILTER (WHERE approve_lo AND NOT approve_hi)::int AS ar,
              count(*) FILTER (WHERE NOT approve_lo AND approve_hi)::int AS ra, count(*) FILTER (WHERE NOT approve_lo AND NOT approve_hi)::int AS rr
       FROM review_rounds r WHERE ${this.where(f, params)} GROUP BY 1, 2`,
      params,
    );
    return rows.map((r: Record<string, unknown>) => ({
      reviewerA: r.reviewer_lo as string,
      reviewerB: r.reviewer_hi as string,
      table: [
        [r.aa as number, r.ar as number],
        [r.ra as number, r.rr as number],
      ],
    }));
  }

  reviewerNames(ids: string[]): Promise<{ id: string; name: string }[]> {
    return this.db.query(`SELECT id, name FROM users WHERE id = ANY ($1::uuid[])`, [ids]);
  }

  /** Per reviewer: decisions, median active time, approval rate; and agreement with the co-reviewer on decided rounds. */
  async reviewers(f: AgreementFilter) {
    const params: unknown[] = [];
    const where = this.where(f, params);
    return this.db.query(
      `WITH rounds AS (SELECT r.* FROM review_rounds r WHERE ${where}),
       mine AS (
         SELECT a.reviewer_id, count(*)::int AS reviewed,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY a.time_spent_ms) AS median_ms,
                avg((a.decision = 'approve')::int)::float8 AS approval_rate
         FROM review_assignments a JOIN rounds r ON r.id = a.round_id
         WHERE a.state = 'submitted' GROUP BY 1
       ),
       paired AS (
         SELECT reviewer_lo AS reviewer_id, (approve_lo = approve_hi)::int AS agree FROM rounds
         UNION ALL
         SELECT reviewer_hi, (approve_lo = approve_hi)::int FROM rounds
       ),
       agreement AS (SELECT reviewer_id, avg(agree)::float8 AS agreement FROM paired GROUP BY 1)
       SELECT u.id AS "reviewerId", u.name, mine.reviewed, mine.median_ms AS "medianMs", mine.approval_rate AS "approvalRate",
              agreement.agreement AS "coReviewerAgreement"
       FROM mine JOIN users u ON u.id = mine.reviewer_id LEFT JOIN agreement ON agreement.reviewer_id = mine.reviewer_id
       ORDER BY mine.reviewed DESC, u.name`,
      params,
    );
  }

  private where(f: AgreementFilter, params: unknown[]): string {
    const kinds = f.subject === 'distractors' ? ['distractor'] : ['filter', 'validation'];
    let sql = `r.status = 'decided' AND r.kind = ANY ($${params.push(kinds)})`;
    if (f.abilityId !== undefined) sql += ` AND r.ability_id = $${params.push(f.abilityId)}`;
    if (f.sourceId !== undefined) sql += ` AND r.source_id = $${params.push(f.sourceId)}`;
    if (f.from) sql += ` AND r.decided_at >= $${params.push(f.from)}`;
    if (f.to) sql += ` AND r.decided_at < $${params.push(f.to)}`;
    return sql;
  }
}
