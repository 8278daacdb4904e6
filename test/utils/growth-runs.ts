import type { DataSource } from 'typeorm';
import { summariseGroup } from '../../server/analysis/growth/growth-input';

/** One run of a seeded growth grid. */
export interface SeededRun {
  parameters: number;
  source: 'curated' | 'synthetic';
  /** train items per ability */
  volume: number;
  seed: number;
  /** a probe run: trained on this ability alone (its train counts name only it) */
  probe?: string;
  /** the run's status (default completed) */
  status?: string;
}

export interface GrowthGridOptions {
  abilities: string[];
  runs: SeededRun[];
  /** evaluated epochs (default 1…3) */
  epochs?: number[];
  /** the test score of an ability at a run's epoch, 0–1; validation is the same plus a small epoch bonus */
  score: (ability: string, run: SeededRun, epoch: number) => number;
  /** items per ability and split (default 40): intervals are Wilson of round(score × items) / items */
  items?: number;
  hyperParams?: Record<string, unknown>;
  /** store the interval with each score (default true); false leaves it NULL as rows written before issue 13 are */
  summaries?: boolean;
  /** `ability_scores.loss` of a group (mean gold-answer NLL); default NULL */
  loss?: (ability: string, run: SeededRun, epoch: number, split: 'valid' | 'test') => number | null;
}

export interface SeededGrid {
  versionId: number;
  experimentIds: string[];
  baseModelIds: Record<number, number>;
}

/**
 * A grid of finished runs with completed evaluations and ability scores, written straight with SQL (no training):
 * base models per parameter count, one frozen (empty) version, curated or synthetic-pool recipes, experiments with
 * their train counts, and per epoch one evaluation with in-domain valid/test scores per ability.
 */
export async function seedGrowthGrid(db: DataSource, o: GrowthGridOptions): Promise<SeededGrid> {
  const tag = Math.random().toString(36).slice(2, 8);
  const items = o.items ?? 40;
  const [version] = await db.query(
    `INSERT INTO dataset_versions (name, split_config, decontamination, status) VALUES ($1, '{}', '{}', 'freezing') RETURNING id`,
    [`growth-v-${tag}`],
  );
  await db.query(`UPDATE dataset_versions SET status = 'frozen', frozen_at = now(), item_count = 0, content_hash = encode(sha256(convert_to($2, 'UTF8')), 'hex') WHERE id = $1`, [version.id, tag]);
  const baseModelIds: Record<number, number> = {};
  for (const p of [...new Set(o.runs.map((r) => r.parameters))]) {
    const [m] = await db.query(`INSERT INTO base_models (name, path, parameters) VALUES ($1, '/nonexistent', $2) RETURNING id`, [`m-${p}-${tag}`, p]);
    baseModelIds[p] = m.id;
  }
  const recipes = new Map<string, number>();
  const recipeOf = async (source: string, volume: number) => {
    const name = `g-${tag}-${source}-${volume}`;
    if (!recipes.has(name)) {
      const spec = { pool: source, quotas: { perAbility: volume } };
      const [r] = await db.query(`INSERT INTO recipes (name, revision, spec) VALUES ($1, 1, $2) RETURNING id`, [name, JSON.stringify(spec)]);
      recipes.set(name, r.id);
    }
    return { id: recipes.get(name) as number, name };
  };
  const hyperParams = { evalBackend: 'torch', epochs: 3, bestFromEpoch: 1, ...o.hyperParams };
  const experimentIds: string[] = [];
  for (const run of o.runs) {
    const recipe = await recipeOf(run.source, run.volume);
    const counts = run.probe ? { [run.probe]: run.volume } : Object.fromEntries(o.abilities.map((a) => [a, run.volume]));
    const [x] = await db.query(
      `INSERT INTO experiments (name, base_model_id, version_id, recipe_id, recipe_name, hyper_params, seed, status, train_counts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $9, $8) RETURNING id`,
      [run.probe ? `probe-${run.probe} · ${run.parameters}` : `${run.source}-${run.volume} · ${run.parameters} · seed ${run.seed} · 增长`, baseModelIds[run.parameters], version.id, recipe.id, recipe.name, JSON.stringify(hyperParams), run.seed, JSON.stringify(counts), run.status ?? 'completed'],
    );
    experimentIds.push(x.id);
    for (const epoch of o.epochs ?? [1, 2, 3]) {
      await storeEvaluation(db, x.id, epoch, {
        abilities: o.abilities,
        items,
        summaries: o.summaries,
        score: (ability, split) => o.score(ability, run, epoch) + (split === 'valid' ? 0.01 * epoch : 0),
        loss: o.loss && ((ability, split) => o.loss!(ability, run, epoch, split)),
      });
    }
  }
  return { versionId: version.id, experimentIds, baseModelIds };
}

export interface StoredEvaluation {
  abilities: string[];
  /** the score of an ability on a split, 0–1 (clamped); stored as round(score × items) right of `items` */
  score: (ability: string, split: 'valid' | 'test') => number;
  /** items per ability and split (default 40) */
  items?: number;
  /** store the interval with each score (default true) */
  summaries?: boolean;
  /** `ability_scores.loss` of a group (mean gold-answer NLL); default NULL */
  loss?: (ability: string, split: 'valid' | 'test') => number | null;
}

/**
 * One completed in-domain evaluation of a run's checkpoint at `epoch`, with valid/test scores per ability (what an
 * evaluation landing writes), straight with SQL; the checkpoint is made when the run has none at that epoch.
 */
export async function storeEvaluation(db: DataSource, experimentId: string, epoch: number, o: StoredEvaluation): Promise<string> {
  const items = o.items ?? 40;
  const [c] = await db.query(
    `INSERT INTO checkpoints (experiment_id, epoch, step, path) VALUES ($1, $2, $3, '/nonexistent')
     ON CONFLICT (experiment_id, epoch) DO UPDATE SET step = EXCLUDED.step RETURNING id`,
    [experimentId, epoch, epoch * 10],
  );
  const [e] = await db.query(
    `INSERT INTO evaluations (experiment_id, checkpoint_id, epoch, backend, suites, status, finished_at)
     VALUES ($1, $2, $3, 'torch', '{in-domain}', 'completed', now()) RETURNING id`,
    [experimentId, c.id, epoch],
  );
  const rows = o.abilities.flatMap((ability) =>
    (['valid', 'test'] as const).map((split) => {
      const right = Math.round(Math.min(1, Math.max(0, o.score(ability, split))) * items);
      const scores = Array.from({ length: items }, (_, i) => (i < right ? 1 : 0));
      const s = summariseGroup(scores);
      const stored = o.summaries ?? true;
      return {
        suite: 'in-domain', ability, split, shots: 0, items, score: s.mean, expected: 0.25,
        ci_lower: stored ? s.interval.lower : null, ci_upper: stored ? s.interval.upper : null,
        ci_method: stored ? s.interval.method : null, ci_variance: stored ? s.interval.variance : null,
        loss: o.loss?.(ability, split) ?? null,
      };
    }),
  );
  await db.query(
    `INSERT INTO ability_scores (evaluation_id, suite, ability, split, shots, items, score, expected, ci_lower, ci_upper, ci_method, ci_variance, loss)
     SELECT $1, r.suite, r.ability, r.split, r.shots, r.items, r.score, r.expected, r.ci_lower, r.ci_upper, r.ci_method, r.ci_variance, r.loss
       FROM jsonb_to_recordset($2::jsonb) AS r(suite text, ability text, split text, shots smallint, items int, score float8, expected float8,
                                               ci_lower float8, ci_upper float8, ci_method text, ci_variance float8, loss float8)`,
    [e.id, JSON.stringify(rows)],
  );
  return e.id;
}
