import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateFoundation1763700000000 implements MigrationInterface {
  name = 'CreateFoundation1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'lead', 'annotator', 'researcher')),
        password_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE abilities (
        id serial PRIMARY KEY,
        key text NOT NULL UNIQUE CHECK (key ~ '^[a-z][a-z0-9_]{0,63}$'),
        name_en text NOT NULL,
        name_zh text NOT NULL,
        description text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE sources (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('curation', 'synthetic', 'benchmark', 'generic')),
        license text,
        notes text NOT NULL DEFAULT '',
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source_id uuid NOT NULL REFERENCES sources(id),
        adapter text NOT NULL,
        format text NOT NULL,
        file_path text NOT NULL,
        original_name text NOT NULL,
        default_ability_id int REFERENCES abilities(id),
        options jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'queued'
          CHECK (status IN ('queued', 'running', 'cancelling', 'cancelled', 'completed', 'failed')),
        total_size bigint NOT NULL DEFAULT 0,
        done_size bigint NOT NULL DEFAULT 0,
        lines_read int NOT NULL DEFAULT 0,
        items_created int NOT NULL DEFAULT 0,
        exact_duplicates int NOT NULL DEFAULT 0,
        near_duplicates int NOT NULL DEFAULT 0,
        skipped int NOT NULL DEFAULT 0,
        error_count int NOT NULL DEFAULT 0,
        lines_per_second real NOT NULL DEFAULT 0,
        checkpoint jsonb,
        -- MinHash/LSH parameters the items' lsh_keys were made with; keys made otherwise are rebuilt from minhash
        lsh_params text,
        failure_reason text,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX imports_created_at_idx ON imports (created_at DESC)`);
    await q.query(`
      CREATE TABLE import_errors (
        id bigserial PRIMARY KEY,
        import_id uuid NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        file text NOT NULL,
        line int NOT NULL,
        field text,
        reason text NOT NULL,
        excerpt text
      )`);
    await q.query(`CREATE INDEX import_errors_import_line_idx ON import_errors (import_id, line)`);
    await q.query(`
      CREATE TABLE items (
        id bigserial PRIMARY KEY,
        ability_id int NOT NULL REFERENCES abilities(id),
        source_id uuid NOT NULL REFERENCES sources(id),
        import_id uuid NOT NULL REFERENCES imports(id),
        raw_file text NOT NULL,
        raw_line int NOT NULL,
        sub_index int NOT NULL DEFAULT 0,
        source_record_id text,
        messages jsonb NOT NULL,
        question_format smallint NOT NULL CHECK (question_format IN (0, 1)),
        answer_type text NOT NULL
          CHECK (answer_type IN ('single_choice', 'multi_choice', 'true_false', 'cloze', 'math', 'open')),
        gold text,
        choices jsonb,
        meta jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL,
        content_hash bytea NOT NULL,
        minhash bytea NOT NULL,
        lsh_keys int[] NOT NULL,
        duplicate_of bigint REFERENCES items(id),
        duplicate_kind text CHECK (duplicate_kind IN ('exact', 'near')),
        duplicate_similarity real,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- a raw record yields its items once, however often an interrupted import is resumed
        CONSTRAINT items_raw_record_uq UNIQUE (import_id, raw_file, raw_line, sub_index)
      )`);
    await q.query(`CREATE INDEX items_content_hash_idx ON items (content_hash)`);
    await q.query(`CREATE INDEX items_status_ability_idx ON items (status, ability_id)`);
    await q.query(`CREATE INDEX items_source_idx ON items (source_id)`);
    await q.query(`CREATE INDEX items_duplicate_of_idx ON items (duplicate_of) WHERE duplicate_of IS NOT NULL`);
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        entity text NOT NULL,
        entity_id text NOT NULL,
        action text NOT NULL,
        before jsonb,
        after jsonb
      )`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, at)`);
    await q.query(`
      CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`);
    await q.query(`
      INSERT INTO abilities (key, name_en, name_zh) VALUES
        ('biology', 'STEM – Biology', '生物'),
        ('history', 'Humanity – History', '历史'),
        ('code', 'Code Generation', '代码生成'),
        ('creative_writing', 'Creative Writing', '创意写作'),
        ('chinese', 'Chinese', '中文'),
        ('dialogue_understanding', 'Dialogue Understanding', '对话理解'),
        ('role_play', 'Role-play Chat', '角色扮演'),
        ('logical_reasoning', 'Logical Reasoning', '逻辑推理'),
        ('cot_math', 'CoT Grade-school / Grad Math', '数学思维链'),
        ('ethics', 'Ethics', '伦理')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_is_append_only()`);
    await q.query(`DROP TABLE items`);
    await q.query(`DROP TABLE import_errors`);
    await q.query(`DROP TABLE imports`);
    await q.query(`DROP TABLE sources`);
    await q.query(`DROP TABLE abilities`);
    await q.query(`DROP TABLE users`);
  }
}
