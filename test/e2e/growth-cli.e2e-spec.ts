import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedGrowthGrid, type SeededRun } from '../utils/growth-runs';
import { decodePng, inkIn } from '../utils/png';
import { exitOf, spawnTs } from '../utils/spawn-ts';
import { createTestApp, type TestApp } from '../utils/test-app';

// issue 13 item 7: the growth curves, CSV and charts from `npm run cli -- growth …`, on seeded runs
describe('npm run cli -- growth curves|csv|chart', () => {
  let t: TestApp;
  let out: string;
  let ids: string;

  beforeAll(async () => {
    t = await createTestApp();
    out = await mkdtemp(join(tmpdir(), 'pace-cli-growth-'));
    // history rises by 0.05 per ln(item), code stays flat
    const runs = [4, 16, 64, 256].map((volume): SeededRun => ({ parameters: 7e9, source: 'curated', volume, seed: 1 }));
    const grid = await seedGrowthGrid(t.db, { abilities: ['history', 'code'], runs, items: 400, score: (a, r) => (a === 'history' ? 0.2 + 0.05 * Math.log(r.volume) : 0.4) });
    ids = grid.experimentIds.join(',');
  });
  afterAll(async () => {
    await t?.close();
    if (out) await rm(out, { recursive: true, force: true });
  });

  const cli = async (args: string[]) => {
    const child = spawnTs('server/cli/main.ts', ['growth', ...args], { DATABASE_URL: process.env.DATABASE_URL!, PACE_DATA_DIR: t.dataDir });
    const code = await exitOf(child);
    return { code, output: child.output() };
  };

  it('prints each curve with its points and each ability\'s class', async () => {
    const { code, output } = await cli(['curves', '--experiments', ids]);
    expect(code, output).toBe(0);
    expect(output).toContain('4 runs, best checkpoint at epoch ≥ 1');
    // 0.2 + 0.05·ln(v) as right answers out of 400 items: 108, 135, 163, 191 — 40.75 % and 47.75 % sit exactly
    // half-way, and their binary doubles round to one decimal either way
    expect(output).toMatch(/^history\s+7B\s+curated\s+0\s+4: 27\.0, 16: 33\.8, 64: 40\.[78], 256: 47\.[78]$/m);
    expect(output).toMatch(/^history\s+responsive\s+0\.0(49|50)\d \(±0\.000\d\)/m);
    expect(output).toMatch(/^code\s+resistant\s+/m);
  });

  it('writes the points CSV and a zh-CN growth-curve PNG; a bad flag is named and exits 1', async () => {
    const csvFile = join(out, 'points.csv');
    const csv = await cli(['csv', 'points', '--experiments', ids, '--out', csvFile]);
    expect(csv.code, csv.output).toBe(0);
    const rows = (await readFile(csvFile, 'utf8')).trimEnd().split('\r\n');
    expect(rows).toHaveLength(1 + 4 * 3); // 4 runs × (history, code, average)
    expect(csv.output).toContain(`wrote ${csvFile} (12 rows)`);

    const pngFile = join(out, 'history.png');
    const png = await cli(['chart', 'growth-curve', '--experiments', ids, '--ability', 'history', '--format', 'png', '--locale', 'zh-CN', '--out', pngFile]);
    expect(png.code, png.output).toBe(0);
    const pixels = decodePng(await readFile(pngFile));
    expect([pixels.width, pixels.height]).toEqual([1600, 800]);
    expect(inkIn(pixels, { x: 0, y: 0, width: 1600, height: 60 })).toBeGreaterThan(400); // 增长曲线 — 历史

    const forecastsFile = join(out, 'forecasts.csv');
    const forecasts = await cli(['csv', 'forecasts', '--experiments', ids, '--out', forecastsFile]);
    expect(forecasts.code, forecasts.output).toBe(0);
    expect(await readFile(forecastsFile, 'utf8')).toMatch(/^ability,parameters,source,volume,run,experiment_id,predicted,/); // none recorded: the header

    const bad = await cli(['curves', '--experiments', 'abc']);
    expect(bad.code).toBe(1);
    expect(bad.output).toContain('experimentIds: "abc" is not a UUID');
  });
});
