import type { AddressInfo } from 'node:net';
import { io } from 'socket.io-client';
import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBE } from '../../server/analysis/probe/hand-matrix.fixture';
import { buildGrowthCurves } from '../../server/analysis/growth/growth-curves';
import { RunLandedHooks } from '../../server/events/run-landed-hooks';
import { StudyRuns } from '../../server/growth/growth-selection';
import { GrowthRepository } from '../../server/growth/growth.repository';
import type { GrowthUpdatedEvent, GrowthView, ProbeView } from '../../server/growth/growth-views';
import { seedGrowthGrid, type SeededGrid, type SeededRun } from '../utils/growth-runs';
import { createPeople, type Person } from '../utils/people';
import { decodePng, inkIn, rasterizeSvg } from '../utils/png';
import { FakeStudyRuns, seedProbeStudy } from '../utils/probe-study';
import { createTestApp, type TestApp } from '../utils/test-app';

const ABILITIES = ['history', 'code', 'ethics'];
const SIZES = [1e8, 1e9, 1e10];
const VOLUMES = [4, 16, 64, 256];
/** per ability: α_D (per ln item) and α_N (per ln parameter); the grid's scores are exactly linear in both logs */
const ALPHA: Record<string, { data: number; size: number }> = { code: { data: 0.06, size: 0.03 }, history: { data: 0.03, size: 0.02 }, ethics: { data: 0.01, size: 0.005 } };
const gridScore = (ability: string, run: SeededRun) => 0.1 + ALPHA[ability].data * Math.log(run.volume) + ALPHA[ability].size * Math.log(run.parameters / 1e8);

/** issue 13 items 1 (API), 2 (probe), 3 (live) and 7 (exports) of the growth API, on seeded runs in the real PostgreSQL. */
describe('growth API: /api/growth, probe, charts, CSV, live updates', () => {
  const studies = new FakeStudyRuns();
  let t: TestApp;
  let researcher: Person;
  let lead: Person;
  let annotator: Person;
  let grid: SeededGrid;
  let gridStudy: number;
  let probeStudy: number;

  const get = (url: string, who: Person | null = researcher) => {
    const req = t.http
      .get(`/api${url}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    return who ? req.set(...who.auth) : req;
  };
  const json = <T>(res: Response) => JSON.parse((res.body as Buffer).toString('utf8')) as T;

  beforeAll(async () => {
    t = await createTestApp({}, undefined, { providers: [{ provide: StudyRuns, useValue: studies }] });
    [researcher] = await createPeople(t, 'researcher', 1);
    [lead] = await createPeople(t, 'lead', 1);
    [annotator] = await createPeople(t, 'annotator', 1);
    const runs = SIZES.flatMap((parameters) => VOLUMES.map((volume): SeededRun => ({ parameters, source: 'curated', volume, seed: 1 })));
    grid = await seedGrowthGrid(t.db, { abilities: ABILITIES, runs, score: gridScore, items: 400 });
    gridStudy = studies.add({ name: '中文能力 增长研究', experimentIds: grid.experimentIds });
    ({ studyId: probeStudy } = await seedProbeStudy(t.db, studies, { abilities: ABILITIES, parameters: 1e10, accuracy: PROBE.accuracy, foundation: PROBE.foundation, loss: PROBE.loss }));
  }, 120_000);
  afterAll(() => t?.close());

  it('issue 13 item 2: GET /growth answers a study or a list of runs, for researchers, leads and admins only', async () => {
    const byStudy = json<GrowthView>(await get(`/growth?studyId=${gridStudy}`).expect(200));
    expect(byStudy.studyId).toBe(gridStudy);
    expect(byStudy.runs).toHaveLength(12);
    const code = byStudy.sensitivities.find((s) => s.ability === 'code')!;
    expect(code.sizeFit!.alpha).toBeCloseTo(0.03, 2);
    expect(code.dataFits.find((f) => f.parameters === 1e10)!.fit!.alpha).toBeCloseTo(0.06, 2);

    const two = grid.experimentIds.slice(0, 2);
    const byIds = json<GrowthView>(await get(`/growth?experimentIds=${two.join(',')}&minEpoch=2`, lead).expect(200));
    expect(byIds.runs.map((r) => r.experimentId)).toEqual(two);
    expect(byIds.minEpoch).toBe(2);
    expect(byIds.studyId).toBeNull();

    await get(`/growth?studyId=${gridStudy}`, annotator).expect(403);
    await get(`/growth?studyId=${gridStudy}`, null).expect(401);
  });

  it('issue 13 item 2: a page reads each run\'s reported checkpoint only, and draws exactly what every epoch gives', async () => {
    const repo = t.app.get(GrowthRepository);
    const rows = await repo.runRows(grid.experimentIds);
    const reported = await repo.reportedRuns(rows, 2);
    expect(reported.map((r) => r.epochs.map((e) => e.epoch))).toEqual(Array(12).fill([3])); // validation + 0.01·epoch: 3 is best
    expect(buildGrowthCurves(reported, { minEpoch: 2 })).toEqual(buildGrowthCurves(await repo.runs(rows), { minEpoch: 2 }));
    // a run with nothing at or after minEpoch is read with no epoch, and stays pending
    expect((await repo.reportedRuns(rows.slice(0, 1), 4))[0].epochs).toEqual([]);
  });

  it('issue 13 item 1: every bad query is a 400 naming its field; a study or run that does not exist a 404', async () => {
    const field = async (url: string, status = 400) => {
      const body = json<{ message: string; errors?: { field: string }[] }>(await get(url).expect(status));
      return { message: body.message, fields: (body.errors ?? []).map((e) => e.field) };
    };
    expect(await field('/growth?experimentIds=abc')).toEqual({ message: 'experimentIds: "abc" is not a UUID', fields: ['experimentIds'] });
    expect((await field(`/growth?studyId=${gridStudy}&experimentIds=${grid.experimentIds[0]}`)).fields).toEqual(['studyId']);
    expect((await field(`/growth?studyId=${gridStudy}&minEpoch=0`)).message).toBe('minEpoch: expected a whole number ≥ 1, got "0"');
    expect((await field(`/growth?studyId=${gridStudy}&minEpoch=two`)).fields).toEqual(['minEpoch']);
    expect((await field('/growth')).fields).toEqual(['studyId']);
    expect((await field(`/growth?studyId=${gridStudy}&abilty=code`)).message).toMatch(/^abilty: unknown parameter; known: studyId, experimentIds/);
    expect((await field(`/growth?source=handmade`)).message).toBe('source: expected one of curated, synthetic, got "handmade"');
    expect((await field('/growth?studyId=999', 404)).message).toBe('studyId: no study 999');
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await field(`/growth?experimentIds=${missing}`, 404)).message).toContain(missing);
    expect((await field('/growth/runs/not-a-uuid/epochs')).fields).toEqual(['experimentId']);
    expect((await field(`/growth/runs/${grid.experimentIds[0]}/epochs?split=train`)).message).toBe('split: expected one of valid, test, got "train"');
    await get(`/growth/runs/${missing}/epochs`).expect(404);
  });

  it('issue 13 item 2: GET /growth/runs/:id/epochs gives a run\'s score at every checkpoint', async () => {
    const lines = json<{ ability: string; points: { epoch: number; score: number }[] }[]>(await get(`/growth/runs/${grid.experimentIds[0]}/epochs?split=valid`).expect(200));
    expect(lines.map((l) => l.ability).sort()).toEqual([...ABILITIES].sort());
    const history = lines.find((l) => l.ability === 'history')!;
    expect(history.points.map((p) => p.epoch)).toEqual([1, 2, 3]);
    // validation = test + 0.01·epoch (seedGrowthGrid), on 400 items
    expect(history.points[2].score - history.points[0].score).toBeCloseTo(0.02, 2);
  });

  it('issue 13 item 4: the probe study\'s matrix, L, measures and scatters, with hand-checkable numbers', async () => {
    const view = json<ProbeView>(await get(`/growth/probe?studyId=${probeStudy}&against=${gridStudy}`).expect(200));
    expect(view.missing).toEqual([]);
    expect(view.abilities).toEqual(['history', 'code', 'ethics']); // the abilities table's order
    expect(view.checkpoints).toEqual({ history: 2, code: 2, ethics: 2 }); // best on own validation, not the last epoch
    expect(view.accuracy).toEqual(PROBE.accuracy);
    expect(view.foundation).toEqual(PROBE.foundation);
    expect(view.loss).toEqual(PROBE.loss); // epoch 2's, not the 9 stored at epochs 1 and 3
    // hand-matrix.fixture.ts: Complexity = L − Σ lift = 1.2 − 0.25, 0.8 − 0.05, 0.5 − 0; Transference −0.7, −0.8, −0.7
    const m = Object.fromEntries(view.measures.map((x) => [x.ability, x]));
    expect([m.code.complexity, m.history.complexity, m.ethics.complexity]).toEqual([expect.closeTo(0.95, 6), expect.closeTo(0.75, 6), expect.closeTo(0.5, 6)]);
    expect([m.code.transference, m.history.transference, m.ethics.transference]).toEqual([expect.closeTo(-0.7, 6), expect.closeTo(-0.8, 6), expect.closeTo(-0.7, 6)]);
    // the x of each point is the sensitivity fitted on the grid study's 12 runs
    expect(view.against).toEqual({ studyId: gridStudy, runs: 12 });
    for (const p of view.scatters.complexityVsSize) expect(p.x).toBeCloseTo(ALPHA[p.ability].size, 2);
    for (const p of view.scatters.transferenceVsData) expect(p.x).toBeCloseTo(ALPHA[p.ability].data, 2);
    const c = view.correlations.complexityVsSize!;
    expect(c.n).toBe(3);
    expect(c.r).toBeCloseTo(pearson(view.scatters.complexityVsSize), 10);
    expect(c.r).toBeGreaterThan(0.9); // complexity rises with α_N here (0.5, 0.75, 0.95 against 0.005, 0.02, 0.03)

    // weights from the query: Complexity = 2·L − 0.5·Σ lift, Transference = 3·Σ transfer
    const weighted = json<ProbeView>(await get(`/growth/probe?studyId=${probeStudy}&against=${gridStudy}&lossWeight=2&liftWeight=0.5&transferWeight=3`).expect(200));
    const w = Object.fromEntries(weighted.measures.map((x) => [x.ability, x]));
    expect(weighted.weights).toEqual({ lossWeight: 2, liftWeight: 0.5, transferWeight: 3 });
    expect([w.code.complexity, w.history.complexity, w.ethics.complexity]).toEqual([expect.closeTo(2.275, 6), expect.closeTo(1.575, 6), expect.closeTo(1, 6)]);
    expect(w.history.transference).toBeCloseTo(-2.4, 6);

    // by default the sensitivities come from every run but the probe study's own: here the grid's 12
    const byDefault = json<ProbeView>(await get(`/growth/probe?studyId=${probeStudy}`).expect(200));
    expect(byDefault.against).toEqual({ studyId: null, runs: 12 });
  });

  it('issue 13 item 4: a probe study with a run still training and a loss not stored says so in `missing` instead of failing', async () => {
    const { studyId, grid: probeGrid } = await seedProbeStudy(t.db, studies, {
      abilities: ABILITIES, parameters: 1e10, accuracy: PROBE.accuracy, foundation: PROBE.foundation, loss: { ...PROBE.loss, ethics: null }, running: ['code'],
    });
    const view = json<ProbeView>(await get(`/growth/probe?studyId=${studyId}&against=${gridStudy}`).expect(200));
    expect(view.measures).toEqual([]);
    expect(view.missing).toEqual(expect.arrayContaining([expect.stringMatching(/^the probe run for code \(probe-code · 10000000000\) is running$/), 'L_ethics: the probe run for ethics has no test loss at its best epoch 2']));
    expect(view.correlations).toEqual({ complexityVsSize: null, transferenceVsData: null });

    // the same runs with no evaluation of the untuned base model: said once, beside the runs' own problems
    const probes = await studies.probeAbilities(studyId);
    const noFoundation = studies.add({ experimentIds: [...probes.keys()], probes });
    const bare = json<ProbeView>(await get(`/growth/probe?studyId=${noFoundation}&against=${gridStudy}`).expect(200));
    expect(bare.missing.filter((m) => m.startsWith('Acc(f, '))).toEqual([`Acc(f, ·): study ${noFoundation} has no evaluation of the untuned base model ${probeGrid.baseModelIds[1e10]}`]);
    expect(bare.missing).toContain('L_ethics: the probe run for ethics has no test loss at its best epoch 2');

    const bad = async (url: string, status = 400) => json<{ message: string }>(await get(url).expect(status)).message;
    expect(await bad('/growth/probe')).toBe('studyId: required: the probe study');
    expect(await bad(`/growth/probe?studyId=${studyId}&lossWeight=heavy`)).toBe('lossWeight: expected a number, got "heavy"');
    expect(await bad('/growth/probe?studyId=999', 404)).toBe('studyId: no study 999');
    await get(`/growth/probe?studyId=${studyId}`, annotator).expect(403);
  });

  it('issue 13 item 7: points, sensitivities and probe as CSV, named after the study (RFC 5987 for its Chinese name)', async () => {
    const points = await get(`/growth/export/points.csv?studyId=${gridStudy}`).expect(200);
    expect(points.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(points.headers['content-disposition']).toBe(
      `attachment; filename="growth-points-____-____.csv"; filename*=UTF-8''${encodeURIComponent('growth-points-中文能力-增长研究.csv')}`,
    );
    const lines = (points.body as Buffer).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^series_key,kind,suite,ability,parameters,source,shots,volume,run,/);
    // 12 runs × (3 abilities + the in-domain average)
    expect(lines).toHaveLength(1 + 12 * 4);

    const sens = (await get(`/growth/export/sensitivities.csv?experimentIds=${grid.experimentIds.join(',')}`).expect(200));
    expect(sens.headers['content-disposition']).toBe('attachment; filename="growth-sensitivities-runs-12.csv"');
    expect((sens.body as Buffer).toString('utf8')).toMatch(/\r\ncode,responsive,size,,,0\.0[23]\d*/);

    const probe = (await get(`/growth/export/probe.csv?studyId=${probeStudy}&against=${gridStudy}`).expect(200)).body.toString('utf8').split('\r\n');
    expect(probe[0]).toBe('ability,checkpoint_epoch,loss,foundation_acc,acc_on_history,acc_on_code,acc_on_ethics,complexity,transference,lift_from_others,transfer_to_others');
    const code = probe[2].split(',');
    expect(code.slice(0, 7)).toEqual(['code', '2', '1.2', '0.1', '0.3', '0.6', '0.5']); // epoch, L, Acc(f, code), Acc(code, ·)
    expect(code.slice(7).map(Number)).toEqual([0.95, -0.7, 0.25, -0.7].map((x) => expect.closeTo(x, 9)));

    // the forecasts domain's CSV through the growth export (no run was queued after a fit here: the header only)
    const forecasts = await get(`/growth/export/forecasts.csv?studyId=${gridStudy}`).expect(200);
    expect(forecasts.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('growth-forecasts-中文能力-增长研究.csv')}`);
    expect((forecasts.body as Buffer).toString('utf8')).toMatch(/^ability,parameters,source,volume,/);
    expect(json<{ message: string }>(await get(`/growth/export/forecasts.csv?parameters=1000000000`).expect(400)).message).toBe('studyId: forecasts.csv selects the runs by studyId or experimentIds');
    expect(json<{ message: string }>(await get(`/growth/export/nope.csv`).expect(404)).message).toMatch(/exports: points\.csv, sensitivities\.csv, forecasts\.csv, probe\.csv/);
    expect(json<{ message: string }>(await get(`/growth/export/points.csv?studyId=x`).expect(400)).message).toBe('studyId: expected a whole number ≥ 1, got "x"');
    await get(`/growth/export/points.csv?studyId=${gridStudy}`, annotator).expect(403);
  });

  it('issue 13 item 7: the growth curve as SVG (outlined, series named in <desc>) and PNG with Chinese labels drawn', async () => {
    const svgRes = await get(`/growth/charts/growth-curve.svg?studyId=${gridStudy}&ability=code&locale=zh-CN`).expect(200);
    expect(svgRes.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(svgRes.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('growth-curve-中文能力-增长研究-代码生成.svg')}`);
    const svg = (svgRes.body as Buffer).toString('utf8');
    expect(svg).toMatch(/^<svg\b/);
    expect(svg).toContain('<title>增长曲线 — 代码生成</title>');
    expect(svg).toContain('<desc>100M · 人工整理; 1B · 人工整理; 10B · 人工整理; 随机猜测</desc>');
    expect(svg).not.toMatch(/<text\b/);
    expect(inkIn(rasterizeSvg(svg), { x: 0, y: 0, width: 800, height: 30 })).toBeGreaterThan(200);

    const pngRes = await get(`/growth/charts/growth-curve.png?studyId=${gridStudy}&ability=code&locale=zh-CN&parameters=1000000000`).expect(200);
    expect(pngRes.headers['content-type']).toBe('image/png');
    const png = decodePng(pngRes.body as Buffer);
    expect([png.width, png.height]).toEqual([1600, 800]);
    expect(inkIn(png, { x: 0, y: 0, width: 1600, height: 60 })).toBeGreaterThan(400); // the Chinese title
    expect(inkIn(png, { x: 0, y: 740, width: 1600, height: 60 })).toBeGreaterThan(100); // the legend
  });

  it('issue 13 item 7: score-by-epoch and the probe scatters as charts; bad chart names, formats and filters refused', async () => {
    // the page sends its selection along with the run (admin-ui growthApi.downloadChart)
    const epochs = (await get(`/growth/charts/score-by-epoch.svg?studyId=${gridStudy}&experimentId=${grid.experimentIds[0]}&locale=zh-CN`).expect(200)).body.toString('utf8');
    expect(epochs).toContain('<title>各轮得分 — ');
    expect(epochs).toContain('<desc>代码生成; 伦理; 历史</desc>'); // code, ethics, history: the stored order
    const scatter = (await get(`/growth/charts/transference.svg?studyId=${probeStudy}&against=${gridStudy}&locale=zh-CN`).expect(200)).body.toString('utf8');
    expect(scatter).toContain('<title>迁移度与数据量敏感度</title>');
    expect(scatter).toContain('<desc>能力; 最小二乘直线</desc>');
    const complexity = await get(`/growth/charts/complexity.png?studyId=${probeStudy}&against=${gridStudy}`).expect(200);
    expect(decodePng(complexity.body as Buffer).width).toBe(1600);

    const refused = async (url: string, status: number) => json<{ message: string }>(await get(url).expect(status)).message;
    expect(await refused(`/growth/charts/pie.svg?studyId=${gridStudy}`, 404)).toBe('No growth chart "pie.svg"; charts: growth-curve, score-by-epoch, complexity, transference, each as .svg or .png');
    expect(await refused(`/growth/charts/growth-curve.gif?studyId=${gridStudy}&ability=code`, 404)).toMatch(/^No growth chart "growth-curve\.gif"/);
    expect(await refused(`/growth/charts/growth-curve.svg?studyId=${gridStudy}&ability=code&locale=fr`, 400)).toBe('locale: expected one of en, zh-CN, got "fr"');
    expect(await refused(`/growth/charts/growth-curve.svg?studyId=${gridStudy}&ability=poetry`, 400)).toMatch(/^ability: no curve "poetry" in these runs; curves: code, ethics, history, average$/);
    expect(await refused(`/growth/charts/growth-curve.svg?studyId=${gridStudy}`, 400)).toMatch(/^ability: required/);
    expect(await refused(`/growth/charts/growth-curve.svg?studyId=${gridStudy}&ability=code&source=handmade`, 400)).toBe('source: expected curated and/or synthetic, got "handmade"');
    expect(await refused('/growth/charts/score-by-epoch.svg', 400)).toBe('experimentId: required: the run to draw');
    expect(await refused('/growth/charts/score-by-epoch.svg?experimentId=12', 400)).toBe('experimentId: "12" is not a UUID');
    await get(`/growth/charts/growth-curve.svg?studyId=${gridStudy}&ability=code`, annotator).expect(403);
  });

  it('issue 13 item 2: growth.updated reaches the `growth` room when a run\'s results land, naming the run and its studies', async () => {
    await t.app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const socket = io(url, { auth: { token: researcher.token }, transports: ['websocket'] });
    const refused = io(url, { auth: { token: annotator.token }, transports: ['websocket'] });
    try {
      const events: GrowthUpdatedEvent[] = [];
      socket.on('growth.updated', (e: GrowthUpdatedEvent) => events.push(e));
      await Promise.all([socket, refused].map((s) => new Promise<void>((res, rej) => s.on('connect', () => res()).on('connect_error', rej))));
      expect(await socket.emitWithAck('subscribe', { room: 'growth' })).toEqual({ ok: true, room: 'growth' });
      expect((await refused.emitWithAck('subscribe', { room: 'growth' })).ok).toBe(false);

      // what the evaluation runner calls once an evaluation's scores are committed (and the training runner when a run ends)
      await t.app.get(RunLandedHooks).emit(grid.experimentIds[3]);
      const until = Date.now() + 10_000;
      while (events.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(events).toEqual([{ experimentIds: [grid.experimentIds[3]], studyIds: [gridStudy] }]);
    } finally {
      socket.disconnect();
      refused.disconnect();
    }
  });
});

/** Pearson's r by its textbook formula (an independent check of the route's correlation). */
function pearson(points: { x: number; y: number }[]): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const syy = points.reduce((s, p) => s + (p.y - my) ** 2, 0);
  return sxy / Math.sqrt(sxx * syy);
}
