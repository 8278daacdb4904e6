import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Running counts behind the agreement statistics, kept up to date in the transaction that decides a round, so
 * statistics over millions of reviews read thousands of rows: unit patterns per ability × source × week, 2×2
 * tables (with their κ) per reviewer pair × ability, and per-reviewer tallies with a histogram of time spent
 * (100 buckets, 10% wide from 0.5 s, so the median is known within 5%).
 */
export class CreateAgreementCounts1763950000000 implements MigrationInterface {
  name = 'CreateAgreementCounts1763950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agreement_cells (
        subject text NOT NULL CHECK (subject IN ('items', 'distractors')),
        ability_id int NOT NULL REFERENCES abilities(id),
        source_id uuid NOT NULL REFERENCES sources(id),
        week date NOT NULL,
        approvals smallint NOT NULL CHECK (approvals BETWEEN 0 AND 2),
        n int NOT NULL,
        PRIMARY KEY (subject, ability_id, source_id, week, approvals)
      )`);
    await q.query(`
      CREATE FUNCTION pace_cohen_kappa_2x2(aa int, ar int, ra int, rr int) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
        -- the statistics library's rule: (p_o − p_e)/(1 − p_e); 1 when p_e = p_o = 1; undefined (NULL) otherwise
        SELECT CASE WHEN n = 0 THEN NULL WHEN pe >= 1 THEN CASE WHEN po >= 1 THEN 1.0 END ELSE (po - pe) / (1 - pe) END
        FROM (SELECT n, (aa + rr) / n AS po, ((aa + ar) / n) * ((aa + ra) / n) + ((ra + rr) / n) * ((ar + rr) / n) AS pe
              FROM (SELECT (aa + ar + ra + rr)::float8 AS n) t) x
      $$`);
    await q.query(`
      CREATE TABLE agreement_pairs (
        subject text NOT NULL,
        ability_id int NOT NULL REFERENCES abilities(id),
        reviewer_lo uuid NOT NULL REFERENCES users(id),
        reviewer_hi uuid NOT NULL REFERENCES users(id),
        aa int NOT NULL DEFAULT 0,
        ar int NOT NULL DEFAULT 0,
        ra int NOT NULL DEFAULT 0,
        rr int NOT NULL DEFAULT 0,
        kappa float8 GENERATED ALWAYS AS (pace_cohen_kappa_2x2(aa, ar, ra, rr)) STORED,
        PRIMARY KEY (subject, ability_id, reviewer_lo, reviewer_hi)
      )`);
    await q.query(`
      CREATE TABLE reviewer_stats (
        subject text NOT NULL,
        reviewer_id uuid NOT NULL REFERENCES users(id),
        ability_id int NOT NULL REFERENCES abilities(id),
        source_id uuid NOT NULL REFERENCES sources(id),
        reviewed int NOT NULL DEFAULT 0,
        approved int NOT NULL DEFAULT 0,
        decided int NOT NULL DEFAULT 0,
        agreed int NOT NULL DEFAULT 0,
        time_hist int[] NOT NULL DEFAULT array_fill(0, ARRAY[100]),
        PRIMARY KEY (subject, reviewer_id, ability_id, source_id)
      )`);
    await q.query(`
      CREATE FUNCTION pace_time_bucket(ms int) RETURNS int LANGUAGE sql IMMUTABLE AS $$
        SELECT LEAST(100, GREATEST(1, floor(ln(GREATEST(COALESCE(ms, 0), 1) / 500.0) / ln(1.1))::int + 2))
      $$`);
    await q.query(`
      CREATE FUNCTION pace_round_subject(kind text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN kind = 'distractor' THEN 'distractors' ELSE 'items' END
      $$`);
    await q.query(`
      CREATE FUNCTION pace_rebuild_agreement_counts() RETURNS void LANGUAGE sql AS $$
        TRUNCATE agreement_cells, agreement_pairs, reviewer_stats;
        INSERT INTO agreement_cells (subject, ability_id, source_id, week, approvals, n)
        SELECT pace_round_subject(kind), ability_id, source_id, date_trunc('week', decided_at)::date,
               approve_lo::int + approve_hi::int, count(*)
        FROM review_rounds WHERE status = 'decided' GROUP BY 1, 2, 3, 4, 5;
        INSERT INTO agreement_pairs (subject, ability_id, reviewer_lo, reviewer_hi, aa, ar, ra, rr)
        SELECT pace_round_subject(kind), ability_id, reviewer_lo, reviewer_hi,
               count(*) FILTER (WHERE approve_lo AND approve_hi), count(*) FILTER (WHERE approve_lo AND NOT approve_hi),
               count(*) FILTER (WHERE NOT approve_lo AND approve_hi), count(*) FILTER (WHERE NOT approve_lo AND NOT approve_hi)
        FROM review_rounds WHERE status = 'decided' GROUP BY 1, 2, 3, 4;
        INSERT INTO reviewer_stats (subject, reviewer_id, ability_id, source_id, reviewed, approved, decided, agreed, time_hist)
        WITH submitted AS (
          SELECT pace_round_subject(r.kind) AS subject, a.reviewer_id, r.ability_id, r.source_id, a.decision, a.time_spent_ms,
                 r.status = 'decided' AS decided, r.approve_lo = r.approve_hi AS agreed
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
      $$`);
    await q.query(`SELECT pace_rebuild_agreement_counts()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION pace_rebuild_agreement_counts()`);
    await q.query(`DROP FUNCTION pace_round_subject(text)`);
    await q.query(`DROP FUNCTION pace_time_bucket(int)`);
    await q.query(`DROP TABLE reviewer_stats`);
    await q.query(`DROP TABLE agreement_pairs`);
    await q.query(`DROP FUNCTION pace_cohen_kappa_2x2(int, int, int, int)`);
    await q.query(`DROP TABLE agreement_cells`);
  }
}
