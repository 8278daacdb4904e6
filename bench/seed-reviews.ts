import type { DataSource } from 'typeorm';

export interface ReviewSeed {
  decidedItems: number;
  pendingItems: number;
  annotators: number;
  /** Share of decisions that approve. */
  approveRate: number;
  weeks: number;
}

/**
 * Fills a fresh database with a reviewed corpus in bulk: decided items with their filtering rounds and two
 * submitted reviews each from random pairs of annotators, spread over `weeks`, plus items waiting for review.
 */
export async function seedReviews(db: DataSource, s: ReviewSeed, log: (msg: string) => void): Promise<void> {
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const started = Date.now();
    await db.query(sql, params);
    log(`  ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  };
  await db.query(`SET synchronous_commit = off`);
  await step(
    `${s.annotators} annotators`,
    `INSERT INTO users (email, name, role, password_hash)
     SELECT 'annotator-' || n || '@bench.pace', '标注员 ' || n, 'annotator', 'not-a-login' FROM generate_series(1, $1) n`,
    [s.annotators],
  );
  await step(
    'source and import',
    `WITH src AS (INSERT INTO sources (name, kind) VALUES ('bench', 'generic') RETURNING id)
     INSERT INTO imports (source_id, adapter, format, file_path, original_name, status)
     SELECT id, 'messages', 'jsonl', 'bench', 'bench.jsonl', 'completed' FROM src`,
  );
  const total = s.decidedItems + s.pendingItems;
  await step(
    `${total.toLocaleString('en')} items`,
    `INSERT INTO items (ability_id, source_id, import_id, raw_file, raw_line, messages, question_format, answer_type, status,
                        content_hash, minhash, lsh_keys)
     SELECT 1 + n % 10, i.source_id, i.id, 'bench.jsonl', n,
            jsonb_build_array(jsonb_build_object('role', 'user', 'content', '第' || n || '题：请简述汉朝建立的过程，并说明其历史影响。'),
                              jsonb_build_object('role', 'assistant', 'content', '公元前202年，刘邦击败项羽建立汉朝，定都长安，奠定了两汉四百年基业。')),
            1, 'open', CASE WHEN n <= $1 THEN 'in_review' ELSE 'pending_review' END,
            sha256(n::text::bytea), '\\x'::bytea, '{}'
     FROM imports i, generate_series(1, $2) n`,
    [s.decidedItems, total],
  );
  await step(
    `${s.decidedItems.toLocaleString('en')} decided rounds`,
    `WITH u AS (SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE role = 'annotator'),
     pick AS (
       SELECT i.id AS item_id, i.ability_id, i.source_id,
              1 + floor(random() * $1::int)::int AS x, floor(random() * ($1::int - 1))::int AS dx,
              random() < $2::float8 AS approve_x, random() < $2::float8 AS approve_y,
              now() - (random() * $3::int * interval '7 days') AS decided_at
       FROM items i WHERE i.status = 'in_review'
     ), pairs AS (
       SELECT p.*, u.ids[p.x] AS rx, u.ids[1 + (p.x + p.dx) % $1::int] AS ry FROM pick p, u
     )
     INSERT INTO review_rounds (item_id, kind, ability_id, source_id, status, open_slots, outcome,
                                reviewer_lo, approve_lo, reviewer_hi, approve_hi, created_at, decided_at)
     SELECT item_id, 'filter', ability_id, source_id, 'decided', 0,
            CASE WHEN approve_x AND approve_y THEN 'accepted' ELSE 'rejected' END,
            CASE WHEN rx < ry THEN rx ELSE ry END, CASE WHEN rx < ry THEN approve_x ELSE approve_y END,
            CASE WHEN rx < ry THEN ry ELSE rx END, CASE WHEN rx < ry THEN approve_y ELSE approve_x END,
            decided_at - interval '1 hour', decided_at
     FROM pairs`,
    [s.annotators, s.approveRate, s.weeks],
  );
  await step(`item statuses from outcomes`, `UPDATE items i SET status = r.outcome FROM review_rounds r WHERE r.item_id = i.id AND r.outcome IS NOT NULL`);
  await step(
    `${(2 * s.decidedItems).toLocaleString('en')} submitted reviews`,
    `INSERT INTO review_assignments (round_id, reviewer_id, state, leased_at, expires_at, submitted_at, decision, reasons, time_spent_ms)
     SELECT r.id, v.reviewer, 'submitted', r.created_at, r.created_at + interval '30 minutes', r.decided_at,
            CASE WHEN v.approve THEN 'approve' ELSE 'reject' END,
            CASE WHEN v.approve THEN '{}'::text[] ELSE '{incorrect_answer}'::text[] END,
            (5000 + random() * 60000)::int
     FROM review_rounds r, LATERAL (VALUES (r.reviewer_lo, r.approve_lo), (r.reviewer_hi, r.approve_hi)) AS v(reviewer, approve)`,
  );
  await step('agreement counts', `SELECT pace_rebuild_agreement_counts()`);
  await step('vacuum analyze', `VACUUM ANALYZE`);
}
