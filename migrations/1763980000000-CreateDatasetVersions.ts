import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dataset versions: immutable, content-addressed snapshots of accepted items with their ability and split.
 * - item_snapshots: an item's exact content at freeze time, keyed by SHA-256 of its canonical JSON, shared by
 *   every version that froze the same content;
 * - dataset_version_items: exactly a version's data (excluded items are not here);
 * - dataset_version_exclusions: every item a freeze flagged — contaminated train items (evidence: the n-gram and
 *   what it matched; overruled ones are flagged but included) and open-ended valid/test items not yet PPL-ready;
 * - decontamination_overrules: a lead's standing decision that a flagged train item may stay in train.
 * Once a version is frozen the database refuses changes to it and its rows (only notes may still change).
 */
export class CreateDatasetVersions1763980000000 implements MigrationInterface {
  name = 'CreateDatasetVersions1763980000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE item_snapshots (
        hash bytea PRIMARY KEY CHECK (octet_length(hash) = 32),
        content jsonb NOT NULL
      )`);
    await q.query(`
      CREATE TABLE dataset_versions (
        id serial PRIMARY KEY,
        name text NOT NULL UNIQUE CHECK (name <> ''),
        parent_id int REFERENCES dataset_versions(id),
        notes text NOT NULL DEFAULT '',
        filter jsonb NOT NULL DEFAULT '{}',
        split_config jsonb NOT NULL,
        decontamination jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('freezing', 'frozen', 'failed', 'cancelled')),
        progress jsonb NOT NULL DEFAULT '{}',
        failure_reason text,
        item_count int,
        counts jsonb,
        missing_ppl jsonb,
        content_hash text CHECK (content_hash ~ '^[0-9a-f]{64}$'),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        frozen_at timestamptz,
        CHECK ((status = 'frozen') = (frozen_at IS NOT NULL AND content_hash IS NOT NULL AND item_count IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX dataset_versions_created_at_idx ON dataset_versions (created_at DESC)`);
    await q.query(`
      CREATE TABLE dataset_version_items (
        version_id int NOT NULL REFERENCES dataset_versions(id) ON DELETE CASCADE,
        item_id bigint NOT NULL REFERENCES items(id),
        ability_id int NOT NULL REFERENCES abilities(id),
        source_id uuid NOT NULL REFERENCES sources(id),
        split text NOT NULL CHECK (split IN ('train', 'valid', 'test')),
        snapshot_hash bytea NOT NULL REFERENCES item_snapshots(hash),
        PRIMARY KEY (version_id, item_id)
      )`);
    await q.query(
      `CREATE INDEX dataset_version_items_split_idx ON dataset_version_items (version_id, split, ability_id, item_id)`,
    );
    // "has this item ever been frozen?" locks its split
    await q.query(`CREATE INDEX dataset_version_items_item_idx ON dataset_version_items (item_id)`);
    await q.query(`
      CREATE TABLE dataset_version_exclusions (
        version_id int NOT NULL REFERENCES dataset_versions(id) ON DELETE CASCADE,
        item_id bigint NOT NULL REFERENCES items(id),
        ability_id int NOT NULL REFERENCES abilities(id),
        split text NOT NULL CHECK (split IN ('train', 'valid', 'test')),
        reason text NOT NULL CHECK (reason IN ('contaminated', 'not_ppl_ready')),
        evidence jsonb,
        -- a contaminated item a lead overruled: flagged, yet part of the version
        overruled boolean NOT NULL DEFAULT false,
        PRIMARY KEY (version_id, item_id),
        CHECK (reason = 'contaminated' OR NOT overruled)
      )`);
    await q.query(`
      CREATE TABLE decontamination_overrules (
        item_id bigint PRIMARY KEY REFERENCES items(id),
        overruled_by uuid REFERENCES users(id) ON DELETE SET NULL,
        reason text NOT NULL CHECK (reason <> ''),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE FUNCTION item_snapshots_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'item_snapshots are content-addressed and immutable (% refused)', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER item_snapshots_immutable BEFORE UPDATE OR DELETE ON item_snapshots
      FOR EACH ROW EXECUTE FUNCTION item_snapshots_are_immutable()`);

    await q.query(`
      CREATE FUNCTION dataset_version_is_frozen(v int) RETURNS boolean LANGUAGE sql STABLE AS $$
        SELECT EXISTS (SELECT 1 FROM dataset_versions WHERE id = v AND status = 'frozen')
      $$`);
    await q.query(`
      CREATE FUNCTION dataset_version_rows_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF dataset_version_is_frozen(CASE WHEN TG_OP = 'INSERT' THEN NEW.version_id ELSE OLD.version_id END) THEN
          RAISE EXCEPTION 'dataset version % is frozen (% on % refused)',
            CASE WHEN TG_OP = 'INSERT' THEN NEW.version_id ELSE OLD.version_id END, TG_OP, TG_TABLE_NAME;
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    for (const table of ['dataset_version_items', 'dataset_version_exclusions']) {
      await q.query(`
        CREATE TRIGGER ${table}_frozen BEFORE INSERT OR UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION dataset_version_rows_are_immutable()`);
    }
    await q.query(`
      CREATE FUNCTION dataset_versions_frozen_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status <> 'frozen' THEN
          RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END IF;
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'dataset version % is frozen (DELETE refused)', OLD.id;
        END IF;
        -- notes are commentary, not data: the only field a frozen version may still change
        IF (to_jsonb(NEW) - 'notes') IS DISTINCT FROM (to_jsonb(OLD) - 'notes') THEN
          RAISE EXCEPTION 'dataset version % is frozen (only notes may change)', OLD.id;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER dataset_versions_frozen BEFORE UPDATE OR DELETE ON dataset_versions
      FOR EACH ROW EXECUTE FUNCTION dataset_versions_frozen_guard()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE decontamination_overrules`);
    await q.query(`DROP TABLE dataset_version_exclusions`);
    await q.query(`DROP TABLE dataset_version_items`);
    await q.query(`DROP TABLE dataset_versions`);
    await q.query(`DROP TABLE item_snapshots`);
    await q.query(`DROP FUNCTION dataset_versions_frozen_guard()`);
    await q.query(`DROP FUNCTION dataset_version_rows_are_immutable()`);
    await q.query(`DROP FUNCTION dataset_version_is_frozen(int)`);
    await q.query(`DROP FUNCTION item_snapshots_are_immutable()`);
  }
}
