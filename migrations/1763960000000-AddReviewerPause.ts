import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A lead can pause a reviewer: they get no new work until resumed. */
export class AddReviewerPause1763960000000 implements MigrationInterface {
  name = 'AddReviewerPause1763960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN paused boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN paused`);
  }
}
