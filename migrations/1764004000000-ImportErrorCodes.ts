import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each import error row records the kind of problem (server/imports/import-error-codes.ts) beside its reason text.
 * Rows written before are given the kind their reason's wording shows; the few that fit none keep NULL.
 */
export class ImportErrorCodes1764004000000 implements MigrationInterface {
  name = 'ImportErrorCodes1764004000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_errors ADD COLUMN code text`);
    await q.query(`
      UPDATE import_errors SET code = CASE
        WHEN reason LIKE 'invalid UTF-8%' THEN 'invalid_utf8'
        WHEN reason LIKE 'malformed JSON%' THEN 'malformed_json'
        WHEN reason LIKE '% bytes, over the limit of %' THEN 'too_long'
        WHEN reason LIKE 'empty array element%' THEN 'empty_element'
        WHEN reason LIKE '% the file may be truncated' THEN 'truncated'
        WHEN reason LIKE 'wrong number of cells%' THEN 'csv_cell_count'
        WHEN reason LIKE '%the rest of the file was not read' THEN 'csv_syntax'
        WHEN reason LIKE 'unknown ability%' THEN 'unknown_ability'
        WHEN reason LIKE 'no ability:%' THEN 'no_ability'
        WHEN reason LIKE '%got missing' OR reason LIKE '%is missing from the row' THEN 'missing_field'
        WHEN reason LIKE 'empty % message' THEN 'empty_text'
      END`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_errors DROP COLUMN code`);
  }
}
