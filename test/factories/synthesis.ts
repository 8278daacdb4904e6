import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { PairTags, ReviewMode, RunUsage } from '../../server/synthesis/synthesis-contract';

/**
 * Seeds a finished generation run the way the GLAN pipeline leaves it (status completed, stage ingest, its pairs
 * `generated`), straight in SQL, for tests of what happens after generation: ingestion, decontamination, coverage.
 * A test that needs a real run can replace seedGenerationRun + seedPairs by the pipeline against the fixture LLM
 * server; everything after them reads only the tables.
 */
export async function seedGenerationRun(
  db: DataSource,
  o: { name: string; reviewMode?: ReviewMode; sourceId?: string; sourceName?: string; usage?: RunUsage; createdBy?: string },
): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO synthesis_runs (kind, name, taxonomy_revision, source_id, review_mode, settings, status, stage, usage, created_by, started_at)
     VALUES ('generation', $1, $2, $3, $4, $5, 'completed', 'ingest', $6, $7, now()) RETURNING id`,
    [
      o.name,
      hex(`taxonomy of ${o.name}`),
      o.sourceId ?? null,
      o.reviewMode ?? 'dual',
      JSON.stringify(o.sourceName ? { sourceName: o.sourceName } : {}),
      JSON.stringify(o.usage ?? { calls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 }),
      o.createdBy ?? null,
    ],
  );
  return id;
}

export interface PairSeed {
  question: string;
  answer: string;
  tags?: Partial<PairTags>;
}

/** A pair's tags: a history discipline unless the seed says otherwise. */
export function pairTags(overrides: Partial<PairTags> = {}): PairTags {
  return {
    field: 'Humanities',
    subField: 'History',
    discipline: 'Chinese history',
    disciplineId: 'd-history',
    abilityKey: 'history',
    subject: 'Qin and Han',
    level: 'undergraduate',
    sessions: ['Session 1'],
    concepts: ['concept A'],
    strategy: 'single',
    combo: 's0:0',
    taxonomyRevision: 'rev-1',
    ...overrides,
  };
}

/** Inserts the run's question/answer pairs (status generated) in order; returns their ids. */
export async function seedPairs(db: DataSource, runId: string, pairs: PairSeed[]): Promise<number[]> {
  const rows = await db.query(
    `INSERT INTO synthesis_pairs (run_id, question_key, answer_key, question, answer, tags)
     SELECT $1, q, a, question, answer, tags FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[]) WITH ORDINALITY
       AS p(q, a, question, answer, tags, n) ORDER BY n RETURNING id`,
    [
      runId,
      pairs.map((_, i) => hex(`${runId} question ${i}`)),
      pairs.map((_, i) => hex(`${runId} answer ${i}`)),
      pairs.map((p) => p.question),
      pairs.map((p) => p.answer),
      pairs.map((p) => JSON.stringify(pairTags(p.tags))),
    ],
  );
  return rows.map((r: { id: string }) => Number(r.id));
}

/** Completed pipeline calls of the run (for usage by stage). */
export async function seedNodes(
  db: DataSource,
  runId: string,
  nodes: Array<{ kind: 'subject-list' | 'subjects' | 'syllabus' | 'sessions' | 'question' | 'answer'; promptTokens: number; completionTokens: number; costUsd: number }>,
): Promise<void> {
  for (const [i, n] of nodes.entries()) {
    await db.query(
      `INSERT INTO synthesis_nodes (key, run_id, kind, template, model, prompt, completion, prompt_tokens, completion_tokens, cost_usd)
       VALUES ($1, $2, $3, 'v1', 'fixture-model', '[]', 'ok', $4, $5, $6)`,
      [hex(`${runId} node ${i}`), runId, n.kind, n.promptTokens, n.completionTokens, n.costUsd],
    );
  }
}

export async function seedFailures(db: DataSource, runId: string, failures: Array<{ stage: string; code: string; message: string; raw?: string }>): Promise<void> {
  for (const f of failures) {
    await db.query(`INSERT INTO synthesis_failures (run_id, stage, code, message, raw) VALUES ($1, $2, $3, $4, $5)`, [runId, f.stage, f.code, f.message, f.raw ?? null]);
  }
}

/**
 * An evaluation item for decontamination: an accepted item of a curated source in split valid/test, or an item of a
 * benchmark source (kind 'benchmark', status reference), with the given text.
 */
export async function insertEvalItem(
  db: DataSource,
  o: { sourceName: string; kind: 'curation' | 'benchmark'; split?: 'valid' | 'test'; ability?: string; question: string; answer: string },
): Promise<number> {
  const [source] = await db.query(
    `INSERT INTO sources (name, kind) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [o.sourceName, o.kind],
  );
  const [imp] = await db.query(
    `INSERT INTO imports (source_id, adapter, format, file_path, original_name, status) VALUES ($1, 'messages', 'jsonl', 'factory', 'factory.jsonl', 'completed') RETURNING id`,
    [source.id],
  );
  const [item] = await db.query(
    `INSERT INTO items (ability_id, source_id, import_id, raw_file, raw_line, messages, question_format, answer_type, status, content_hash, minhash, lsh_keys, split)
     VALUES ((SELECT id FROM abilities WHERE key = $1), $2, $3, 'factory.jsonl', 1, $4, 1, 'open', $5, sha256(convert_to($6, 'UTF8')), '\\x'::bytea, '{}', $7)
     RETURNING id`,
    [
      o.ability ?? 'history',
      source.id,
      imp.id,
      JSON.stringify([{ role: 'user', content: o.question }, { role: 'assistant', content: o.answer }]),
      o.kind === 'benchmark' ? 'reference' : 'accepted',
      `${o.sourceName}:${o.question}`,
      o.kind === 'benchmark' ? null : (o.split ?? 'test'),
    ],
  );
  return Number(item.id);
}

function hex(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
