import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Synthetic data from a taxonomy of knowledge (GLAN, issue 15) and the review modes of synthetic sources.
 *
 * - `llm_endpoints`: OpenAI-compatible chat endpoints. The API key is never stored in clear: `api_key_ref` is
 *   `{"kind":"none"}`, `{"kind":"env","name":"VAR"}` or `{"kind":"encrypted","value":"…"}` (AES-256-GCM with the
 *   server key in PACE_SECRET_KEY, the endpoint id as context; server/synthesis/llm/secret.ts).
 * - `taxonomies`: fields → sub-fields → disciplines as one JSON tree (server/synthesis/glan/taxonomy.ts `Taxonomy`),
 *   its content hash in `revision` (taxonomyRevision); every saved tree is kept in `taxonomy_revisions`, so a
 *   generation run names the exact tree it used. `taxonomy_votes`: one keep/remove vote per user and node.
 * - `synthesis_runs`: a taxonomy draft (`kind = 'taxonomy-draft'`) or a generation run (`kind = 'generation'`), with
 *   its settings, status, stage, progress counters and token/cost usage. Status moves queued → running →
 *   (pausing → paused → queued …) | (cancelling → cancelled) | completed | failed; `pause_reason` says why a run
 *   paused (`user`, `budget`).
 * - `synthesis_nodes`: every completed LLM call of the pipeline, keyed by its node key (server/synthesis/glan/
 *   node-key.ts: template version, model, sampling parameters, parent key, sample index), with the raw prompt, the
 *   raw completion, what was parsed from it and the token usage. A node is done once its row is committed; a resumed
 *   or re-run job skips every key that exists. `run_id` is the run that made it (a later run with the same inputs
 *   reuses it).
 * - `synthesis_failures`: what could not be generated or parsed, with its raw text: listed, never dropped.
 * - `synthesis_pairs`: each generated question with its answer and tags, the unit that becomes an item: its
 *   decontamination verdict (`excluded` with `contamination` evidence) and the item it became.
 * - `items.review_mode` / `imports.review_mode`: `dual` (every source; two blind reviews), `single` (one review) or
 *   `none` (accepted without review); the latter two only for items of synthetic sources (checked by a trigger).
 */
export class CreateSynthesis1764020000000 implements MigrationInterface {
  name = 'CreateSynthesis1764020000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE llm_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE CHECK (btrim(name) <> ''),
        base_url text NOT NULL,
        model text NOT NULL CHECK (btrim(model) <> ''),
        api_key_ref jsonb NOT NULL DEFAULT '{"kind":"none"}'::jsonb CHECK (api_key_ref->>'kind' IN ('none', 'env', 'encrypted')),
        max_concurrency int NOT NULL DEFAULT 8 CHECK (max_concurrency BETWEEN 1 AND 1024),
        requests_per_minute int CHECK (requests_per_minute > 0),
        tokens_per_minute int CHECK (tokens_per_minute > 0),
        input_per_1m numeric(12, 6) CHECK (input_per_1m >= 0),
        output_per_1m numeric(12, 6) CHECK (output_per_1m >= 0),
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE taxonomies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE CHECK (btrim(name) <> ''),
        language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'zh')),
        tree jsonb NOT NULL,
        revision text NOT NULL,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE taxonomy_revisions (
        taxonomy_id uuid NOT NULL REFERENCES taxonomies(id) ON DELETE CASCADE,
        revision text NOT NULL,
        tree jsonb NOT NULL,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (taxonomy_id, revision)
      )`);
    await q.query(`
      CREATE TABLE taxonomy_votes (
        taxonomy_id uuid NOT NULL REFERENCES taxonomies(id) ON DELETE CASCADE,
        node_id text NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id),
        decision text NOT NULL CHECK (decision IN ('keep', 'remove')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (taxonomy_id, node_id, user_id)
      )`);

    await q.query(`
      CREATE TABLE synthesis_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('taxonomy-draft', 'generation')),
        name text NOT NULL,
        taxonomy_id uuid REFERENCES taxonomies(id) ON DELETE SET NULL,
        taxonomy_revision text,
        endpoint_id uuid REFERENCES llm_endpoints(id) ON DELETE SET NULL,
        answer_endpoint_id uuid REFERENCES llm_endpoints(id) ON DELETE SET NULL,
        source_id uuid REFERENCES sources(id),
        review_mode text NOT NULL DEFAULT 'dual' CHECK (review_mode IN ('dual', 'single', 'none')),
        settings jsonb NOT NULL DEFAULT '{}'::jsonb,
        status text NOT NULL DEFAULT 'queued'
          CHECK (status IN ('queued', 'running', 'pausing', 'paused', 'cancelling', 'cancelled', 'completed', 'failed')),
        stage text,
        progress jsonb NOT NULL DEFAULT '{}'::jsonb,
        usage jsonb NOT NULL DEFAULT '{}'::jsonb,
        pause_reason text,
        failure_reason text,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (kind = 'taxonomy-draft' OR (taxonomy_id IS NOT NULL OR taxonomy_revision IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX synthesis_runs_kind_created ON synthesis_runs (kind, created_at DESC)`);

    await q.query(`
      CREATE TABLE synthesis_nodes (
        key text PRIMARY KEY CHECK (key ~ '^[0-9a-f]{64}$'),
        run_id uuid NOT NULL REFERENCES synthesis_runs(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('taxonomy-draft', 'subject-list', 'subjects', 'syllabus', 'sessions', 'question', 'answer')),
        parent_key text,
        sample_index int NOT NULL DEFAULT 0,
        template text NOT NULL,
        model text NOT NULL,
        params jsonb NOT NULL DEFAULT '{}'::jsonb,
        prompt jsonb NOT NULL,
        completion text NOT NULL,
        parsed jsonb,
        meta jsonb NOT NULL DEFAULT '{}'::jsonb,
        prompt_tokens int NOT NULL DEFAULT 0,
        completion_tokens int NOT NULL DEFAULT 0,
        cost_usd numeric(14, 6) NOT NULL DEFAULT 0,
        attempts int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX synthesis_nodes_run_kind ON synthesis_nodes (run_id, kind)`);
    await q.query(`CREATE INDEX synthesis_nodes_parent ON synthesis_nodes (parent_key)`);

    await q.query(`
      CREATE TABLE synthesis_failures (
        id bigserial PRIMARY KEY,
        run_id uuid NOT NULL REFERENCES synthesis_runs(id) ON DELETE CASCADE,
        stage text NOT NULL,
        node_key text,
        parent_key text,
        discipline text,
        code text NOT NULL,
        message text NOT NULL,
        raw text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX synthesis_failures_run ON synthesis_failures (run_id, stage)`);

    await q.query(`
      CREATE TABLE synthesis_pairs (
        id bigserial PRIMARY KEY,
        run_id uuid NOT NULL REFERENCES synthesis_runs(id) ON DELETE CASCADE,
        question_key text NOT NULL,
        answer_key text NOT NULL,
        question text NOT NULL,
        answer text NOT NULL,
        tags jsonb NOT NULL,
        status text NOT NULL DEFAULT 'generated' CHECK (status IN ('generated', 'excluded', 'ingested', 'rejected')),
        contamination jsonb,
        item_id bigint REFERENCES items(id) ON DELETE SET NULL,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (run_id, answer_key)
      )`);
    await q.query(`CREATE INDEX synthesis_pairs_run_status ON synthesis_pairs (run_id, status)`);

    await q.query(`ALTER TABLE imports ADD COLUMN review_mode text NOT NULL DEFAULT 'dual' CHECK (review_mode IN ('dual', 'single', 'none'))`);
    await q.query(`ALTER TABLE items ADD COLUMN review_mode text NOT NULL DEFAULT 'dual' CHECK (review_mode IN ('dual', 'single', 'none'))`);
    await q.query(`
      CREATE FUNCTION pace_check_review_mode() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.review_mode <> 'dual' AND NOT EXISTS (SELECT 1 FROM sources s WHERE s.id = NEW.source_id AND s.kind = 'synthetic') THEN
          RAISE EXCEPTION 'review mode % is only for synthetic sources', NEW.review_mode USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER items_review_mode_synthetic_only BEFORE INSERT OR UPDATE OF review_mode, source_id ON items FOR EACH ROW WHEN (NEW.review_mode <> 'dual') EXECUTE FUNCTION pace_check_review_mode()`);
    await q.query(`CREATE TRIGGER imports_review_mode_synthetic_only BEFORE INSERT OR UPDATE OF review_mode, source_id ON imports FOR EACH ROW WHEN (NEW.review_mode <> 'dual') EXECUTE FUNCTION pace_check_review_mode()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER imports_review_mode_synthetic_only ON imports`);
    await q.query(`DROP TRIGGER items_review_mode_synthetic_only ON items`);
    await q.query(`DROP FUNCTION pace_check_review_mode()`);
    await q.query(`ALTER TABLE items DROP COLUMN review_mode`);
    await q.query(`ALTER TABLE imports DROP COLUMN review_mode`);
    await q.query(`DROP TABLE synthesis_pairs`);
    await q.query(`DROP TABLE synthesis_failures`);
    await q.query(`DROP TABLE synthesis_nodes`);
    await q.query(`DROP TABLE synthesis_runs`);
    await q.query(`DROP TABLE taxonomy_votes`);
    await q.query(`DROP TABLE taxonomy_revisions`);
    await q.query(`DROP TABLE taxonomies`);
    await q.query(`DROP TABLE llm_endpoints`);
  }
}
