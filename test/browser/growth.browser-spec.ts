/// <reference lib="dom" />
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedGrowthGrid, type SeededRun } from '../utils/growth-runs';
import { startBrowserApp, type BrowserApp } from './harness';

/**
 * issue 13 items 2 and 7, in a real browser: the growth-curve page draws the server's chart spec with ECharts (SVG
 * renderer, so its legend and title are text in the page), and the model-size and source toggles take lines out and
 * back. The runs are stored straight in PostgreSQL (test/utils/growth-runs.ts) and read through GET /api/growth.
 */
const SIZES = [1e8, 2e9];
const VOLUMES = [1, 4, 16, 64];
const RUNS: SeededRun[] = SIZES.flatMap((parameters) => (['curated', 'synthetic'] as const).flatMap((source) => VOLUMES.map((volume) => ({ parameters, source, volume, seed: 1 }))));
const score = (_ability: string, run: SeededRun, epoch: number) => 0.25 + 0.07 * Math.log(run.volume) + (run.parameters > 1e9 ? 0.08 : 0) - (run.source === 'synthetic' ? 0.05 : 0) - (epoch === 2 ? 0 : 0.03);

const ALL = ['100M · curated', '100M · synthetic', '2B · curated', '2B · synthetic', 'Random guess'];

/** The figure's series (its spec's legend) and the legend and title text ECharts drew in its SVG. */
async function drawn(figure: Locator) {
  const series = JSON.parse((await figure.getAttribute('data-series')) ?? '[]') as string[];
  const text = (await figure.locator('svg text').allTextContents()).map((s) => s.trim());
  return { series, text };
}

describe('growth-curve page (browser)', () => {
  let b: BrowserApp;
  let path: string;
  let history: string;

  beforeAll(async () => {
    b = await startBrowserApp();
    const grid = await seedGrowthGrid(b.db, { abilities: ['history'], runs: RUNS, score, items: 60 });
    [{ history }] = await b.db.query(`SELECT name_en AS history FROM abilities WHERE key = 'history'`);
    path = `/growth-curves?experimentIds=${grid.experimentIds.join(',')}`;
  });
  afterAll(() => b?.close());

  async function openChart(page: Page, curve: string): Promise<Locator> {
    await page.goto(path);
    const figure = page.getByRole('figure', { name: curve });
    await figure.locator('svg').first().waitFor({ timeout: 30_000 });
    return figure;
  }

  it('draws one line per model size × source with the random-guess line, and toggling a size and a source takes their lines out and back', async () => {
    const page = await b.newPage({ viewport: { width: 1440, height: 1000 } });
    await b.login(page, b.people.researcher);
    const figure = await openChart(page, `Growth curve of ${history}`);
    await expect.poll(async () => (await drawn(figure)).series).toEqual(ALL);
    const first = await drawn(figure);
    expect(first.text).toEqual(expect.arrayContaining([`Growth curve — ${history}`, ...ALL]));
    // the base-4 log axis: 1, 4, 16, 64 as ticks
    expect(first.text).toEqual(expect.arrayContaining(['1', '4', '16', '64']));
    await b.shot(page, 'growth-all-lines');

    const sizes = page.getByRole('group', { name: 'Model sizes' });
    await sizes.getByRole('checkbox', { name: '2B' }).click();
    await expect.poll(async () => (await drawn(figure)).series).toEqual(['100M · curated', '100M · synthetic', 'Random guess']);
    await expect.poll(async () => (await drawn(figure)).text.filter((t) => t.startsWith('2B'))).toEqual([]);

    const sources = page.getByRole('group', { name: 'Data sources' });
    await sources.getByRole('checkbox', { name: 'Synthetic' }).click();
    await expect.poll(async () => (await drawn(figure)).series).toEqual(['100M · curated', 'Random guess']);
    await expect.poll(async () => (await drawn(figure)).text.filter((t) => t.includes('synthetic'))).toEqual([]);
    await b.shot(page, 'growth-100M-curated-only');

    await sizes.getByRole('checkbox', { name: '2B' }).click();
    await sources.getByRole('checkbox', { name: 'Synthetic' }).click();
    await expect.poll(async () => (await drawn(figure)).series).toEqual(ALL);
    await expect.poll(async () => (await drawn(figure)).text).toEqual(expect.arrayContaining(ALL));

    // a legend click is ECharts' own toggle of one line
    await figure.locator('svg text', { hasText: '100M · synthetic' }).click();
    await expect.poll(async () => JSON.parse((await figure.getAttribute('data-hidden')) ?? '[]')).toEqual(['100M · synthetic']);
    await b.shot(page, 'growth-legend-toggled');
  });

  it('draws the chart in Chinese, CJK labels included', async () => {
    const page = await b.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 1000 } });
    await b.login(page, b.people.lead);
    const figure = await openChart(page, '历史 的增长曲线');
    await expect.poll(async () => (await drawn(figure)).text).toEqual(expect.arrayContaining(['增长曲线 — 历史', '100M · 人工整理', '2B · 合成', '随机猜测']));
    await b.shot(page, 'growth-zh-CN');
  });
});
