import { Injectable } from '@nestjs/common';
import type { ReviewMode } from '../../synthesis/synthesis-contract';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ChatMessage } from '../../imports/import-types';
import type { Split } from '../../items/item.entity';
import { updateReturning } from '../../sql/update-returning';
import type { FreezeProgress, SplitCounts } from '../dataset-version';
import { CANDIDATES, filterParams, type ResolvedFilter } from '../version-filter';

export interface CandidateRow {
  id: number;
  abilityId: number;
  sourceId: string;
  split: Split | null;
  messages: ChatMessage[];
  questionFormat: 0 | 1;
  answerType: string;
  gold: string | null;
  choices: string[] | null;
  pplReady: boolean;
  fine: string | null;
  coarse: string | null;
  reviewMode: ReviewMode;
}

export interface EvalReference {
  id: number;
  messages: ChatMessage[];
  split: Split | null;
  /** Set for items of a benchmark source. */
  benchmark: { sourceId: string; sourceName: string } | null;
}

export interface VersionRow {
  itemId: number;
  abilityId: number;
  sourceId: string;
  split: Split;
  snapshotHash: Buffer;
}

export interface ExclusionRow {
  itemId: number;
  abilityId: number;
  split: Split;
  reason: 'contaminated' | 'not_ppl_ready';
  evidence: unknown;
  overruled: boolean;
}

export interface FreezeBatch {
  snapshots: Map<string, { hash: Buffer; json: string }>;
  items: VersionRow[];
  exclusions: ExclusionRow[];
}

export class FreezeCancelled extends Error {}

@Injectable()
export class FreezeRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async countCandidates(filter: ResolvedFilter, afterId = 0): Promise<number> {
    const [{ n }] = await this.db.query(
      `SELECT count(*)::int AS n FROM items i JOIN sources s ON s.id = i.source_id WHERE ${CANDIDATES} AND i.id > $5`,
      [...filterParams(filter), afterId],
    );
    return n;
  }

  /** The next candidates after `afterId` in id order, with approved distractors for open-ended valid/test items. */
  async candidatePage(filter: ResolvedFilter, afterId: number, limit: number): Promise<CandidateRow[]> {
    const rows: Array<Record<string, any>> = await this.db.query(
      `SELECT i.id, i.ability_id, i.source_id, i.split, i.messages, i.question_format, i.answer_type, i.gold, i.choices,
              i.ppl_ready, i.review_mode, d.fine, d.coarse
         FROM items i JOIN sources s ON s.id = i.source_id
         LEFT JOIN LATERAL (
           SELECT max(text) FILTER (WHERE kind = 'fine') AS fine, max(text) FILTER (WHERE kind = 'coarse') AS coarse
             FROM distractors
            WHERE item_id = i.id AND status = 'approved' AND i.question_format = 1 AND i.split IN ('valid', 'test')
         ) d ON true
        WHERE ${CANDIDATES} AND i.id > $5
        ORDER BY i.id LIMIT $6`,
      [...filterParams(filter), afterId, limit],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      abilityId: r.ability_id,
      sourceId: r.source_id,
      split: r.split,
      messages: r.messages,
      questionFormat: r.question_format,
      answerType: r.answer_type,
      gold: r.gold,
      choices: r.choices,
      pplReady: r.ppl_ready,
      fine: r.fine,
      coarse: r.coarse,
      reviewMode: r.review_mode,
    }));
  }

  /** Decontamination references: every accepted validation/test item, and every item of a benchmark source. */
  async *evalReferences(pageSize = 5000): AsyncGenerator<EvalReference[]> {
    for (let after = 0; ; ) {
      const rows: Array<Record<string, any>> = await this.db.query(
        `SELECT i.id, i.messages, i.split, s.kind = 'benchmark' AS benchmark, s.id AS source_id, s.name AS source_name
           FROM items i JOIN sources s ON s.id = i.source_id
          WHERE i.id > $1 AND (s.kind = 'benchmark' OR (i.status = 'accepted' AND i.split IN ('valid', 'test')))
          ORDER BY i.id LIMIT $2`,
        [after, pageSize],
      );
      if (rows.length === 0) return;
      after = Number(rows[rows.length - 1].id);
      yield rows.map((r) => ({
        id: Number(r.id),
        messages: r.messages,
        split: r.benchmark ? null : r.split,
        benchmark: r.benchmark ? { sourceId: r.source_id, sourceName: r.source_name } : null,
      }));
    }
  }

  async overruledItemIds(): Promise<Set<number>> {
    const rows: Array<{ item_id: string }> = await this.db.query('SELECT item_id FROM decontamination_overrules');
    return new Set(rows.map((r) => Number(r.item_id)));
  }

  async progressOf(versionId: number): Promise<Partial<FreezeProgress>> {
    const [row] = await this.db.query('SELECT progress FROM dataset_versions WHERE id = $1', [versionId]);
    return row?.progress ?? {};
  }

  async saveProgress(versionId: number, progress: FreezeProgress): Promise<boolean> {
    const rows = await updateReturning(
      this.db,
      `UPDATE dataset_versions SET progress = $2, heartbeat_at = now() WHERE id = $1 AND status = 'freezing' RETURNING id`,
      [versionId, JSON.stringify(progress)],
    );
    return rows.length > 0;
  }

  /**
   * Writes a batch and the progress that includes it atomically. Throws FreezeCancelled (rolling the batch back)
   * when the version is no longer freezing; rows already there are kept, so a resumed freeze redoes nothing twice.
   */
  async commitBatch(versionId: number, batch: FreezeBatch, progress: FreezeProgress): Promise<void> {
    await this.db.transaction(async (m) => {
      const [row] = await m.query(`SELECT status FROM dataset_versions WHERE id = $1 FOR UPDATE`, [versionId]);
      if (row?.status !== 'freezing') throw new FreezeCancelled();
      const snaps = [...batch.snapshots.values()];
      if (snaps.length) {
        await m.query(
          `INSERT INTO item_snapshots (hash, content)
           SELECT h, c::jsonb FROM unnest($1::bytea[], $2::text[]) AS t(h, c) ON CONFLICT (hash) DO NOTHING`,
          [snaps.map((s) => s.hash), snaps.map((s) => s.json)],
        );
      }
      const it = batch.items;
      if (it.length) {
        await m.query(
          `INSERT INTO dataset_version_items (version_id, item_id, ability_id, source_id, split, snapshot_hash)
           SELECT $1, * FROM unnest($2::bigint[], $3::int[], $4::uuid[], $5::text[], $6::bytea[]) ON CONFLICT DO NOTHING`,
          [versionId, it.map((r) => r.itemId), it.map((r) => r.abilityId), it.map((r) => r.sourceId), it.map((r) => r.split), it.map((r) => r.snapshotHash)],
        );
      }
      const ex = batch.exclusions;
      if (ex.length) {
        await m.query(
          `INSERT INTO dataset_version_exclusions (version_id, item_id, ability_id, split, reason, evidence, overruled)
           SELECT $1, e.item_id, e.ability_id, e.split, e.reason, e.evidence::jsonb, e.overruled
             FROM unnest($2::bigint[], $3::int[], $4::text[], $5::text[], $6::text[], $7::boolean[])
                  AS e(item_id, ability_id, split, reason, evidence, overruled)
           ON CONFLICT DO NOTHING`,
          [
            versionId,
            ex.map((r) => r.itemId),
            ex.map((r) => r.abilityId),
            ex.map((r) => r.split),
            ex.map((r) => r.reason),
            ex.map((r) => (r.evidence == null ? null : JSON.stringify(r.evidence))),
            ex.map((r) => r.overruled),
          ],
        );
      }
      await m.query(`UPDATE dataset_versions SET progress = $2, heartbeat_at = now() WHERE id = $1`, [versionId, JSON.stringify(progress)]);
    });
  }

  /**
   * Freezes whose runner stopped writing (each checkpoint and batch sets `heartbeat_at`): clearing the heartbeat
   * claims them, so of two sweeps at once only one gets each, and the caller queues them again to resume.
   */
  async requeueStale(staleSeconds: number): Promise<number[]> {
    const rows = await updateReturning<{ id: number }>(
      this.db,
      `UPDATE dataset_versions SET heartbeat_at = NULL
        WHERE status = 'freezing' AND heartbeat_at < now() - make_interval(secs => $1)
        RETURNING id`,
      [staleSeconds],
    );
    return rows.map((r) => r.id);
  }

  /** The version's rows in item id order, for its content hash. */
  async *hashLines(versionId: number, pageSize = 50_000): AsyncGenerator<Array<{ itemId: string; ability: string; split: string; hash: string }>> {
    for (let after = '0'; ; ) {
      const rows: Array<{ item_id: string; key: string; split: string; hash: string }> = await this.db.query(
        `SELECT v.item_id, a.key, v.split, encode(v.snapshot_hash, 'hex') AS hash
           FROM dataset_version_items v JOIN abilities a ON a.id = v.ability_id
          WHERE v.version_id = $1 AND v.item_id > $2 ORDER BY v.item_id LIMIT $3`,
        [versionId, after, pageSize],
      );
      if (rows.length === 0) return;
      after = rows[rows.length - 1].item_id;
      yield rows.map((r) => ({ itemId: r.item_id, ability: r.key, split: r.split, hash: r.hash }));
    }
  }

  async summary(versionId: number): Promise<{ counts: SplitCounts; missingPpl: SplitCounts; itemCount: number; flagged: number; overruled: number }> {
    const counts: SplitCounts = {};
    const rows: Array<{ key: string; split: Split; n: number }> = await this.db.query(
      `SELECT a.key, v.split, count(*)::int AS n FROM dataset_version_items v JOIN abilities a ON a.id = v.ability_id
        WHERE v.version_id = $1 GROUP BY 1, 2`,
      [versionId],
    );
    let itemCount = 0;
    for (const r of rows) {
      const c = (counts[r.key] ??= { train: 0, valid: 0, test: 0, total: 0 });
      c[r.split] = r.n;
      c.total = (c.total ?? 0) + r.n;
      itemCount += r.n;
    }
    const missingPpl: SplitCounts = {};
    const missing: Array<{ key: string; split: Split; n: number }> = await this.db.query(
      `SELECT a.key, e.split, count(*)::int AS n FROM dataset_version_exclusions e JOIN abilities a ON a.id = e.ability_id
        WHERE e.version_id = $1 AND e.reason = 'not_ppl_ready' GROUP BY 1, 2`,
      [versionId],
    );
    for (const r of missing) (missingPpl[r.key] ??= { valid: 0, test: 0 })[r.split] = r.n;
    const [flags] = await this.db.query(
      `SELECT count(*)::int AS flagged, count(*) FILTER (WHERE overruled)::int AS overruled
         FROM dataset_version_exclusions WHERE version_id = $1 AND reason = 'contaminated'`,
      [versionId],
    );
    return { counts, missingPpl, itemCount, ...flags };
  }

  async markFrozen(
    versionId: number,
    v: { itemCount: number; counts: SplitCounts; missingPpl: SplitCounts; contentHash: string; decontamination: object; progress: FreezeProgress },
  ): Promise<boolean> {
    const rows = await updateReturning(
      this.db,
      `UPDATE dataset_versions
          SET status = 'frozen', frozen_at = now(), item_count = $2, counts = $3, missing_ppl = $4, content_hash = $5,
              decontamination = $6, progress = $7
        WHERE id = $1 AND status = 'freezing' RETURNING id`,
      [versionId, v.itemCount, JSON.stringify(v.counts), JSON.stringify(v.missingPpl), v.contentHash, JSON.stringify(v.decontamination), JSON.stringify(v.progress)],
    );
    return rows.length > 0;
  }

  async markFailed(versionId: number, reason: string): Promise<void> {
    await this.db.query(`UPDATE dataset_versions SET status = 'failed', failure_reason = $2 WHERE id = $1 AND status = 'freezing'`, [
      versionId,
      reason,
    ]);
  }
}
