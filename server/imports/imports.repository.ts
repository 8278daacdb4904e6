import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { ImportErrorCode } from './import-error-codes';
import type { ImportRow } from './import-views';
import type { ResumePoint } from './import-types';
import { copyItems } from './item-copy';
import type { ImportStatus } from './import.entity';
import { quoteSafely, quoteSafelyOrNull } from './text-policy';
import { updateReturning } from '../sql/update-returning';

export interface ErrorRow {
  file: string;
  line: number;
  field: string | null;
  code: ImportErrorCode;
  reason: string;
  excerpt: string | null;
}

export type BatchProgress = Pick<
  ImportRow,
  'doneSize' | 'linesRead' | 'itemsCreated' | 'exactDuplicates' | 'nearDuplicates' | 'skipped' | 'errorCount' | 'linesPerSecond'
> & { checkpoint: ResumePoint };

@Injectable()
export class ImportsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async allocateItemIds(n: number): Promise<number[]> {
    if (n === 0) return [];
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT nextval('items_id_seq')::bigint AS id FROM generate_series(1, $1)`,
      [n],
    );
    return rows.map((r) => Number(r.id));
  }

  /**
   * content hash (hex) → id of the original (non-duplicate) item holding it. Written so that each hash is one
   * probe of items_content_hash_idx whatever the statistics: with `content_hash = ANY($1)` the planner chose a
   * sequential scan while items had none (a new database, or many rows since autovacuum last analysed), which
   * made an import quadratic; with min(id) or ORDER BY id LIMIT 1 it walked the primary key instead.
   */
  async findOriginalsByHash(hashes: Buffer[]): Promise<Map<string, number>> {
    if (hashes.length === 0) return new Map();
    const rows: Array<{ content_hash: Buffer; ids: string[] }> = await this.db.query(
      `SELECT h.hash AS content_hash, o.ids
         FROM unnest($1::bytea[]) AS h(hash)
         CROSS JOIN LATERAL (
           SELECT array_agg(i.id) AS ids FROM items i WHERE i.content_hash = h.hash AND i.status <> 'duplicate'
         ) o
        WHERE o.ids IS NOT NULL`,
      [hashes],
    );
    return new Map(rows.map((r) => [r.content_hash.toString('hex'), Math.min(...r.ids.map(Number))]));
  }

  /** The signatures near-duplicate detection compares items by (see itemSimilarity), as stored. */
  async minhashesOf(ids: number[]): Promise<Map<number, { minhash: Buffer; qaMinhash: Buffer | null; contextMinhash: Buffer | null }>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; minhash: Buffer; qa_minhash: Buffer | null; context_minhash: Buffer | null }> = await this.db.query(
      'SELECT id, minhash, qa_minhash, context_minhash FROM items WHERE id = ANY($1::bigint[])',
      [ids],
    );
    return new Map(rows.map((r) => [Number(r.id), { minhash: r.minhash, qaMinhash: r.qa_minhash, contextMinhash: r.context_minhash }]));
  }

  /**
   * Streams every original item's LSH keys, in pages, to rebuild the near-duplicate index. Items whose import
   * used other LSH parameters come with their MinHash signature instead, for the caller to re-band.
   */
  async *originalsLshKeys(lshParams: string, pageSize = 20_000): AsyncGenerator<Array<{ id: number; keys: number[] | null; minhash: Buffer | null }>> {
    let after = 0;
    for (;;) {
      const rows: Array<{ id: string; lsh_keys: number[] | null; minhash: Buffer | null }> = await this.db.query(
        `SELECT i.id,
                CASE WHEN imp.lsh_params = $3 THEN i.lsh_keys END AS lsh_keys,
                CASE WHEN imp.lsh_params IS DISTINCT FROM $3 THEN i.minhash END AS minhash
           FROM items i JOIN imports imp ON imp.id = i.import_id
          WHERE i.status <> 'duplicate' AND i.id > $1 ORDER BY i.id LIMIT $2`,
        [after, pageSize, lshParams],
      );
      if (rows.length === 0) return;
      after = Number(rows[rows.length - 1].id);
      yield rows.map((r) => ({ id: Number(r.id), keys: r.lsh_keys, minhash: r.minhash }));
    }
  }

  async recordLshParams(importId: string, lshParams: string): Promise<void> {
    await this.db.query('UPDATE imports SET lsh_params = $2 WHERE id = $1', [importId, lshParams]);
  }

  /**
   * Writes one batch (its items as a binary COPY body, see item-copy) and the progress that includes it atomically;
   * returns the import's status after the write.
   */
  async commitBatch(importId: string, items: Buffer | null, errors: ErrorRow[], p: BatchProgress, acceptedIds: number[] = []): Promise<ImportStatus> {
    return this.db.transaction(async (m) => {
      // A crash may lose the last few commits, never split one: items and checkpoint stay together, and the
      // resumed run redoes what was lost. Not waiting for the WAL flush keeps imports CPU-bound.
      await m.query('SET LOCAL synchronous_commit = off');
      if (items) await copyItems((await m.queryRunner!.connect()) as PoolClient, items);
      await this.insertErrors(m, importId, errors);
      await this.auditAcceptedWithoutReview(m, importId, acceptedIds);
      const [row] = await updateReturning<{ status: ImportStatus }>(
        m,
        `UPDATE imports SET checkpoint = $2, done_size = $3, lines_read = $4, items_created = $5,
                exact_duplicates = $6, near_duplicates = $7, skipped = $8, error_count = $9,
                lines_per_second = $10, updated_at = now()
          WHERE id = $1 RETURNING status`,
        [importId, JSON.stringify(p.checkpoint), p.doneSize, p.linesRead, p.itemsCreated, p.exactDuplicates,
          p.nearDuplicates, p.skipped, p.errorCount, p.linesPerSecond],
      );
      return row.status;
    });
  }

  /** Items created accepted (review mode none) are in the audit log as accepted without review, by the importer. */
  private async auditAcceptedWithoutReview(m: EntityManager, importId: string, ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await m.query(
      `INSERT INTO audit_log (actor_id, entity, entity_id, action, after)
       SELECT imp.created_by, 'item', i.id::text, 'accept_without_review',
              jsonb_build_object('status', i.status, 'reviewMode', i.review_mode, 'importId', imp.id, 'sourceId', i.source_id)
         FROM items i JOIN imports imp ON imp.id = i.import_id
        WHERE i.import_id = $1 AND i.id = ANY($2::bigint[]) AND i.status = 'accepted'`,
      [importId, ids],
    );
  }

  /** Error rows quote what they report (a NUL, an unpaired surrogate) as visible escapes, which PostgreSQL stores. */
  private async insertErrors(m: EntityManager, importId: string, errors: ErrorRow[]): Promise<void> {
    if (errors.length === 0) return;
    await m.query(
      `INSERT INTO import_errors (import_id, file, line, field, code, reason, excerpt)
       SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[])`,
      [
        importId,
        errors.map((e) => quoteSafely(e.file)),
        errors.map((e) => e.line),
        errors.map((e) => quoteSafelyOrNull(e.field)),
        errors.map((e) => e.code),
        errors.map((e) => quoteSafely(e.reason)),
        errors.map((e) => quoteSafelyOrNull(e.excerpt)),
      ],
    );
  }

  async setStatus(importId: string, status: ImportStatus, extra: { failureReason?: string | null } = {}): Promise<void> {
    const terminal = ['completed', 'failed', 'cancelled'].includes(status);
    await this.db.query(
      `UPDATE imports SET status = $2, updated_at = now(),
              failure_reason = CASE WHEN $3::boolean THEN $4 ELSE failure_reason END,
              started_at = CASE WHEN $2 = 'running' THEN coalesce(started_at, now()) ELSE started_at END,
              finished_at = CASE WHEN $5::boolean THEN now() ELSE NULL END
        WHERE id = $1`,
      [importId, status, 'failureReason' in extra, quoteSafelyOrNull(extra.failureReason), terminal],
    );
  }

  /** Imports whose worker stopped reporting: they are queued again so another worker resumes them. */
  async requeueStale(staleSeconds: number): Promise<string[]> {
    const rows = await updateReturning<{ id: string; status: string }>(
      this.db,
      `UPDATE imports SET status = CASE WHEN status = 'cancelling' THEN 'cancelled' ELSE 'queued' END,
              updated_at = now()
        WHERE status IN ('running', 'cancelling') AND updated_at < now() - make_interval(secs => $1)
        RETURNING id, status`,
      [staleSeconds],
    );
    return rows.filter((r) => r.status === 'queued').map((r) => r.id);
  }
}
