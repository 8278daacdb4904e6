import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each raw record gets its own position: `raw_offset`, the byte offset where the record starts in its file's
 * (decompressed, UTF-8) text. Several records on one line (a JSON array written by `json.dump` or `JSON.stringify`)
 * shared (import, file, line, sub_index) and the second one broke `items_raw_record_uq`. An offset is a fact of the
 * file, so a resumed import gives a record the same position as the run that was killed.
 *
 * The line stays in the key before the offset: rows written before this migration have offset 0 and are told apart
 * by their line, as before.
 */
export class RecordOffsets1764000000000 implements MigrationInterface {
  name = 'RecordOffsets1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE items ADD COLUMN raw_offset bigint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE items DROP CONSTRAINT items_raw_record_uq`);
    await q.query(`ALTER TABLE items ADD CONSTRAINT items_raw_record_uq UNIQUE (import_id, raw_line, raw_offset, sub_index, raw_file)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE items DROP CONSTRAINT items_raw_record_uq`);
    // Records that shared a line are numbered one after another in sub_index, so the old key holds again.
    await q.query(
      `UPDATE items i SET sub_index = r.n
         FROM (SELECT id, row_number() OVER (PARTITION BY import_id, raw_file, raw_line ORDER BY raw_offset, sub_index) - 1 AS n
                 FROM items) r
        WHERE r.id = i.id AND i.sub_index <> r.n`,
    );
    await q.query(`ALTER TABLE items DROP COLUMN raw_offset`);
    await q.query(`ALTER TABLE items ADD CONSTRAINT items_raw_record_uq UNIQUE (import_id, raw_line, sub_index, raw_file)`);
  }
}
