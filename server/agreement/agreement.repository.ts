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

/** Decided rounds counted by group, reviewer pair and the pair's two decisions. */
export interface PatternCount {
  key: string;
  label: string;
  reviewerLo: string;
  reviewerHi: string;
  approveLo: boolean;
  approveHi: boolean;
  n: number;
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

  async patterns(groupBy: GroupBy, f: AgreementFilter): Promise<PatternCount[]> {
    const g = GROUP_SQL[groupBy];
    const params: unknown[] = [];
    const where = this.where(f, params);
    const rows = await this.db.query(
      `SELECT ${g.key} AS key, ${g.label} AS label, r.reviewer_lo, r.reviewer_hi, r.approve_lo, r.approve_hi, count(*)::int AS n
       FROM review_rounds r ${g.join}
       WHERE ${where}
       GROUP BY 1, 2, 3, 4, 5, 6`,
      params,
    );
    return rows.map((r: Record<string, unknown>) => ({
      key: String(r.key),
      label: String(r.label),
      reviewerLo: r.reviewer_lo as string,
      reviewerHi: r.reviewer_hi as string,
      approveLo: r.approve_lo as boolean,
      approveHi: r.approve_hi as boolean,
      n: r.n as number,
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
