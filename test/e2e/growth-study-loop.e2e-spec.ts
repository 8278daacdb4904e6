import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForecastAccuracyView, ForecastView, GrowthPoint, GrowthView, HoursGuidanceView, QuotaProposalView } from '../../server/growth/growth-views';
import type { StudyView } from '../../server/studies/study-views';
import { patternAbility, patternImportRecord } from '../utils/pattern-ability';
import { createPeople, type Person } from '../utils/people';
import { countsRecipes, freezeVersion, importFile, reviewEverything, waitForStudy } from '../../server/demo/growth-loop';
import { PaceApi } from '../../server/demo/pace-api';
import { connect, recorder } from '../utils/socket-events';
import { createTestApp, type TestApp } from '../utils/test-app';
import { tinyModel } from '../utils/tiny-model';
import { until } from '../utils/until';

/**
 * Issue 13's Proof, end to end on CPU: the whole growth loop read back from the API. Its steps up to the trained study
 * are server/demo/growth-loop.ts, which `npm run demo` walks too (test/e2e/demo.e2e-spec.ts). The pattern ability
 * (test/utils/pattern-ability.ts, learnable by the tiny random Llama) is imported, approved by two annotators through
 * the review API, frozen, and a custom study of the tiny model on 8, 32 and 128 of its items × seeds 1 and 2 trains
 * through the real trainer subprocess, each epoch scored by it. Then: the growth curve rises with volume, α_D > 0 with
 * its 95% CI above 0, the SVG chart and CSV export; a recipe added later is forecast when queued and the forecast is
 * checked when its runs land; the quota proposal and the annotation-hours ranking answer for the study.
 *
 * Hyper-parameters as growth-learnable.e2e-spec.ts tuned them (4 epochs, constant lr 2e-3, batch 4, best checkpoint
 * from epoch 1); two seeds per volume, since one seed gave an α_D interval above 0 for only 2 of 3 seeds there.
 */
const ABILITY = 'logical_reasoning';
const VOLUMES = [8, 32, 128] as const;
const ADDED = 64;
const SEEDS = [1, 2];
const SPLITS = { train: 128, valid: 16, test: 48 };
const HYPER = { epochs: 4, learningRate: 2e-3, finalLearningRate: 2e-3, globalBatchSize: 4, microBatchSize: 4, maxLength: 128, maxNewTokens: 2, evalBackend: 'torch', bestFromEpoch: 1 };
const pct = (x: number) => (x * 100).toFixed(1);

describe('issue 13 Proof: import → review → freeze → study → training → evaluation → curve → fit → forecast → recommendation, from the API', () => {
  let t: TestApp;
  let researcher: Person;
  let lead: Person;
  let annotators: Person[];
  let scratch: string;
  let socket: Socket;
  let baseUrl: string;
  const started = Date.now();
  const summary: string[] = [];

  const api = (method: 'get' | 'post', url: string, who: Person = researcher) => t.http[method](`/api${url}`).set(...who.auth);

  /** Waits through the API until every run of the study is completed and each of its epochs' evaluations too. */
  const waitForRuns = (id: number, runs: number, timeoutMs: number) => waitForStudy(new PaceApi(baseUrl, researcher.token), id, { runs, epochs: HYPER.epochs, timeoutMs });

  beforeAll(async () => {
    t = await createTestApp({ PACE_IN_PROCESS_TRAINING: 'true' });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    [researcher] = await createPeople(t, 'researcher', 1);
    [lead] = await createPeople(t, 'lead', 1);
    annotators = await createPeople(t, 'annotator', 2);
    scratch = await mkdtemp(join(tmpdir(), 'pace-loop-'));
  });
  afterAll(async () => {
    socket?.close();
    await t?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('runs the whole loop on the tiny model: scores rise with volume, α_D > 0 with its CI above 0, the forecast is checked, quotas are proposed', async () => {
    // 1. the tiny base model, registered through the API (its parameter count read from the safetensors)
    const model = (await api('post', '/base-models').send({ name: 'tiny-llama', path: await tinyModel() }).expect(201)).body;
    expect(model.parameters).toBeGreaterThan(0);

    // 2. the pattern ability's items as a DoIT messages file, through the import API
    const items = patternAbility({ ability: ABILITY, ...SPLITS, seed: 7 });
    const total = items.length;
    const file = join(scratch, 'pattern.jsonl');
    await writeFile(file, items.map((item, i) => JSON.stringify(patternImportRecord(item, `pattern-${i}`)) + '\n').join(''));
    const asResearcher = new PaceApi(baseUrl, researcher.token);
    const imported = await importFile(asResearcher, file, { adapter: 'messages', sourceName: 'pattern-ability' });
    expect(imported, imported.failureReason ?? '').toMatchObject({ status: 'completed', itemsCreated: total, errorCount: 0 });

    // 3. every item approved by both annotators through the review API (they work at the same time)
    const decisions = await reviewEverything(annotators.map((a) => new PaceApi(baseUrl, a.token)));
    expect(decisions).toEqual([total, total]);
    const [{ accepted }] = await t.db.query(`SELECT count(*)::int AS accepted FROM items WHERE import_id = $1 AND status = 'accepted'`, [imported.id]);
    expect(accepted).toBe(total);
    const reviewed = Date.now();

    // 4. frozen with 16 validation and 48 test items of the ability: 128 left to train on
    const version = await freezeVersion(asResearcher, { name: 'pattern-v1', splits: { valid: SPLITS.valid, test: SPLITS.test } });
    const versionId = version.id;
    expect(version.status, version.failureReason ?? '').toBe('frozen');
    const counts = await t.db.query(
      `SELECT v.split, count(*)::int AS n FROM dataset_version_items v JOIN items i ON i.id = v.item_id JOIN abilities a ON a.id = i.ability_id
        WHERE v.version_id = $1 AND a.key = $2 GROUP BY v.split ORDER BY v.split`,
      [versionId, ABILITY],
    );
    expect(counts).toEqual([
      { split: 'test', n: SPLITS.test },
      { split: 'train', n: SPLITS.train },
      { split: 'valid', n: SPLITS.valid },
    ]);

    // 5. counts recipes and one study of the tiny model × those recipes × two seeds, its progress live over socket.io
    await countsRecipes(asResearcher, 'pattern', ABILITY, [...VOLUMES, ADDED]);
    socket = await connect(t, researcher.token);
    const live = recorder(socket, ['study.progress']);
    const createdStudy = await api('post', '/studies').send({
      name: 'pattern growth',
      template: 'custom',
      versionId,
      baseModelIds: [model.id],
      recipes: VOLUMES.map((v) => `pattern-${v}`),
      seeds: SEEDS,
      hyperParams: HYPER,
    });
    expect(createdStudy.status, JSON.stringify(createdStudy.body)).toBe(201);
    const s: StudyView = createdStudy.body;
    expect(s.runs).toHaveLength(VOLUMES.length * SEEDS.length);
    expect(s.runs.every((r) => !r.reused)).toBe(true);
    expect((await socket.emitWithAck('subscribe', { room: `study:${s.id}` })).ok).toBe(true);
    await waitForRuns(s.id, VOLUMES.length * SEEDS.length, 240_000);
    // the live progress reached 100 % of the steps, and the last run's completion was pushed too
    await live.waitFor('study.progress', (v: StudyView) => v.id === s.id && v.progress.percent === 100, 10_000);
    const done = await live.waitFor('study.progress', (v: StudyView) => v.id === s.id && v.progress.completed === 6, 10_000);
    expect(done.progress).toMatchObject({ total: 6, completed: 6, failed: 0, percent: 100 });
    const trained = Date.now();

    // 6. the growth curve, its fit, chart and export, read back from the API
    const growth: GrowthView = (await api('get', `/growth?studyId=${s.id}`).expect(200)).body;
    expect(growth.unsized).toEqual([]);
    const series = growth.series.filter((x) => x.kind === 'ability' && x.ability === ABILITY && x.suite === 'in-domain');
    expect(series).toHaveLength(1);
    const points = series[0].points;
    expect(points.map((p) => [p.volume, p.seed])).toEqual(VOLUMES.flatMap((v) => SEEDS.map((seed) => [v, seed])));
    for (const p of points) {
      expect(p.n).toBe(SPLITS.test);
      expect(p.interval.method).toBe('wilson');
      expect(p.interval.lower <= p.score && p.score <= p.interval.upper).toBe(true);
    }
    const at = (v: number, ps: GrowthPoint[] = points) => ps.filter((p) => p.volume === v);
    const mean = (v: number, ps: GrowthPoint[] = points) => at(v, ps).reduce((sum, p) => sum + p.score, 0) / at(v, ps).length;
    const means = VOLUMES.map((v) => mean(v));
    // the rise: the mean score grows with every ×4 of data, and each 128-item point is above each 8-item one, intervals apart
    expect(means[1]).toBeGreaterThan(means[0]);
    expect(means[2]).toBeGreaterThan(means[1]);
    for (const big of at(128)) for (const small of at(8)) expect(big.interval.lower).toBeGreaterThan(small.interval.upper);

    const sensitivity = growth.sensitivities.find((x) => x.ability === ABILITY)!;
    const dataFit = sensitivity.dataFits.find((f) => f.parameters === model.parameters && f.source === 'curated')!;
    const fit = dataFit.fit!;
    expect(fit.n).toBe(6);
    expect(fit.alpha).toBeGreaterThan(0);
    expect(fit.alphaLower).toBeGreaterThan(0);
    // with three volumes the last-three fit is the whole fit, so a significant α_D cannot be a plateau: responsive
    expect(sensitivity.class).toBe('responsive');
    summary.push(`α_D ${fit.alpha.toFixed(3)} [${fit.alphaLower.toFixed(3)}, ${fit.alphaUpper.toFixed(3)}] (${fit.weighting}, R² ${fit.r2?.toFixed(2)}), class ${sensitivity.class}`);

    const svg = await api('get', `/growth/charts/growth-curve.svg?studyId=${s.id}&ability=${ABILITY}`).buffer(true).parse((res, cb) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => cb(null, text));
    });
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toMatch(/image\/svg\+xml/);
    expect(svg.body as string).toMatch(/^(<\?xml[^>]*>\s*)?<svg[\s>]/);
    const csv = await api('get', `/growth/export/points.csv?studyId=${s.id}`).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const rows = csv.text.trim().split('\n');
    const header = rows[0].split(',');
    const abilityColumn = header.indexOf('ability');
    expect(abilityColumn).toBeGreaterThanOrEqual(0);
    expect(rows.slice(1).filter((r) => r.split(',')[abilityColumn] === ABILITY)).toHaveLength(6);

    // 7. a recipe added later: its runs are forecast when queued, the forecasts checked when they land
    const added = await api('post', `/studies/${s.id}/recipes`).send({ recipe: `pattern-${ADDED}` });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const newRuns = (added.body as StudyView).runs.filter((r) => r.recipe?.name === `pattern-${ADDED}`);
    expect(newRuns).toHaveLength(SEEDS.length);
    const queuedForecasts: ForecastView[] = (await api('get', `/forecasts?studyId=${s.id}`).expect(200)).body;
    const mine = queuedForecasts.filter((f) => f.ability === ABILITY);
    expect(mine.map((f) => f.experimentId).sort()).toEqual(newRuns.map((r) => r.experimentId).sort());
    for (const f of mine) {
      expect(f).toMatchObject({ volume: ADDED, parameters: model.parameters, source: 'curated', basedOn: 6, measured: null, inside: null });
      expect(f.predicted).toBeGreaterThan(means[1]);
      expect(f.predicted).toBeLessThan(means[2]);
      expect(f.lower).toBeLessThan(f.predicted);
      expect(f.upper).toBeGreaterThan(f.predicted);
    }
    await waitForRuns(s.id, (VOLUMES.length + 1) * SEEDS.length, 180_000);
    const checked = await until(
      'the forecasts to be checked',
      async () => {
        const fs: ForecastView[] = (await api('get', `/forecasts?studyId=${s.id}&ability=${ABILITY}`).expect(200)).body;
        return fs.length === SEEDS.length && fs.every((f) => f.checkedAt !== null) ? fs : null;
      },
      30_000,
      250,
    );
    const landed: GrowthView = (await api('get', `/growth?studyId=${s.id}`).expect(200)).body;
    const landedPoints = landed.series.find((x) => x.kind === 'ability' && x.ability === ABILITY && x.suite === 'in-domain')!.points;
    for (const f of checked) {
      const measured = landedPoints.find((p) => p.experimentId === f.experimentId)!;
      expect(f.measured).toBeCloseTo(measured.score, 10);
      expect(f.error).toBeCloseTo(f.measured! - f.predicted, 10);
      expect(f.inside).toBe(f.lower <= f.measured! && f.measured! <= f.upper);
    }
    const accuracy: ForecastAccuracyView[] = (await api('get', `/forecasts/accuracy?studyId=${s.id}`).expect(200)).body;
    const row = accuracy.find((a) => a.ability === ABILITY)!;
    expect(row).toMatchObject({ forecasts: SEEDS.length, checked: SEEDS.length });
    expect(row.meanAbsError).toBeCloseTo(checked.reduce((sum, f) => sum + Math.abs(f.error!), 0) / checked.length, 10);
    expect(row.coverage).toBeCloseTo(checked.filter((f) => f.inside).length / checked.length, 10);
    summary.push(
      `forecast at ${ADDED}: ${checked.map((f) => `${pct(f.predicted)}% [${pct(f.lower)}, ${pct(f.upper)}] → ${pct(f.measured!)}% (${f.inside ? 'inside' : 'outside'})`).join('; ')}, MAE ${pct(row.meanAbsError!)} pts, coverage ${pct(row.coverage!)}%`,
    );

    // 8. the recommendation: quotas for a budget, and the annotation-hours ranking for the lead
    const proposal = await api('post', '/guidance/quotas').send({ studyId: s.id, budget: 100 });
    expect(proposal.status, JSON.stringify(proposal.body)).toBe(200);
    const view: QuotaProposalView = proposal.body;
    const quota = view.quotas.find((q) => q.ability === ABILITY)!;
    // the proposal reads the study as it is now, 64 included: the same class as the growth view's
    const landedClass = landed.sensitivities.find((x) => x.ability === ABILITY)!.class;
    expect(quota.class).toBe(landedClass);
    expect(view.versionId).toBe(versionId);
    expect(quota.available).toBe(SPLITS.train);
    expect(quota.quota).toBeGreaterThan(0);
    if (quota.class === 'plateaued') {
      // issue 13 item 6: capped where the scores reach the top (64 items), not at 32, whose points are clearly below 128's
      expect(quota.limit).toBe(ADDED);
    } else {
      expect(quota.class).toBe('responsive');
      expect(quota.quota).toBe(Math.min(100, SPLITS.train));
    }
    expect(quota.expectedChange).not.toBeNull();
    expect(quota.reasons.length).toBeGreaterThan(0);
    expect(view.text.abilities[ABILITY]).toHaveLength(quota.reasons.length);
    const hours = await api('get', `/guidance/hours?studyId=${s.id}&hours=10`, lead);
    expect(hours.status, JSON.stringify(hours.body)).toBe(200);
    const ranking: HoursGuidanceView = hours.body;
    expect(ranking.studyId).toBe(s.id);
    summary.push(`after ${ADDED} landed class ${landedClass}; quota for ${ABILITY} at budget 100: ${quota.quota} (limit ${quota.limit}, expected change ${quota.expectedChange === null ? '—' : pct(quota.expectedChange) + ' pts'})`);

    const landedMeans = [...VOLUMES, ADDED].sort((a, b) => a - b).map((v) => `${v} → ${pct(mean(v, landedPoints))}%`);
    console.log(
      `growth-study-loop: ${((Date.now() - started) / 1000).toFixed(1)} s (import+review ${((reviewed - started) / 1000).toFixed(1)} s, first 6 runs by ${((trained - started) / 1000).toFixed(1)} s); ` +
        `mean test score per volume ${landedMeans.join(', ')} (points ${points.map((p) => `${p.volume}/s${p.seed} ${pct(p.score)}% [${pct(p.interval.lower)}, ${pct(p.interval.upper)}]`).join(', ')}); ${summary.join('; ')}`,
    );
  }, 420_000);
});
