import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Items whose adapter declares a shared context (C3's dialogue, an alpaca input, LogiQA's text) are compared for
 * near duplicates by what they ask and answer and by their context separately (itemSimilarity), so each keeps two
 * more MinHash signatures: `qa_minhash` (its text without the context) and `context_minhash`. Both are NULL for an
 * item without a context. The meaning of content_hash, minhash and lsh_keys (the whole text) does not change, so
 * stored items need no backfill: items stored before this migration read as items without a context, which is how
 * they were compared when they were imported (whole text); copies of them are still found by the exact hash.
 */
export class AddItemContextSignatures1764001000000 implements MigrationInterface {
  name = 'AddItemContextSignatures1764001000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE items ADD COLUMN qa_minhash bytea, ADD COLUMN context_minhash bytea`);
    await q.query(
      `ALTER TABLE items ADD CONSTRAINT items_context_signatures_ck CHECK ((qa_minhash IS NULL) = (context_minhash IS NULL))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE items DROP CONSTRAINT items_context_signatures_ck`);
    await q.query(`ALTER TABLE items DROP COLUMN context_minhash, DROP COLUMN qa_minhash`);
  }
}
