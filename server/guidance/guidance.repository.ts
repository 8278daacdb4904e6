import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { bucketMiddleMs } from '../agreement/agreement.repository';
import type { DataSource as RunSource } from '../analysis/growth/growth-types';
import type { PaceQueueView } from '../growth/growth-views';

/** One ability's review figures, from the agreement counts the review workflow keeps (item rounds). */
export interface ReviewFigures {
  ability: string;
  /** median seconds one review took (the agreement counts' time histogram: known within 5%); null without reviews */
  medianReviewSeconds: number | null;
  /** rounds both reviewers approved / decided rounds; null without decided rounds */
  passRate: number | null;
  /** accepted items now */
  accepted: number;
  /** items waiting for review (pending or in a round) */
  awaitingReview: number;
}

/** The stored pace-queue settings are what GET /reviews/pace answers. */
export type PaceSettingsRow = PaceQueueView;

/** The queries guidance makes: runs on a line, a version's curated train items, review figures, pace settings. */
@Injectable()
export class GuidanceRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The largest parameter count of a base model that has runs of this source. */
  async largestSizeWithRuns(source: RunSource): Promise<number | null> {
    const [row] = await this.db.query(
      `SELECT max(b.parameters)::float8 AS p FROM experiments x JOIN base_models b ON b.id = x.base_model_id LEFT JOIN recipes r ON r.id = x.recipe_id
        WHERE (CASE WHEN r.spec->>'pool' = 'synthetic' THEN 'synthetic' ELSE 'curated' END) = $1`,
      [source],
    );
    return row?.p ?? null;
  }

  /** The version and base model of the most recently created of these runs. */
  async latestRun(experimentIds: string[]): Promise<{ versionId: number; baseModelId: number } | null> {
    const [row] = await this.db.query(
      `SELECT version_id AS "versionId", base_model_id AS "baseModelId" FROM experiments WHERE id = ANY($1::uuid[]) ORDER BY created_at DESC, id DESC LIMIT 1`,
      [experimentIds],
    );
    return row ?? null;
  }

  async versionStatus(versionId: number): Promise<string | null> {
    const [row] = await this.db.query(`SELECT status FROM dataset_versions WHERE id = $1`, [versionId]);
    return row?.status ?? null;
  }

  /** Curated train items per ability key in a version (what a curated recipe can take). */
  async curatedTrainCounts(versionId: number): Promise<Record<string, number>> {
    const rows: { key: string; n: number }[] = await this.db.query(
      `SELECT a.key, count(*)::int AS n FROM dataset_version_items v
         JOIN sources s ON s.id = v.source_id JOIN abilities a ON a.id = v.ability_id
        WHERE v.version_id = $1 AND v.split = 'train' AND s.kind IN ('curation', 'generic') GROUP BY a.key`,
      [versionId],
    );
    return Object.fromEntries(rows.map((r) => [r.key, r.n]));
  }

  /** Per ability key: median review time and pass rate of item rounds, accepted items and items awaiting review. */
  async reviewFigures(): Promise<ReviewFigures[]> {
    const rows: { key: string; median_bucket: number | null; approved2: number | null; decided: number | null; accepted: number; awaiting: number }[] = await this.db.query(
      `WITH hist AS (
         SELECT s.ability_id, h.bucket, sum(h.n) AS n
           FROM reviewer_stats s, unnest(s.time_hist) WITH ORDINALITY AS h(n, bucket) WHERE s.subject = 'items' GROUP BY 1, 2
       ), running AS (
         SELECT ability_id, bucket, sum(n) OVER (PARTITION BY ability_id ORDER BY bucket) AS seen, sum(n) OVER (PARTITION BY ability_id) AS total FROM hist
       ), median AS (
         SELECT DISTINCT ON (ability_id) ability_id, bucket FROM running WHERE total > 0 AND seen * 2 >= total ORDER BY ability_id, bucket
       ), cells AS (
         SELECT ability_id, sum(n) FILTER (WHERE approvals = reviews)::int AS approved2, sum(n)::int AS decided FROM agreement_cells WHERE subject = 'items' GROUP BY 1
       ), items AS (
         SELECT ability_id, count(*) FILTER (WHERE status = 'accepted')::int AS accepted,
                count(*) FILTER (WHERE status IN ('pending_review', 'in_review'))::int AS awaiting
           FROM items GROUP BY 1
       )
       SELECT a.key, m.bucket::int AS median_bucket, c.approved2, c.decided, coalesce(i.accepted, 0) AS accepted, coalesce(i.awaiting, 0) AS awaiting
         FROM abilities a LEFT JOIN median m ON m.ability_id = a.id LEFT JOIN cells c ON c.ability_id = a.id LEFT JOIN items i ON i.ability_id = a.id
        ORDER BY a.key COLLATE "C"`,
    );
    return rows.map((r) => ({
      ability: r.key,
      medianReviewSeconds: r.median_bucket === null ? null : bucketMiddleMs(r.median_bucket) / 1000,
      passRate: r.decided ? (r.approved2 ?? 0) / r.decided : null,
      accepted: r.accepted,
      awaitingReview: r.awaiting,
    }));
  }

  async paceSettings(): Promise<PaceSettingsRow | null> {
    const [row] = await this.db.query(
      `SELECT s.enabled, s.study_id AS "studyId", s.hours, s.weights,
              to_char(s.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt", u.name AS "updatedBy"
         FROM pace_queue_settings s LEFT JOIN users u ON u.id = s.updated_by WHERE s.id = 1`,
    );
    return row ?? null;
  }

  async savePaceSettings(s: { enabled: boolean; studyId: number | null; hours: number; weights: PaceSettingsRow['weights'] }, actorId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO pace_queue_settings (id, enabled, study_id, hours, weights, updated_by, updated_at) VALUES (1, $1, $2, $3, $4, $5, now())
       ON CONFLICT (id) DO UPDATE SET enabled = $1, study_id = $2, hours = $3, weights = $4, updated_by = $5, updated_at = now()`,
      [s.enabled, s.studyId, s.hours, JSON.stringify(s.weights), actorId],
    );
  }
}
