import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Continuous fine-tuning: base models registered by local path, experiments (base model × frozen version × recipe ×
 * hyper-parameters × seed), the policies that turn `dataset.frozen` into queued experiments, the training curve and
 * one checkpoint per epoch.
 */
export class CreateExperiments1763990000000 implements MigrationInterface {
  name = 'CreateExperiments1763990000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE base_models (
        id serial PRIMARY KEY,
        name text NOT NULL UNIQUE CHECK (name <> ''),
        -- a Hugging Face causal-LM folder on the workers' file system
        path text NOT NULL CHECK (path <> ''),
        parameters bigint CHECK (parameters > 0),
        notes text NOT NULL DEFAULT '',
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE experiment_policies (
        id serial PRIMARY KEY,
        name text NOT NULL UNIQUE CHECK (name <> ''),
        base_model_id int NOT NULL REFERENCES base_models(id),
        -- recipe names; each new frozen version gets one experiment per recipe
        recipes text[] NOT NULL CHECK (cardinality(recipes) > 0),
        hyper_params jsonb NOT NULL DEFAULT '{}',
        seed int NOT NULL DEFAULT 42,
        enabled boolean NOT NULL DEFAULT true,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE experiments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (name <> ''),
        base_model_id int NOT NULL REFERENCES base_models(id),
        version_id int NOT NULL REFERENCES dataset_versions(id),
        -- the exact recipe revision the train set was drawn with (null: the version's whole train split)
        recipe_id int REFERENCES recipes(id),
        recipe_name text,
        -- every hyper-parameter resolved (defaults filled in), as the trainer receives them
        hyper_params jsonb NOT NULL,
        seed int NOT NULL,
        policy_id int REFERENCES experiment_policies(id) ON DELETE SET NULL,
        status text NOT NULL DEFAULT 'queued'
          CHECK (status IN ('queued', 'running', 'cancelling', 'cancelled', 'completed', 'failed')),
        -- {epoch, epochs, step, totalSteps, loss, lr, tokensPerSecond, etaSeconds, examples, device, precision}
        progress jsonb NOT NULL DEFAULT '{}',
        failure_reason text,
        -- where the worker keeps the run's checkpoints and its log (on the worker's file system)
        output_dir text,
        log_path text,
        worker text,
        attempts int NOT NULL DEFAULT 0,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // a policy queues one experiment per version and recipe, however often the event is delivered
    await q.query(`CREATE UNIQUE INDEX experiments_policy_uq ON experiments (policy_id, version_id, recipe_name) WHERE policy_id IS NOT NULL`);
    await q.query(`CREATE INDEX experiments_created_at_idx ON experiments (created_at DESC)`);
    await q.query(`CREATE INDEX experiments_version_idx ON experiments (version_id)`);
    await q.query(`
      CREATE TABLE training_steps (
        experiment_id uuid NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
        step int NOT NULL CHECK (step >= 1),
        epoch real NOT NULL,
        loss real NOT NULL,
        lr real NOT NULL,
        tokens_per_second real,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (experiment_id, step)
      )`);
    await q.query(`
      CREATE TABLE checkpoints (
        id serial PRIMARY KEY,
        experiment_id uuid NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
        epoch int NOT NULL CHECK (epoch >= 1),
        step int NOT NULL,
        path text NOT NULL,
        onnx_path text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (experiment_id, epoch)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE checkpoints, training_steps, experiments, experiment_policies, base_models`);
  }
}
