import type { DataSource } from 'typeorm';

export interface VersionSeed {
  name: string;
  /** Items per ability and split; abilities default to every ability in the table. */
  perAbility: { train: number; valid: number; test: number };
  abilities?: string[];
}

/**
 * A frozen dataset version made straight with SQL (items, their snapshots, the version and its rows), for export
 * tests and the bench; a third of the items are open-ended (format 1) with both distractors, the rest exact-match.
 * Content is deterministic in the item's position, so two seeds of the same shape hold the same snapshots.
 */
export async function seedFrozenVersion(db: DataSource, seed: VersionSeed): Promise<{ versionId: number; items: number }> {
  const tag = `${seed.name}-${Math.random().toString(36).slice(2, 8)}`;
  const sources: Array<{ id: string }> = await db.query(
    `INSERT INTO sources (name, kind, license) VALUES ($1, 'curation', 'cc-by-4.0'), ($2, 'benchmark', 'MIT') RETURNING id`,
    [`${tag}-curated`, `${tag}-bench`],
  );
  // an item's import must be of the item's source
  const imports: Array<{ id: string }> = await db.query(
    `INSERT INTO imports (source_id, adapter, format, file_path, original_name, status)
     SELECT unnest($1::uuid[]), 'messages', 'jsonl', 'seed', 'seed.jsonl', 'completed' RETURNING id`,
    [sources.map((s) => s.id)],
  );
  const abilities: Array<{ id: number; key: string }> = await db.query(
    `SELECT id, key FROM abilities WHERE $1::text[] IS NULL OR key = ANY($1) ORDER BY key`,
    [seed.abilities ?? null],
  );
  const [version] = await db.query(
    `INSERT INTO dataset_versions (name, split_config, decontamination, status) VALUES ($1, '{}', '{}', 'freezing') RETURNING id`,
    [seed.name],
  );
  const { train, valid, test } = seed.perAbility;
  const perAbility = train + valid + test;
  // n: position in the version; a: which ability; k: position within the ability (train, then valid, then test)
  await db.query(
    `WITH src AS (
       SELECT n, ab.id AS ability_id, ab.key, k,
              CASE WHEN k < $5 THEN 'train' WHEN k < $5 + $6 THEN 'valid' ELSE 'test' END AS split,
              (CASE WHEN n % 7 = 0 THEN $3 ELSE $2 END)::uuid AS source_id,
              (CASE WHEN n % 7 = 0 THEN $10 ELSE $7 END)::uuid AS import_id,
              CASE WHEN n % 3 = 0 THEN 1 ELSE 0 END AS qf
         FROM generate_series(0, $4::int * cardinality($1::int[]) - 1) AS n,
              LATERAL (SELECT ($1::int[])[n / $4 + 1] AS id, ($8::text[])[n / $4 + 1] AS key, n % $4 AS k) ab
     ), content AS (
       SELECT s.*, jsonb_build_object(
           'messages', jsonb_build_array(
             jsonb_build_object('role', 'user', 'content',
               s.key || ' 第' || s.n || '题：请简要说明汉朝建立的过程及其对后世的影响。Explain briefly how the Han dynasty was founded (#' || s.n || ').'),
             jsonb_build_object('role', 'assistant', 'content',
               '公元前202年，刘邦击败项羽，建立汉朝，定都长安。In 202 BC Liu Bang defeated Xiang Yu and founded the Han; answer ' || s.n || '.')),
           'questionFormat', s.qf,
           'answerType', CASE WHEN s.qf = 1 THEN 'open' ELSE 'single_choice' END,
           'gold', CASE WHEN s.qf = 1 THEN NULL ELSE chr(65 + s.n % 4) END,
           'choices', NULL,
           'distractors', CASE WHEN s.qf = 1 THEN jsonb_build_object(
             'fine', '公元前206年，刘邦击败项羽，建立汉朝，定都洛阳。' || s.n,
             'coarse', '汉朝是中国历史上一个重要的朝代。' || s.n) END) AS c
         FROM src s
     ), items AS (
       INSERT INTO items (ability_id, source_id, import_id, raw_file, raw_line, messages, question_format, answer_type, gold,
                          status, content_hash, minhash, lsh_keys)
       SELECT ability_id, source_id, import_id, 'seed.jsonl', n + 1, c->'messages', qf, c->>'answerType', c->>'gold',
              'accepted', sha256(convert_to(c::text, 'UTF8')), '\\x'::bytea, '{}'
         FROM content ORDER BY n
       RETURNING id, raw_line
     ), snaps AS (
       -- in item order, as a freeze writes them (every content is distinct: it holds its position)
       INSERT INTO item_snapshots (hash, content)
       SELECT sha256(convert_to(c::text, 'UTF8')), c FROM content ORDER BY n
       ON CONFLICT (hash) DO NOTHING
     )
     INSERT INTO dataset_version_items (version_id, item_id, ability_id, source_id, split, snapshot_hash)
     SELECT $9, i.id, c.ability_id, c.source_id, c.split, sha256(convert_to(c.c::text, 'UTF8'))
       FROM items i JOIN content c ON c.n + 1 = i.raw_line`,
    [abilities.map((a) => a.id), sources[0].id, sources[1].id, perAbility, train, valid, imports[0].id, abilities.map((a) => a.key), version.id, imports[1].id],
  );
  const items = abilities.length * perAbility;
  await db.query(
    `UPDATE dataset_versions SET status = 'frozen', frozen_at = '2026-01-02T03:04:05Z', item_count = $2,
            content_hash = encode(sha256(convert_to($3, 'UTF8')), 'hex') WHERE id = $1`,
    [version.id, items, tag],
  );
  return { versionId: version.id, items };
}
