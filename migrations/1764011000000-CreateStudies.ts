import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Studies (issue 13 item 1): a named grid of runs — base models × recipes × seeds on a frozen version, or on every new
 * frozen version through experiment policies the study owns.
 * - `study_runs` links a run to a study; `reused` says the run existed (an identical run: same base model, version,
 *   recipe revision, resolved hyper-parameters and seed) before the study asked for it; `probe_ability` is the ability
 *   a probe study's run is trained on alone.
 * - `study_foundations`: a probe study's evaluation of each untuned base model (Acc(f, i)).
 * - `study_policies`: the policies a following study owns (one per base model × seed); their runs join the study.
 */
export class CreateStudies1764011000000 implements MigrationInterface {
  name = 'CreateStudies1764011000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE studies (
        id serial PRIMARY KEY,
        name text NOT NULL UNIQUE CHECK (btrim(name) <> ''),
        template text NOT NULL CHECK (template IN ('custom', 'volume-grid', 'probe')),
        version_id int REFERENCES dataset_versions(id),
        follow_versions boolean NOT NULL DEFAULT false,
        base_model_ids int[] NOT NULL,
        recipes text[] NOT NULL,
        seeds int[] NOT NULL CHECK (cardinality(seeds) >= 1),
        hyper_params jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(hyper_params) = 'object'),
        probe_items int CHECK (probe_items >= 1),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (version_id IS NOT NULL OR follow_versions)
      )`);
    await q.query(`
      CREATE TABLE study_runs (
        study_id int NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
        experiment_id uuid NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
        reused boolean NOT NULL DEFAULT false,
        probe_ability text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (study_id, experiment_id)
      )`);
    await q.query(`CREATE INDEX study_runs_experiment_idx ON study_runs (experiment_id)`);
    await q.query(`
      CREATE TABLE study_foundations (
        study_id int NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
        base_model_id int NOT NULL REFERENCES base_models(id),
        evaluation_id uuid NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
        PRIMARY KEY (study_id, base_model_id)
      )`);
    await q.query(`
      CREATE TABLE study_policies (
        study_id int NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
        policy_id int NOT NULL UNIQUE REFERENCES experiment_policies(id) ON DELETE CASCADE,
        PRIMARY KEY (study_id, policy_id)
      )`);
    // the reuse lookup: an identical run of the same model on the same version
    await q.query(`CREATE INDEX experiments_identity_idx ON experiments (base_model_id, version_id, seed)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX experiments_identity_idx`);
    await q.query(`DROP TABLE study_policies`);
    await q.query(`DROP TABLE study_foundations`);
    await q.query(`DROP TABLE study_runs`);
    await q.query(`DROP TABLE studies`);
  }
}
