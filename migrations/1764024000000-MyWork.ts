import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "My work" (issue 16 item 1): a reviewer's own decisions, revisions and distractors, newest first, and changing an
 * open round's decision.
 *
 * - `review_assignments.changed_at`: when the reviewer last changed their decision while its round was open (null:
 *   never). `submitted_at` stays the first submission, so the order of a round's decisions does not move.
 * - Indexes for the list's other two sources, read per person: revisions by reviser and distractors by author
 *   (decisions already have review_assignments_reviewer_idx).
 */
export class MyWork1764024000000 implements MigrationInterface {
  name = 'MyWork1764024000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE review_assignments ADD COLUMN changed_at timestamptz`);
    await q.query(`CREATE INDEX revisions_reviser_idx ON revisions (reviser_id, submitted_at) WHERE state = 'submitted'`);
    await q.query(`CREATE INDEX distractors_author_idx ON distractors (author_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX distractors_author_idx`);
    await q.query(`DROP INDEX revisions_reviser_idx`);
    await q.query(`ALTER TABLE review_assignments DROP COLUMN changed_at`);
  }
}
