import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exports of a frozen dataset version through a recipe and seed. `progress` carries, besides the counters shown to
 * users, the files already finished with their SHA-256, so a resumed export keeps them (verified) and redoes the rest.
 */
export class CreateExports1763982000000 implements MigrationInterface {
  name = 'CreateExports1763982000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE exports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        version_id int NOT NULL REFERENCES dataset_versions(id),
        recipe_id int,
        recipe_name text,
        seed int NOT NULL,
        formats text[] NOT NULL CHECK (cardinality(formats) > 0 AND formats <@ ARRAY['doit', 'hf', 'openai']),
        -- where the files are written when not under the data folder (an export made by the CLI with --out)
        output_dir text,
        status text NOT NULL DEFAULT 'queued'
          CHECK (status IN ('queued', 'running', 'cancelling', 'cancelled', 'completed', 'failed')),
        progress jsonb NOT NULL DEFAULT '{}',
        manifest jsonb,
        manifest_sha256 text CHECK (manifest_sha256 ~ '^[0-9a-f]{64}$'),
        failure_reason text,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX exports_version_idx ON exports (version_id, created_at DESC)`);
    await q.query(`CREATE INDEX exports_created_at_idx ON exports (created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE exports`);
  }
}
