import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the runner holding a freeze last wrote to it (each checkpoint and batch); NULL while no runner holds it. A
 * freezing version whose heartbeat is old lost its worker, and the worker's sweep queues it again (exports and
 * imports use their `updated_at`; versions had no such column).
 */
export class AddFreezeHeartbeat1763983000000 implements MigrationInterface {
  name = 'AddFreezeHeartbeat1763983000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dataset_versions ADD COLUMN heartbeat_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dataset_versions DROP COLUMN heartbeat_at`);
  }
}
