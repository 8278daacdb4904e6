import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Queue depth (ReviewQueriesService.queueDepth, pushed as `queue.depth` and drawn first on the lead dashboard) counts
 * items per stage and ability. With a million decided items the counts read the heap of every waiting item for its
 * review_mode; this partial index covers the waiting statuses only and carries review_mode, so the counts are an
 * index-only scan over the waiting items, not over the decided ones.
 */
export class QueueDepthIndex1764026000000 implements MigrationInterface {
  name = 'QueueDepthIndex1764026000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX items_queue_depth_idx ON items (status, ability_id) INCLUDE (review_mode)
         WHERE status IN ('pending_review', 'in_review', 'in_revision', 'revising', 'validating')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX items_queue_depth_idx`);
  }
}
