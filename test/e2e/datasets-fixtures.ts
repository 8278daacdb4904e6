import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from '../utils/test-app';

/** Shared by the datasets-*.e2e-spec files (not a spec itself). */

export interface SeedItems {
  count: number;
  ability?: string;
  questionFormat?: 0 | 1;
  status?: string;
  split?: 'train' | 'valid' | 'test' | null;
  sourceName?: string;
  sourceKind?: 'curation' | 'benchmark' | 'generic' | 'synthetic';
  /** Contents of the user message, one per item; random hex text otherwise (no shared 13-grams). */
  texts?: string[];
}

/** Inserts accepted items with content of their own; returns their ids in order. */
export async function seedItems(t: TestApp, s: SeedItems): Promise<number[]> {
  const sourceName = s.sourceName ?? `ds-${Math.random().toString(36).slice(2, 10)}`;
  const [source] = await t.db.query(
    `INSERT INTO sources (name, kind) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [sourceName, s.sourceKind ?? 'curation'],
  );
  const [ability] = await t.db.query(`SELECT id FROM abilities WHERE key = $1`, [s.ability ?? 'history']);
  const [imp] = await t.db.query(
    `INSERT INTO imports (source_id, adapter, format, file_path, original_name, status)
     VALUES ($1, 'messages', 'jsonl', 'datasets', 'datasets.jsonl', 'completed') RETURNING id`,
    [source.id],
  );
  const texts = s.texts ?? Array.from({ length: s.count }, () => null);
  const rows = await t.db.query(
    `INSERT INTO items (ability_id, source_id, import_id, raw_file, raw_line, messages, question_format, answer_type, gold, status,
                        content_hash, minhash, lsh_keys, split)
     SELECT $1, $2, $3::uuid, 'datasets.jsonl', n,
            jsonb_build_array(jsonb_build_object('role', 'user', 'content', coalesce(($8::text[])[n], '问题 ' || md5(random()::text) || ' ' || md5(random()::text))),
                              jsonb_build_object('role', 'assistant', 'content', '答案 ' || md5(random()::text) || ' ' || md5(random()::text))),
            $4::smallint, CASE WHEN $4 = 1 THEN 'open' ELSE 'single_choice' END, CASE WHEN $4 = 1 THEN NULL ELSE 'B' END, $5,
            sha256(($3::text || n)::bytea), '\\x'::bytea, '{}', $6
       FROM generate_series(1, $7) AS n ORDER BY n
     RETURNING id`,
    [ability.id, source.id, imp.id, s.questionFormat ?? 0, s.status ?? 'accepted', s.split ?? null, s.count, texts],
  );
  return rows.map((r: { id: string }) => Number(r.id)).sort((a: number, b: number) => a - b);
}

/** Gives open-ended items approved fine and coarse distractors and marks them PPL-ready. */
export async function makePplReady(t: TestApp, itemIds: number[], authorId: string): Promise<void> {
  for (const id of itemIds) {
    const [task] = await t.db.query(
      `INSERT INTO distractor_tasks (item_id, author_id, kinds, state, expires_at, submitted_at)
       VALUES ($1, $2, '{fine,coarse}', 'submitted', now(), now()) RETURNING id`,
      [id, authorId],
    );
    await t.db.query(
      `INSERT INTO distractors (item_id, kind, author_id, task_id, text, edit_ratio, status, decided_at)
       VALUES ($1::bigint, 'fine', $2, $3, '细微干扰项 ' || $1::text, 0.2, 'approved', now()),
              ($1::bigint, 'coarse', $2, $3, '粗略干扰项 ' || $1::text, 0.9, 'approved', now())`,
      [id, authorId, task.id],
    );
    await t.db.query(`UPDATE items SET ppl_ready = true WHERE id = $1`, [id]);
  }
}

export async function freeze(t: TestApp, token: string, body: Record<string, unknown>) {
  const res = await t.http.post('/api/datasets/versions').set('Authorization', `Bearer ${token}`).send(body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; name: string; status: string };
}

export async function waitForVersion(t: TestApp, token: string, id: number, timeoutMs = Number(process.env.FREEZE_WAIT_MS ?? 60_000)) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.http.get(`/api/datasets/versions/${id}`).set('Authorization', `Bearer ${token}`).expect(200);
    if (res.body.status !== 'freezing') return res.body;
    if (Date.now() > until) throw new Error(`version ${id} still freezing after ${timeoutMs} ms: ${JSON.stringify(res.body.progress)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function freezeAndWait(t: TestApp, token: string, body: Record<string, unknown>) {
  const { id } = await freeze(t, token, body);
  const v = await waitForVersion(t, token, id);
  expect(v.status, v.failureReason).toBe('frozen');
  return v;
}

/** Item id → split in a version. */
export async function versionSplits(t: TestApp, versionId: number): Promise<Map<number, string>> {
  const rows = await t.db.query(`SELECT item_id, split FROM dataset_version_items WHERE version_id = $1`, [versionId]);
  return new Map(rows.map((r: { item_id: string; split: string }) => [Number(r.item_id), r.split]));
}

/** The README's canonical form, written again here so the test checks the server rather than reusing its code. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
