import { NestFactory } from '@nestjs/core';
import { rm } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import { loadavg } from 'node:os';
import { DataSource } from 'typeorm';
import { xoshiro128ss } from '../server/agreement/stats';
import { buildGrowthCurves, summariseGroup } from '../server/analysis/growth/growth-curves';
import type { GrowthEpoch, GrowthRun, ScoreGroup } from '../server/analysis/growth/growth-types';
import { renderChartFile } from '../server/charts/chart-files';
import { growthCurveLabels } from '../server/charts/chart-messages';
import { growthCurveChart } from '../server/charts/specs/growth-curve';
import { stopEmbeddedDatabase } from '../server/database/resolve-database';
import { ForecastsCliModule } from '../server/cli/cli.module';
import { EvaluationResultsRepository } from '../server/evaluations/evaluation-results.repository';
import { ForecastsRepository } from '../server/forecasts/forecasts.repository';
import { ForecastsService } from '../server/forecasts/forecasts.service';
import { GrowthRepository } from '../server/growth/growth.repository';
import { GrowthService } from '../server/growth/growth.service';
import { benchDir, useEmbeddedDatabase } from './bench-env';

const ABILITIES = ['biology', 'history', 'code', 'creative_writing', 'chinese', 'dialogue_understanding', 'role_play', 'logical_reasoning', 'cot_math', 'ethics'];
/** The partial-credit ability: real-valued item scores, so its points take the bootstrap path. */
const PARTIAL = 'cot_math';
const BENCHMARKS = ['cmmlu', 'agieval', 'ceval'];
const SIZES = [0.5e9, 1.8e9, 7e9, 13e9];
const VOLUMES = [10, 40, 160, 640, 2560, 10000];

/**
 * A seeded study of `experiments` runs (model size × source × volume × seed) with `epochs` checkpoints each,
 * every checkpoint scoring 10 abilities on `items` valid and `items` test items and 3 benchmarks on `items` test
 * items; 0/1 scores except PARTIAL's (hundredths in [0, 1]).
 */
export function generateGrowthStudy(experiments = 500, epochs = 15, items = 100, seed = 13): GrowthRun[] {
  const random = xoshiro128ss(seed);
  const scores = (p: number, partial: boolean) =>
    Array.from({ length: items }, () => (partial ? Math.round(Math.min(1, Math.max(0, p + (random() - 0.5) * 0.8)) * 100) / 100 : random() < p ? 1 : 0));
  return Array.from({ length: experiments }, (_, i): GrowthRun => {
    const parameters = SIZES[i % SIZES.length];
    const source = i % 8 < 4 ? 'curated' : 'synthetic';
    const volume = VOLUMES[Math.floor(i / 8) % VOLUMES.length];
    const runSeed = Math.floor(i / 48);
    const trainCounts = Object.fromEntries(ABILITIES.map((a) => [a, volume / 10]));
    const base = 0.15 + 0.02 * Math.log(parameters / 1e8) + 0.03 * Math.log(volume);
    const runEpochs = Array.from({ length: epochs }, (_, e): GrowthEpoch => {
      const p = (k: number) => Math.min(0.95, base * (1 - Math.exp(-(e + 1) / 4)) + 0.02 * k);
      const groups: ScoreGroup[] = [
        ...ABILITIES.flatMap((a, k) =>
          (['valid', 'test'] as const).map((split): ScoreGroup => ({ suite: 'in-domain', ability: a, split, shots: 0, scores: scores(p(k), a === PARTIAL), expected: a === PARTIAL ? 0 : 0.25 })),
        ),
        ...BENCHMARKS.map((b, k): ScoreGroup => ({ suite: b, ability: 'all', split: 'test', shots: 0, scores: scores(p(k), false), expected: 0.25 })),
      ];
      return { epoch: e + 1, evaluationId: `ev-${i}-${e + 1}`, groups };
    });
    return { experimentId: `x${i}`, name: `${source}-${volume}-${parameters}-s${runSeed}`, parameters, baseModel: `m${parameters}`, source, seed: runSeed, trainCounts, trainTotal: volume, epochs: runEpochs };
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
type Timing = { median: number; min: number; max: number };

function time(repeats: number, f: () => unknown): Timing {
  f(); // warm-up
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times) };
}

async function timeAsync(repeats: number, f: () => Promise<unknown>): Promise<Timing> {
  await f(); // warm-up
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times) };
}
const load = () => `load average ${loadavg()[0].toFixed(2)}`;
const ms = (t: Timing) => `${t.median.toFixed(1)} ms (min ${t.min.toFixed(1)}, max ${t.max.toFixed(1)})`;

/** Columns of one stored ability score, as an evaluation writes it when it lands (with its interval). */
function scoreRow(evaluationId: string, g: ScoreGroup) {
  const s = g.summary ?? summariseGroup(g.scores);
  return {
    evaluation_id: evaluationId, suite: g.suite, ability: g.ability, split: g.split, shots: g.shots, items: s.n, score: s.mean, expected: g.expected,
    ci_lower: s.interval.lower, ci_upper: s.interval.upper, ci_method: s.interval.method, ci_variance: s.interval.variance,
  };
}

const INSERT_SCORES = `INSERT INTO ability_scores (evaluation_id, suite, ability, split, shots, items, score, expected, ci_lower, ci_upper, ci_method, ci_variance)
  SELECT r.evaluation_id, r.suite, r.ability, r.split, r.shots, r.items, r.score, r.expected, r.ci_lower, r.ci_upper, r.ci_method, r.ci_variance
    FROM jsonb_to_recordset($1::jsonb) AS r(evaluation_id uuid, suite text, ability text, split text, shots smallint, items int, score real, expected real,
                                            ci_lower real, ci_upper real, ci_method text, ci_variance real)`;

/**
 * The study in PostgreSQL as the platform holds it: base models per size, a frozen version, a recipe per source ×
 * volume (the synthetic ones drawing from the synthetic pool), the runs with their train counts, one checkpoint and
 * one completed evaluation per epoch, and each evaluation's ability scores with the interval stored when it landed.
 * Each evaluation also gets its validation average as replaceScores stores it when it lands. Per-item results are not
 * stored: the page never reads them once summaries are there. Returns the run ids.
 */
async function seedGrowthStudy(db: DataSource, runs: readonly GrowthRun[]): Promise<string[]> {
  const [version] = await db.query(
    `INSERT INTO dataset_versions (name, split_config, decontamination, status, frozen_at, item_count, content_hash)
     VALUES ('growth-bench', '{}', '{}', 'frozen', now(), 0, repeat('0', 64)) RETURNING id`,
  );
  const models = new Map<number, number>();
  for (const p of [...new Set(runs.map((r) => r.parameters))]) {
    const [m] = await db.query(`INSERT INTO base_models (name, path, parameters) VALUES ($1, '/nonexistent', $2) RETURNING id`, [`bench-${p}`, p]);
    models.set(p, m.id);
  }
  const recipes = new Map<string, number>();
  for (const r of runs) {
    const name = `bench-${r.source}-${r.trainTotal}`;
    if (recipes.has(name)) continue;
    const [row] = await db.query(`INSERT INTO recipes (name, revision, spec) VALUES ($1, 1, $2) RETURNING id`, [name, JSON.stringify({ pool: r.source, quotas: { total: r.trainTotal } })]);
    recipes.set(name, row.id);
  }
  const experiments: { id: string; name: string }[] = await db.query(
    `INSERT INTO experiments (name, base_model_id, version_id, recipe_id, recipe_name, hyper_params, seed, status, train_counts)
     SELECT r.name, r.model, $2, r.recipe, r.recipe_name, '{"evalBackend":"torch","epochs":15}', r.seed, 'completed', r.counts
       FROM jsonb_to_recordset($1::jsonb) AS r(name text, model int, recipe int, recipe_name text, seed int, counts jsonb)
     RETURNING id, name`,
    [
      JSON.stringify(runs.map((r) => ({ name: r.name, model: models.get(r.parameters), recipe: recipes.get(`bench-${r.source}-${r.trainTotal}`), recipe_name: `bench-${r.source}-${r.trainTotal}`, seed: r.seed, counts: r.trainCounts }))),
      version.id,
    ],
  );
  const idOf = new Map(experiments.map((x) => [x.name, x.id]));
  const ids = runs.map((r) => idOf.get(r.name) as string);
  await db.query(
    `INSERT INTO checkpoints (experiment_id, epoch, step, path) SELECT x, e, e * 10, '/nonexistent' FROM unnest($1::uuid[]) x, generate_series(1, $2::int) e`,
    [ids, Math.max(...runs.map((r) => r.epochs.length))],
  );
  const evaluations: { id: string; experimentId: string; epoch: number }[] = await db.query(
    `INSERT INTO evaluations (experiment_id, checkpoint_id, epoch, backend, suites, status, finished_at)
     SELECT c.experiment_id, c.id, c.epoch, 'torch', '{in-domain}', 'completed', now() FROM checkpoints c WHERE c.experiment_id = ANY($1::uuid[])
     RETURNING id, experiment_id AS "experimentId", epoch`,
    [ids],
  );
  const evaluationOf = new Map(evaluations.map((e) => [`${e.experimentId}/${e.epoch}`, e.id]));
  let batch: ReturnType<typeof scoreRow>[] = [];
  for (const [k, r] of runs.entries()) {
    for (const e of r.epochs) for (const g of e.groups) batch.push(scoreRow(evaluationOf.get(`${ids[k]}/${e.epoch}`) as string, g));
    if (batch.length >= 10_000 || k === runs.length - 1) {
      await db.query(INSERT_SCORES, [JSON.stringify(batch)]);
      batch = [];
    }
  }
  await new EvaluationResultsRepository(db).storeValidationAverages(evaluations.map((e) => e.id));
  await db.query('ANALYZE');
  return ids;
}

/** `--explain`: the plan, with actual times, of every query `read` sends (EXPLAIN ANALYZE, after it ran once). */
async function explainReads(db: DataSource, read: () => Promise<unknown>): Promise<void> {
  const sent: [string, unknown[] | undefined][] = [];
  const query = db.query.bind(db);
  db.query = ((sql: string, params?: unknown[]) => {
    sent.push([sql, params]);
    return query(sql, params);
  }) as typeof db.query;
  try {
    await read();
  } finally {
    db.query = query;
  }
  for (const [sql, params] of sent) {
    const plan: { 'QUERY PLAN': string }[] = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    console.log(`--- ${sql.replace(/\s+/g, ' ').slice(0, 160)}…\n${plan.map((p) => p['QUERY PLAN'].slice(0, 200)).join('\n')}`);
  }
}

/**
 * What forecasts cost (issue 13 item 5): recording those of one newly queued run (what RunQueuedHooks → forecasts does
 * inside POST /api/experiments) — a run of a new volume on the first run's line (model size × source: a 1/8 of the
 * study), its line's finished runs read, fitted per ability and one forecast per ability stored — and checking one
 * landed run's forecasts (its reported checkpoint read, each forecast's error and coverage stored).
 */
async function forecastTimings(db: DataSource, forecasts: ForecastsService, repo: ForecastsRepository, runs: readonly GrowthRun[], ids: string[], repeats: number) {
  const [first] = await db.query(`SELECT base_model_id AS "baseModelId", version_id AS "versionId", recipe_id AS "recipeId" FROM experiments WHERE id = $1`, [ids[0]]);
  const line = runs.filter((r) => r.parameters === runs[0].parameters && r.source === runs[0].source).length;
  const counts = Object.fromEntries(Object.keys(runs[0].trainCounts).map((a) => [a, 20])); // 20 items per ability: a volume no run has
  let recorded = 0;
  const record = await timeAsync(repeats, async () => {
    const [x] = await db.query(
      `INSERT INTO experiments (name, base_model_id, version_id, recipe_id, recipe_name, hyper_params, seed, status, train_counts)
       VALUES ('bench-queued', $1, $2, $3, 'bench-queued', '{"evalBackend":"torch","epochs":15}', 99, 'queued', $4) RETURNING id`,
      [first.baseModelId, first.versionId, first.recipeId, JSON.stringify(counts)],
    );
    recorded = await forecasts.recordFor(x.id);
  });
  if (recorded !== Object.keys(counts).length) throw new Error(`growth bench: a queued run of a new volume got ${recorded} forecasts, not one per ability`);
  await db.query(`DELETE FROM experiments WHERE name = 'bench-queued'`);
  // a landed run's forecasts: one per ability at its own volume, checked against its reported checkpoint
  const landed = runs[0];
  await repo.insert(Object.keys(landed.trainCounts).map((ability) => ({
    experimentId: ids[0], ability, parameters: landed.parameters, source: landed.source, volume: landed.trainCounts[ability], predicted: 0.4, lower: 0.3, upper: 0.5, basedOn: line - 1,
  })));
  let checked = 0;
  const check = await timeAsync(repeats, async () => {
    checked = await forecasts.checkLanded(ids[0]);
  });
  if (checked !== Object.keys(landed.trainCounts).length) throw new Error(`growth bench: a landed run checked ${checked} forecasts, not one per ability`);
  console.log(`forecasts: record ${record.median.toFixed(1)} ms, check ${check.median.toFixed(1)} ms (medians; ${load()})`);
  console.log(`  record: one queued run's ${recorded} forecasts from its line's ${line} finished runs, as POST /api/experiments does, ${ms(record)}; check: one landed run's ${checked}, ${ms(check)}`);
}

/**
 * `npm run bench -- growth [--runs 5] [--explain]`: a seeded study of 500 runs × 15 checkpoints × 13 abilities and benchmarks in a
 * fresh embedded PostgreSQL, with each score's interval stored as its evaluation landed. Prints one study page's data
 * through GrowthService.curves — the DB read, the curves with intervals and the fits (target < 200 ms) — what an
 * evaluation's landing costs (its summaries computed and stored), the growth-curve chart's SVG and PNG export, the
 * same page computed in memory from summaries and from per-item scores alone (checked equal), and the load average.
 */
export async function runGrowthBench(args: string[]): Promise<void> {
  const i = args.indexOf('--runs');
  const repeats = i >= 0 ? Number(args[i + 1]) : 5;
  const runs = generateGrowthStudy();
  const evaluations = runs.flatMap((r) => r.epochs);
  const groups = evaluations.reduce((s, e) => s + e.groups.length, 0);
  console.log(`growth bench: ${runs.length} experiments × 15 checkpoints = ${evaluations.length} evaluations, ${groups} score groups of 100 items (${PARTIAL} with partial credit), median of ${repeats} after a warm-up`);

  // As each evaluation lands: its groups' summaries (mean, n, interval), stored with it.
  const stored = runs.map((r) => ({
    ...r,
    epochs: r.epochs.map((e) => ({ ...e, groups: e.groups.map((g) => ({ ...g, scores: [], summary: summariseGroup(g.scores) })) })),
  }));
  const inMemory = time(repeats, () => buildGrowthCurves(stored));
  const fromItems = time(repeats, () => buildGrowthCurves(runs));
  const curves = buildGrowthCurves(stored);
  if (!isDeepStrictEqual(curves, buildGrowthCurves(runs))) throw new Error('growth bench: stored summaries and per-item scores gave different curves');

  const dir = await benchDir('pace-bench-growth-');
  useEmbeddedDatabase(dir, { SLOW_QUERY_MS: '600000' }); // the bench times its queries itself
  const app = await NestFactory.createApplicationContext(ForecastsCliModule, { logger: ['error', 'warn'] });
  try {
    const db = app.get(DataSource);
    const seeding = performance.now();
    const ids = await seedGrowthStudy(db, runs);
    console.log(`seeded ${ids.length} runs, ${evaluations.length} evaluations and ${groups} ability scores with stored intervals in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);

    const growth = app.get(GrowthService);
    const page = await timeAsync(repeats, () => growth.curves({ experimentIds: ids }));
    // where the page's time goes: the two reads, then the curves and fits over what they returned
    const repo = app.get(GrowthRepository);
    const rowsRead = await timeAsync(repeats, () => repo.runRows(ids));
    const rows = await repo.runRows(ids);
    const scoresRead = await timeAsync(repeats, () => repo.reportedRuns(rows, 5));
    const read = await repo.reportedRuns(rows, 5);
    const compute = time(repeats, () => buildGrowthCurves(read, { minEpoch: 5 }));
    // the page reads each run's reported checkpoint only; reading every epoch must give the very same curves
    const everyEpoch = await timeAsync(Math.min(repeats, 3), () => repo.runs(rows));
    if (!isDeepStrictEqual(buildGrowthCurves(read, { minEpoch: 5 }), buildGrowthCurves(await repo.runs(rows), { minEpoch: 5 }))) {
      throw new Error('growth bench: the reported checkpoints alone and every epoch gave different curves');
    }
    if (args.includes('--explain')) await explainReads(db, () => repo.reportedRuns(rows, 5));
    const view = await growth.curves({ experimentIds: ids });
    const points = view.series.reduce((s, x) => s + x.points.length, 0);
    if (view.series.length !== curves.series.length || points !== curves.series.reduce((s, x) => s + x.points.length, 0)) {
      throw new Error(`growth bench: the database gave ${view.series.length} series and ${points} points, memory ${curves.series.length} series`);
    }
    const bootstrap = view.series.reduce((s, x) => s + x.points.filter((p) => p.interval.method === 'bootstrap').length, 0);
    console.log(`growth: curves+fits ${ms(page)}   (target < 200 ms; GrowthService.curves: DB read of ${ids.length} runs' stored scores + curves with intervals + fits; ${load()})`);
    console.log(`  runs read ${rowsRead.median.toFixed(1)} ms, their reported checkpoints' scores read ${scoresRead.median.toFixed(1)} ms, curves+fits over them ${compute.median.toFixed(1)} ms (medians)`);
    console.log(`  (every epoch's scores read instead: ${everyEpoch.median.toFixed(1)} ms; same curves, checked)`);
    // the pick without the stored validation averages (rows from before the column): every epoch's validation scores read
    await db.query(`UPDATE evaluations SET validation_average = NULL, validation_groups = NULL`);
    const unknownRead = await timeAsync(Math.min(repeats, 3), () => repo.reportedRuns(rows, 5));
    if (!isDeepStrictEqual(await repo.reportedRuns(rows, 5), read)) throw new Error('growth bench: the stored validation averages and the scores picked different checkpoints');
    await new EvaluationResultsRepository(db).storeValidationAverages((await db.query(`SELECT id FROM evaluations`)).map((e: { id: string }) => e.id));
    console.log(`  (reported checkpoints picked from the validation scores instead of the evaluations' stored averages: ${unknownRead.median.toFixed(1)} ms; same runs read, checked)`);
    console.log(`  ${view.series.length} series, ${points} points (${bootstrap} with bootstrap intervals), ${view.sensitivities.length} abilities fitted, ${view.pending.length} pending`);

    // One landing evaluation: its groups' summaries computed from the per-item scores, and stored with its scores.
    const one = runs[runs.length - 1].epochs[14];
    const results = new EvaluationResultsRepository(db);
    const landing = await timeAsync(Math.max(repeats, 20), async () => {
      const rows = one.groups.map((g) => scoreRow(one.evaluationId, { ...g, summary: undefined }));
      const [evaluation] = await db.query(`INSERT INTO evaluations (experiment_id, epoch, backend, suites, status) VALUES ($1, 15, 'openai', '{in-domain}', 'running') RETURNING id`, [ids[0]]);
      await db.transaction(async (m) => {
        await m.query(INSERT_SCORES, [JSON.stringify(rows.map((r) => ({ ...r, evaluation_id: evaluation.id })))]);
        await results.storeValidationAverage(evaluation.id, m);
        await m.query(`UPDATE evaluations SET status = 'completed', finished_at = now() WHERE id = $1`, [evaluation.id]);
      });
      await db.query(`DELETE FROM evaluations WHERE id = $1`, [evaluation.id]);
    });
    const summariesOnly = time(Math.max(repeats, 20), () => one.groups.map((g) => summariseGroup(g.scores)));
    console.log(`growth: one evaluation landing ${ms(landing)} (${one.groups.length} groups: summaries computed ${summariesOnly.median.toFixed(2)} ms, then stored with its scores in one transaction)`);

    const spec = growthCurveChart(view, { kind: 'ability', suite: 'in-domain', ability: 'history' }, growthCurveLabels('zh-CN', '历史', view.minEpoch));
    const svg = await timeAsync(Math.min(repeats, 3), () => renderChartFile(spec, 'svg', 'growth-curve.svg'));
    const png = await timeAsync(Math.min(repeats, 3), () => renderChartFile(spec, 'png', 'growth-curve.png'));
    console.log(`growth: chart export growth-curve (zh-CN, 8 lines, ${view.series.filter((s) => s.ability === 'history' && s.kind === 'ability').reduce((n, s) => n + s.points.length, 0)} points): SVG ${ms(svg)}, PNG ${ms(png)}`);
    await forecastTimings(db, app.get(ForecastsService), app.get(ForecastsRepository), runs, ids, repeats);
    console.log(`growth: in memory, curves+fits from stored summaries ${ms(inMemory)}; from per-item scores alone ${ms(fromItems)} (every interval recomputed; same curves)`);
    console.log(`  load average ${loadavg().map((l) => l.toFixed(2)).join(', ')} (1, 5, 15 min)`);
  } finally {
    await app.close();
    await stopEmbeddedDatabase();
    await rm(dir, { recursive: true, force: true });
  }
}
