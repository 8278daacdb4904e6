import type { DataSource } from 'typeorm';

export interface ItemSeed {
  count: number;
  ability?: string;
  status?: string;
  /** 1 = open-ended (the default), 0 = exact-match. */
  questionFormat?: 0 | 1;
  split?: 'train' | 'valid' | 'test' | null;
  sourceName?: string;
  /** The source's kind when the factory creates it (default generic); review modes other than dual need 'synthetic'. */
  sourceKind?: 'generic' | 'synthetic';
  /** items.review_mode (default dual). */
  reviewMode?: 'dual' | 'single' | 'none';
}

/**
 * Inserts ready-made items straight into the database (a source and a completed import to hang them on), for
 * workflow tests that do not exercise the import pipeline. Returns their ids in order.
 */
export async function insertItems(db: DataSource, seed: ItemSeed): Promise<number[]> {
  const sourceName = seed.sourceName ?? `factory-${Math.random().toString(36).slice(2, 10)}`;
  const [source] = await db.query(
    `INSERT INTO sources (name, kind) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [sourceName, seed.sourceKind ?? 'generic'],
  );
  const [ability] = await db.query(`SELECT id FROM abilities WHERE key = $1`, [seed.ability ?? 'history']);
  const [imp] = await db.query(
    `INSERT INTO imports (source_id, adapter, format, file_path, original_name, status) VALUES ($1, 'messages', 'jsonl', 'factory', 'factory.jsonl', 'completed') RETURNING id`,
    [source.id],
  );
  const rows = await db.query(
    `INSERT INTO items (ability_id, source_id, import_id, raw_file, raw_line, messages, question_format, answer_type, gold, status,
                        content_hash, minhash, lsh_keys, split, review_mode)
     SELECT $1, $2, $3::uuid, 'factory.jsonl', n,
            jsonb_build_array(jsonb_build_object('role', 'user', 'content', '第' || n || '题：简述汉朝的建立过程及其影响。'),
                              jsonb_build_object('role', 'assistant', 'content', '公元前202年，刘邦击败项羽，建立汉朝，定都长安。第' || n || '号答案。')),
            $4::smallint, CASE WHEN $4 = 1 THEN 'open' ELSE 'single_choice' END, CASE WHEN $4 = 1 THEN NULL ELSE 'B' END, $5,
            sha256(($3::text || n)::bytea), '\\x'::bytea, '{}', $6, $8
     FROM generate_series(1, $7) AS n ORDER BY n
     RETURNING id`,
    [ability.id, source.id, imp.id, seed.questionFormat ?? 1, seed.status ?? 'pending_review', seed.split ?? null, seed.count, seed.reviewMode ?? 'dual'],
  );
  return rows.map((r: { id: string }) => Number(r.id)).sort((a: number, b: number) => a - b);
}
