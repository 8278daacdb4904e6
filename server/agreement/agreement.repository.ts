import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import type { GroupBy, ReviewerFigures } from './agreement-views';

export { GROUP_BYS, type GroupBy, type ReviewerFigures } from './agreement-views';

export interface AgreementFilter {
  /** Item rounds (filtering and validation) or distractor rounds. */
  subject: 'items' | 'distractors';
  abilityId?: number;
  sourceId?: string;
  from?: Date;
  to?: Date;
}

/** One group's decided rounds by how many of the two reviewers approved, and its reviewer pairs' 2×2 tables. */
export interface GroupCounts {
  key: string;
  label: string;
  /** Two-decision rounds with 2, 1 and 0 approvals: the only rounds agreement is computed over. */
  bothApprove: number;
  split: number;
  bothReject: number;
  /** Single-review rounds (a synthetic source's choice) approved and rejected: in pass rates, never in agreement. */
  singleApprove?: number;
  singleReject?: number;
  /** Its reviewer pairs' Cohen's κ; null where pair tables do not narrow that way (by source or week, or in a time range). */
  pairs: PairKappas | null;
}

/** Cohen's κ over a group's reviewer pairs: how many pairs, how many with a defined κ, their mean and spread. */
export interface PairKappas {
  count: number;
  defined: number;
  mean: number | null;
  sd: number | null;
}

export type Table2x2 = [[number, number], [number, number]];

/** One reviewer pair's 2×2 table (rows: the reviewer with the lower id). */
export interface PairTable {
  reviewerA: string;
  reviewerB: string;
  table: Table2x2;
}

const GROUP_SQL: Record<GroupBy, { key: string; label: string; join: string }> = {
  none: { key: `'all'`, label: `'all'`, join: '' },
  ability: { key: 'c.ability_id::text', label: 'g.key', join: 'JOIN abilities g ON g.id = c.ability_id' },
  source: { key: 'c.source_id::text', label: 'g.name', join: 'JOIN sources g ON g.id = c.source_id' },
  week: { key: `to_char(c.week, 'YYYY-MM-DD')`, label: `to_char(c.week, 'IYYY-"W"IW')`, join: '' },
};

/**
 * Each group's reviewer pairs, one row per pair with its 2×2 table and κ (the statistics library's rule, kept in
 * agreement_pairs.kappa); `$WHERE` filters agreement_pairs (alias c).
 */
const PAIR_ROWS: Record<GroupBy, string | null> = {
  ability: `SELECT c.ability_id::text AS key, c.aa, c.ar, c.ra, c.rr, c.kappa FROM agreement_pairs c WHERE $WHERE AND c.aa + c.ar + c.ra + c.rr > 0`,
  none: `SELECT 'all' AS key, sum(c.aa)::int AS aa, sum(c.ar)::int AS ar, sum(c.ra)::int AS ra, sum(c.rr)::int AS rr,
                pace_cohen_kappa_2x2(sum(c.aa)::int, sum(c.ar)::int, sum(c.ra)::int, sum(c.rr)::int) AS kappa
         FROM agreement_pairs c WHERE $WHERE GROUP BY c.reviewer_lo, c.reviewer_hi HAVING sum(c.aa + c.ar + c.ra + c.rr) > 0`,
  source: null,
  week: null,
};

/** Time-spent histogram bucket b (1-based; see the agreement counts migration): its geometric middle. */
export function bucketMiddleMs(b: number): number {
  return b <= 1 ? 250 : 500 * 1.1 ** (b - 1.5);
}

/**
 * Reads the running agreement counts (agreement_cells, agreement_pairs, reviewer_stats), which the review workflow
 * keeps up to date as rounds are decided, so statistics over millions of reviews read a few thousand rows.
 */
@Injectable()
export class AgreementRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Per group: the three unit patterns and its reviewer pairs' κ (count, mean, spread). Pair tables are kept per
   * ability for all time, so groups by source or week and queries narrowed by source or time have none.
   */
  async groupCounts(groupBy: GroupBy, f: AgreementFilter, opts: { pairs: boolean } = { pairs: true }): Promise<GroupCounts[]> {
    const g = GROUP_SQL[groupBy];
    const where = this.cellWhere(f);
    const pairSql = opts.pairs ? this.pairRowsSql(groupBy, f) : null;
    const rows = await this.db.query(
      `WITH units AS (
         SELECT ${g.key} AS key, min(${g.label}) AS label,
                coalesce(sum(c.n) FILTER (WHERE c.reviews = 2 AND c.approvals = 2), 0)::int AS both_approve,
                coalesce(sum(c.n) FILTER (WHERE c.reviews = 2 AND c.approvals = 1), 0)::int AS split,
                coalesce(sum(c.n) FILTER (WHERE c.reviews = 2 AND c.approvals = 0), 0)::int AS both_reject,
                coalesce(sum(c.n) FILTER (WHERE c.reviews = 1 AND c.approvals = 1), 0)::int AS single_approve,
                coalesce(sum(c.n) FILTER (WHERE c.reviews = 1 AND c.approvals = 0), 0)::int AS single_reject
         FROM agreement_cells c ${g.join} WHERE ${where.sql} GROUP BY 1
       )${
         pairSql
           ? `, kappa AS (
         SELECT key, count(*)::int AS pairs, count(kappa)::int AS defined, avg(kappa)::float8 AS mean, stddev_samp(kappa)::float8 AS sd
         FROM (${pairSql.sql}) p GROUP BY key
       )
       SELECT u.*, k.pairs, k.defined, k.mean, k.sd FROM units u LEFT JOIN kappa k USING (key)`
           : `
       SELECT u.*, NULL::int AS pairs FROM units u`
       }`,
      where.params,
    );
    return rows
      .filter((r: Record<string, number>) => r.both_approve + r.split + r.both_reject + r.single_approve + r.single_reject > 0)
      .map((r: Record<string, unknown>) => ({
        key: String(r.key),
        label: String(r.label),
        bothApprove: r.both_approve as number,
        split: r.split as number,
        bothReject: r.both_reject as number,
        singleApprove: r.single_approve as number,
        singleReject: r.single_reject as number,
        pairs: pairSql
          ? { count: (r.pairs as number | null) ?? 0, defined: (r.defined as number | null) ?? 0, mean: (r.mean as number | null) ?? null, sd: (r.sd as number | null) ?? null }
          : null,
      }));
  }

  /**
   * Moves the decisions' unit-count deltas into the totals, in one statement (see the ReviewsUnderLoad migration):
   * the rows it deletes are the rows it adds, so `agreement_cells` reads the same before and after, and a second fold
   * running at the same time skips the rows this one took. Returns how many deltas it moved.
   */
  async foldCellDeltas(): Promise<number> {
    const [r] = await this.db.query(
      `WITH moved AS (
         DELETE FROM agreement_cell_deltas RETURNING subject, ability_id, source_id, week, reviews, approvals, n
       ), added AS (
         INSERT INTO agreement_cell_totals (subject, ability_id, source_id, week, reviews, approvals, n)
         SELECT subject, ability_id, source_id, week, reviews, approvals, sum(n) FROM moved
         GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
         ON CONFLICT (subject, ability_id, source_id, week, reviews, approvals) DO UPDATE SET n = agreement_cell_totals.n + EXCLUDED.n
       )
       SELECT count(*)::int AS moved FROM moved`,
    );
    return r.moved;
  }

  /**
   * Fingerprints of the running counts, for caching what is computed from them: `cells` changes whenever a round is
   * decided (agreement_cells; agreement_pairs is written in the same transaction, see pace_submit_review,
   * and by the same rebuild), `reviewers` whenever a review is counted (reviewer_stats). A hash of every row, not a
   * sum of counts, so a change that keeps the totals (a rebuild, a count moved between rows) still shows. Both tables
   * hold a few thousand rows (per ability, source and week; per reviewer and ability), so this takes milliseconds.
   * `people` covers the users' names, which pair and reviewer figures show.
   */
  async countsVersion(): Promise<{ cells: string; reviewers: string; people: string }> {
    const [r] = await this.db.query(
      `SELECT (SELECT count(*) || ':' || coalesce(sum(hashtextextended(c::text, 0)), 0) FROM agreement_cells c) AS cells,
              (SELECT count(*) || ':' || coalesce(sum(hashtextextended(s::text, 0)), 0) FROM reviewer_stats s) AS reviewers,
              (SELECT count(*) || ':' || coalesce(sum(hashtextextended(u.id::text || u.name, 0)), 0) FROM users u) AS people`,
    );
    return r;
  }

  /** The reviewer pairs' 2×2 tables of the given groups (for groups small enough to resample pair by pair). */
  async groupPairTables(groupBy: GroupBy, f: AgreementFilter, keys: readonly string[]): Promise<Map<string, Table2x2[]>> {
    const pairSql = this.pairRowsSql(groupBy, f);
    const tables = new Map<string, Table2x2[]>();
    if (!pairSql || keys.length === 0) return tables;
    const params = [...pairSql.params];
    const rows = await this.db.query(`SELECT key, aa, ar, ra, rr FROM (${pairSql.sql}) p WHERE key = ANY ($${params.push(keys)}::text[])`, params);
    for (const r of rows) {
      const list = tables.get(r.key) ?? tables.set(r.key, []).get(r.key)!;
      list.push([
        [r.aa, r.ar],
        [r.ra, r.rr],
      ]);
    }
    return tables;
  }

  private cellWhere(f: AgreementFilter): { sql: string; params: unknown[] } {
    const params: unknown[] = [f.subject];
    let sql = `c.subject = $1`;
    if (f.abilityId !== undefined) sql += ` AND c.ability_id = $${params.push(f.abilityId)}`;
    if (f.sourceId !== undefined) sql += ` AND c.source_id = $${params.push(f.sourceId)}`;
    if (f.from) sql += ` AND c.week >= date_trunc('week', $${params.push(f.from)}::timestamptz)::date`;
    if (f.to) sql += ` AND c.week < $${params.push(f.to)}::timestamptz`;
    return { sql, params };
  }

  /** The pair rows of a grouping, with the parameters they share with cellWhere (subject, ability); null where none. */
  private pairRowsSql(groupBy: GroupBy, f: AgreementFilter): { sql: string; params: unknown[] } | null {
    const template = f.sourceId === undefined && !f.from && !f.to ? PAIR_ROWS[groupBy] : null;
    if (!template) return null;
    const params: unknown[] = [f.subject];
    let where = `c.subject = $1`;
    if (f.abilityId !== undefined) where += ` AND c.ability_id = $${params.push(f.abilityId)}`;
    return { sql: template.replace('$WHERE', where), params };
  }

  async pairTables(f: AgreementFilter): Promise<PairTable[]> {
    const params: unknown[] = [f.subject];
    let where = `subject = $1`;
    if (f.abilityId !== undefined) where += ` AND ability_id = $${params.push(f.abilityId)}`;
    const rows = await this.db.query(
      `SELECT reviewer_lo, reviewer_hi, sum(aa)::int AS aa, sum(ar)::int AS ar, sum(ra)::int AS ra, sum(rr)::int AS rr
       FROM agreement_pairs WHERE ${where} GROUP BY 1, 2 HAVING sum(aa + ar + ra + rr) > 0`,
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

  /** Per reviewer: reviews, approval rate, agreement with the co-reviewer on decided rounds, median time spent. */
  async reviewers(f: AgreementFilter): Promise<ReviewerFigures[]> {
    const params: unknown[] = [f.subject];
    let where = `s.subject = $1`;
    if (f.abilityId !== undefined) where += ` AND s.ability_id = $${params.push(f.abilityId)}`;
    if (f.sourceId !== undefined) where += ` AND s.source_id = $${params.push(f.sourceId)}`;
    const rows: (Omit<ReviewerFigures, 'medianMs'> & { median_bucket: number | null })[] = await this.db.query(
      `WITH totals AS (
         SELECT s.reviewer_id, sum(s.reviewed)::int AS reviewed, sum(s.approved)::int AS approved,
                sum(s.decided)::int AS decided, sum(s.agreed)::int AS agreed
         FROM reviewer_stats s WHERE ${where} GROUP BY 1 HAVING sum(s.reviewed) > 0
       ), hist AS (
         SELECT s.reviewer_id, h.bucket, sum(h.n) AS n
         FROM reviewer_stats s, unnest(s.time_hist) WITH ORDINALITY AS h(n, bucket) WHERE ${where} GROUP BY 1, 2
       ), running AS (
         SELECT reviewer_id, bucket, sum(n) OVER (PARTITION BY reviewer_id ORDER BY bucket) AS seen,
                sum(n) OVER (PARTITION BY reviewer_id) AS total
         FROM hist
       ), median AS (
         SELECT DISTINCT ON (reviewer_id) reviewer_id, bucket FROM running WHERE total > 0 AND seen * 2 >= total ORDER BY reviewer_id, bucket
       )
       SELECT t.reviewer_id AS "reviewerId", u.name, t.reviewed, t.approved::float8 / t.reviewed AS "approvalRate",
              CASE WHEN t.decided > 0 THEN t.agreed::float8 / t.decided END AS "coReviewerAgreement", m.bucket::int AS median_bucket
       FROM totals t JOIN users u ON u.id = t.reviewer_id LEFT JOIN median m ON m.reviewer_id = t.reviewer_id
       ORDER BY t.reviewed DESC, u.name`,
      params,
    );
    return rows.map(({ median_bucket, ...r }) => ({ ...r, medianMs: median_bucket === null ? null : Math.round(bucketMiddleMs(median_bucket)) }));
  }
}
