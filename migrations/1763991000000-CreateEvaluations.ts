import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evaluations of a checkpoint (or of a base model alone) by one back-end: what the model answered for every item,
 * each item's verdict, and the per-ability aggregates the growth curves read. Suites: `in-domain` (the version's
 * validation and test items), `cmmlu`, `agieval` (benchmark items, 0-shot and 5-shot).
 */
export class CreateEvaluations1763991000000 implements MigrationInterface {
  name = 'CreateEvaluations1763991000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE evaluations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        experiment_id uuid REFERENCES experiments(id) ON DELETE CASCADE,
        checkpoint_id int REFERENCES checkpoints(id) ON DELETE CASCADE,
        -- set for an evaluation of the base model itself (epoch 0)
        base_model_id int REFERENCES base_models(id),
        epoch int NOT NULL DEFAULT 0 CHECK (epoch >= 0),
        backend text NOT NULL CHECK (backend IN ('onnx', 'torch', 'openai')),
        suites text[] NOT NULL CHECK (cardinality(suites) > 0),
        status text NOT NULL DEFAULT 'queued'
          CHECK (status IN ('queued', 'running', 'cancelling', 'cancelled', 'completed', 'failed')),
        -- {requestsDone, requestsTotal, itemsScored}
        progress jsonb NOT NULL DEFAULT '{}',
        failure_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX evaluations_checkpoint_uq ON evaluations (checkpoint_id, backend) WHERE checkpoint_id IS NOT NULL`);
    await q.query(`CREATE INDEX evaluations_experiment_idx ON evaluations (experiment_id, epoch)`);
    await q.query(`
      CREATE TABLE evaluation_results (
        evaluation_id uuid NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
        item_id bigint NOT NULL REFERENCES items(id),
        shots smallint NOT NULL DEFAULT 0 CHECK (shots >= 0),
        suite text NOT NULL,
        -- the ability key (in-domain) or the benchmark subset (e.g. chinese_history)
        ability text NOT NULL,
        split text,
        -- what the model answered: its generation, or the option it ranked first
        answer text,
        parsed text,
        score real NOT NULL,
        expected real NOT NULL,
        -- e.g. {via, perplexities, candidateLogprobs, optionLogprobs}
        details jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (evaluation_id, item_id, shots)
      )`);
    await q.query(`CREATE INDEX evaluation_results_item_idx ON evaluation_results (item_id)`);
    await q.query(`
      CREATE TABLE ability_scores (
        evaluation_id uuid NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
        suite text NOT NULL,
        ability text NOT NULL,
        -- 'valid' | 'test' for in-domain; 'test' for benchmarks
        split text NOT NULL,
        shots smallint NOT NULL DEFAULT 0,
        items int NOT NULL,
        score real NOT NULL,
        expected real NOT NULL,
        PRIMARY KEY (evaluation_id, suite, ability, split, shots)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ability_scores, evaluation_results, evaluations`);
  }
}
