import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dual blind review rounds (filter, validation, distractor), their leases and decisions, revisions,
 * distractors and their authoring leases, and the table socket.io's Postgres adapter keeps large payloads in.
 */
export class CreateReviewWorkflow1763900000000 implements MigrationInterface {
  name = 'CreateReviewWorkflow1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE items ADD COLUMN split text CHECK (split IN ('train', 'valid', 'test'))`);
    await q.query(`ALTER TABLE items ADD COLUMN ppl_ready boolean NOT NULL DEFAULT false`);
    // (status, ability_id, id): the review queue takes the oldest pending item of an ability from the index
    await q.query(`DROP INDEX items_status_ability_idx`);
    await q.query(`CREATE INDEX items_status_ability_idx ON items (status, ability_id, id)`);

    await q.query(`
      CREATE TABLE revisions (
        id bigserial PRIMARY KEY,
        item_id bigint NOT NULL REFERENCES items(id),
        reviser_id uuid NOT NULL REFERENCES users(id),
        state text NOT NULL DEFAULT 'leased' CHECK (state IN ('leased', 'submitted', 'expired', 'released')),
        leased_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        submitted_at timestamptz,
        before jsonb,
        after jsonb,
        diff text,
        comment text,
        submit_key text,
        CONSTRAINT revisions_submit_key_uq UNIQUE (reviser_id, submit_key)
      )`);
    await q.query(`CREATE UNIQUE INDEX revisions_one_lease_per_item ON revisions (item_id) WHERE state = 'leased'`);
    await q.query(`CREATE INDEX revisions_expiry_idx ON revisions (expires_at) WHERE state = 'leased'`);
    await q.query(`CREATE INDEX revisions_item_idx ON revisions (item_id)`);

    await q.query(`
      CREATE TABLE distractor_tasks (
        id bigserial PRIMARY KEY,
        item_id bigint NOT NULL REFERENCES items(id),
        author_id uuid NOT NULL REFERENCES users(id),
        kinds text[] NOT NULL,
        state text NOT NULL DEFAULT 'leased' CHECK (state IN ('leased', 'submitted', 'expired', 'released')),
        leased_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        submitted_at timestamptz,
        submit_key text,
        CONSTRAINT distractor_tasks_submit_key_uq UNIQUE (author_id, submit_key)
      )`);
    await q.query(`CREATE UNIQUE INDEX distractor_tasks_one_lease_per_item ON distractor_tasks (item_id) WHERE state = 'leased'`);
    await q.query(`CREATE INDEX distractor_tasks_expiry_idx ON distractor_tasks (expires_at) WHERE state = 'leased'`);
    await q.query(`CREATE INDEX distractor_tasks_author_idx ON distractor_tasks (author_id) WHERE state = 'leased'`);
    await q.query(
      `CREATE INDEX items_distractor_queue_idx ON items (id)
         WHERE status = 'accepted' AND question_format = 1 AND split IN ('valid', 'test') AND NOT ppl_ready`,
    );

    await q.query(`
      CREATE TABLE distractors (
        id bigserial PRIMARY KEY,
        item_id bigint NOT NULL REFERENCES items(id),
        kind text NOT NULL CHECK (kind IN ('fine', 'coarse')),
        author_id uuid NOT NULL REFERENCES users(id),
        task_id bigint NOT NULL REFERENCES distractor_tasks(id),
        text text NOT NULL,
        edit_ratio real NOT NULL,
        status text NOT NULL DEFAULT 'pending_review' CHECK (status IN ('pending_review', 'approved', 'rejected')),
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz
      )`);
    await q.query(`CREATE INDEX distractors_item_idx ON distractors (item_id, kind, status)`);
    // at most one live (pending or approved) distractor of each kind per item
    await q.query(
      `CREATE UNIQUE INDEX distractors_live_kind_uq ON distractors (item_id, kind) WHERE status IN ('pending_review', 'approved')`,
    );

    await q.query(`
      CREATE TABLE review_rounds (
        id bigserial PRIMARY KEY,
        item_id bigint NOT NULL REFERENCES items(id),
        kind text NOT NULL CHECK (kind IN ('filter', 'validation', 'distractor')),
        revision_id bigint REFERENCES revisions(id),
        distractor_id bigint REFERENCES distractors(id),
        ability_id int NOT NULL REFERENCES abilities(id),
        source_id uuid NOT NULL REFERENCES sources(id),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'decided')),
        -- two reviews per round: leases taken decrement it under the round's row lock, expiry gives slots back
        open_slots smallint NOT NULL DEFAULT 2 CHECK (open_slots BETWEEN 0 AND 2),
        excluded_reviewers uuid[] NOT NULL DEFAULT '{}',
        outcome text CHECK (outcome IN ('accepted', 'rejected')),
        -- the two decisions ordered by reviewer id, so pair statistics are a GROUP BY over rounds
        reviewer_lo uuid REFERENCES users(id),
        reviewer_hi uuid REFERENCES users(id),
        approve_lo boolean,
        approve_hi boolean,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        CHECK ((kind = 'distractor') = (distractor_id IS NOT NULL)),
        CHECK (status = 'open' OR (outcome IS NOT NULL AND approve_lo IS NOT NULL AND approve_hi IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX review_rounds_open_idx ON review_rounds (id) WHERE status = 'open' AND open_slots > 0`);
    await q.query(
      `CREATE INDEX review_rounds_open_ability_idx ON review_rounds (ability_id, id) WHERE status = 'open' AND open_slots > 0`,
    );
    await q.query(`CREATE INDEX review_rounds_item_idx ON review_rounds (item_id)`);
    await q.query(`CREATE INDEX review_rounds_decided_idx ON review_rounds (decided_at) WHERE status = 'decided'`);
    await q.query(`CREATE UNIQUE INDEX review_rounds_one_open_item_round ON review_rounds (item_id) WHERE status = 'open' AND kind <> 'distractor'`);
    await q.query(`CREATE UNIQUE INDEX review_rounds_one_round_per_distractor ON review_rounds (distractor_id) WHERE kind = 'distractor'`);

    await q.query(`
      CREATE TABLE review_assignments (
        id bigserial PRIMARY KEY,
        round_id bigint NOT NULL REFERENCES review_rounds(id),
        reviewer_id uuid NOT NULL REFERENCES users(id),
        state text NOT NULL DEFAULT 'leased' CHECK (state IN ('leased', 'submitted', 'expired', 'released')),
        leased_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        submitted_at timestamptz,
        decision text CHECK (decision IN ('approve', 'reject')),
        reasons text[] NOT NULL DEFAULT '{}',
        comment text,
        time_spent_ms int,
        submit_key text,
        -- nobody reviews the same item twice in a round, not even after their lease expired
        CONSTRAINT review_assignments_round_reviewer_uq UNIQUE (round_id, reviewer_id),
        CONSTRAINT review_assignments_submit_key_uq UNIQUE (reviewer_id, submit_key),
        CHECK ((state = 'submitted') = (decision IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX review_assignments_expiry_idx ON review_assignments (expires_at) WHERE state = 'leased'`);
    await q.query(`CREATE INDEX review_assignments_active_idx ON review_assignments (reviewer_id) WHERE state = 'leased'`);
    await q.query(
      `CREATE INDEX review_assignments_reviewer_idx ON review_assignments (reviewer_id, submitted_at) WHERE state = 'submitted'`,
    );

    await q.query(`
      CREATE TABLE socket_io_attachments (
        id bigserial UNIQUE,
        created_at timestamptz DEFAULT now(),
        payload bytea
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE socket_io_attachments`);
    await q.query(`DROP TABLE review_assignments`);
    await q.query(`DROP TABLE review_rounds`);
    await q.query(`DROP INDEX items_distractor_queue_idx`);
    await q.query(`DROP TABLE distractors`);
    await q.query(`DROP TABLE distractor_tasks`);
    await q.query(`DROP TABLE revisions`);
    await q.query(`DROP INDEX items_status_ability_idx`);
    await q.query(`CREATE INDEX items_status_ability_idx ON items (status, ability_id)`);
    await q.query(`ALTER TABLE items DROP COLUMN ppl_ready`);
    await q.query(`ALTER TABLE items DROP COLUMN split`);
  }
}
