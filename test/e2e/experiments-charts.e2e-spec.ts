import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPeople, type Person } from '../utils/people';
import { decodePng, inkIn, rasterizeSvg, region, type Box } from '../utils/png';
import { createTestApp, type TestApp } from '../utils/test-app';
import { evaluationItems, seedEvaluationExperiment } from './evaluations-fixtures';

/** The default chart size (800 × 400); the title is centred in its top 40 px, where nothing else is drawn. */
const TITLE_BAND: Box = { x: 0, y: 0, width: 800, height: 40 };
const scaled = (b: Box, k: number): Box => ({ x: b.x * k, y: b.y * k, width: b.width * k, height: b.height * k });

// issue 12 item 4: an experiment's loss curve exported over HTTP as SVG and PNG, drawn with the project's CJK font.
describe('experiment charts: GET /api/experiments/:id/charts/loss.svg|png', () => {
  let t: TestApp;
  let researcher: Person;
  let annotator: Person;
  let experimentId: string;
  let emptyId: string;

  const get = (url: string, who: Person | null = researcher) => {
    const req = t.http.get(`/api${url}`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    return who ? req.set(...who.auth) : req;
  };
  const message = (res: Response) => JSON.parse((res.body as Buffer).toString('utf8')).message as string;

  beforeAll(async () => {
    t = await createTestApp();
    [researcher] = await createPeople(t, 'researcher', 1);
    [annotator] = await createPeople(t, 'annotator', 1);
    const items = evaluationItems(['history']).slice(0, 2);
    ({ experimentId } = await seedEvaluationExperiment(t.db, { modelPath: '/nonexistent', checkpoints: {}, items }));
    await t.db.query(`UPDATE experiments SET name = '历史能力 · 小模型' WHERE id = $1`, [experimentId]);
    await t.db.query(
      `INSERT INTO training_steps (experiment_id, step, epoch, loss, lr) SELECT $1, s, 1 + s / 60, 2.5 * exp(-s / 40.0) + 0.2, 1e-5 FROM generate_series(1, 120) s`,
      [experimentId],
    );
    ({ experimentId: emptyId } = await seedEvaluationExperiment(t.db, { modelPath: '/nonexistent', checkpoints: {}, items }));
  });
  afterAll(() => t.close());

  it('serves the SVG with its text as outlines: the Chinese title shows with no font at all, per locale', async () => {
    const zh = await get(`/experiments/${experimentId}/charts/loss.svg?locale=zh-CN`).expect(200);
    expect(zh.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(zh.headers['content-disposition']).toBe(`inline; filename="experiment-${experimentId}-loss.svg"`);
    expect(zh.headers['cache-control']).toBe('no-store');
    const svg = (zh.body as Buffer).toString('utf8');
    expect(svg).toMatch(/^<svg\b/);
    expect(svg).toContain('<title>训练损失 — 历史能力 · 小模型</title>');
    expect(svg).not.toMatch(/<text\b/);
    const drawn = rasterizeSvg(svg);
    expect(inkIn(drawn, TITLE_BAND)).toBeGreaterThan(500);

    const en = (await get(`/experiments/${experimentId}/charts/loss.svg?locale=en`).expect(200)).body.toString('utf8');
    expect(en).toContain('<title>Training loss — 历史能力 · 小模型</title>');
    expect(region(rasterizeSvg(en), TITLE_BAND).equals(region(drawn, TITLE_BAND))).toBe(false);
    // no locale: English
    expect((await get(`/experiments/${experimentId}/charts/loss.svg`).expect(200)).body.toString('utf8')).toBe(en);
  });

  it('serves the PNG at twice the chart size with the Chinese title drawn, and one for a run with no step yet', async () => {
    const res = await get(`/experiments/${experimentId}/charts/loss.png?locale=zh-CN`).expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toBe(`inline; filename="experiment-${experimentId}-loss.png"`);
    const png = decodePng(res.body as Buffer);
    expect([png.width, png.height]).toEqual([1600, 800]);
    expect(inkIn(png, scaled(TITLE_BAND, 2))).toBeGreaterThan(1500);
    // the curve itself: the loss line's blue is drawn in the plot area
    let blue = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i] < 40 && png.data[i + 1] > 90 && png.data[i + 1] < 140 && png.data[i + 2] > 150) blue++;
    expect(blue).toBeGreaterThan(1000);

    const empty = decodePng((await get(`/experiments/${emptyId}/charts/loss.png?locale=zh-CN`).expect(200)).body as Buffer);
    expect(inkIn(empty, scaled(TITLE_BAND, 2))).toBeGreaterThan(1000);
  });

  it('refuses what it cannot serve, naming it: unknown experiment or chart, bad locale, bad id; only curators', async () => {
    const unknown = await get('/experiments/00000000-0000-0000-0000-000000000000/charts/loss.svg').expect(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/json/);
    expect(message(unknown)).toMatch(/00000000-0000-0000-0000-000000000000/);
    expect(message(await get(`/experiments/${experimentId}/charts/accuracy.svg`).expect(404))).toBe(
      'No chart "accuracy.svg" for an experiment; charts: loss.svg, loss.png',
    );
    expect(message(await get(`/experiments/${experimentId}/charts/loss.pdf`).expect(404))).toMatch(/^No chart "loss\.pdf"/);
    expect(message(await get(`/experiments/${experimentId}/charts/loss.png?locale=fr`).expect(400))).toBe('locale: expected one of en, zh-CN, got "fr"');
    await get('/experiments/not-a-uuid/charts/loss.svg').expect(400);
    await get(`/experiments/${experimentId}/charts/loss.svg`, annotator).expect(403);
    await get(`/experiments/${experimentId}/charts/loss.png`, null).expect(401);
  });
});
