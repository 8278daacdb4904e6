/// <reference lib="dom" />
// Code passed to page.evaluate() runs in the browser.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide, lease, review } from '../utils/reviews';
import { startBrowserApp, type BrowserApp, type BrowserUser } from './harness';

/** The cells of the row headed `name` in the table labelled `table`, as the page shows them. */
async function rowCells(page: Page, table: string, name: string): Promise<string[]> {
  const row = page.getByRole('table', { name: table, exact: true }).getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  return (await row.getByRole('cell').allTextContents()).map((s) => s.trim());
}

const card = (page: Page, stage: string): Locator => page.getByRole('group', { name: stage, exact: true });

describe('lead dashboard, live (browser)', () => {
  let b: BrowserApp;
  let ann: BrowserUser;
  let bo: BrowserUser;
  let history: string;

  beforeAll(async () => {
    // agreement.updated pushed 300 ms after a decision instead of 5 s
    b = await startBrowserApp({ env: { LIVE_STATS_INTERVAL_MS: '300' } });
    await b.seedItems({ count: 5, ability: 'history' });
    [{ history }] = await b.db.query(`SELECT name_en AS history FROM abilities WHERE key = 'history'`);
    ann = await b.createUser('annotator', 'Ann');
    bo = await b.createUser('annotator', 'Bo');
  });
  afterAll(() => b?.close());

  it('updates as annotators decide, without a reload, and lets the lead pause and take work back', async () => {
    const page = await b.newPage({ viewport: { width: 1440, height: 900 } });
    await b.login(page, b.people.lead);
    await page.goto('/dashboard');
    await expect.poll(() => card(page, 'Filtering').innerText()).toContain('5');
    await page.getByText('No review round has been decided yet.').first().waitFor();
    await page.getByText('No decided round has two different decisions.').waitFor();
    expect(await rowCells(page, 'Annotators', 'Ann')).toEqual(['0', '0', '0', '—', '—', '—', '—', '0', 'Working', 'Pause']);
    await page.evaluate(() => ((window as unknown as { dashboardMarker: number }).dashboardMarker = 1));
    await b.shot(page, 'dashboard-before');

    // Two items through the API: both approve the first; Ann approves and Bo rejects the second.
    const decided: number[] = [];
    for (const [annSays, boSays] of [
      ['approve', 'approve'],
      ['approve', 'reject'],
    ] as const) {
      const mine = await review(b.t, ann, annSays);
      const his = await lease(b.t, bo);
      expect(his.round.id).toBe(mine.round.id);
      await decide(b.t, bo, his.lease.id, boSays).expect(200);
      decided.push(mine.item.id);
    }

    // queue.depth: two items left filtering
    await expect.poll(() => card(page, 'Filtering').innerText(), { timeout: 15_000 }).toContain('3');
    // agreement.updated: the pass rate and agreement per ability
    await page.getByRole('table', { name: 'Agreement per ability', exact: true }).getByRole('rowheader', { name: history }).waitFor({ timeout: 15_000 });
    expect((await rowCells(page, 'Agreement per ability', history))[0]).toBe('2');
    await expect.poll(() => page.getByRole('region', { name: 'Pass rate per ability' }).getByRole('listitem', { name: `${history}: 50% of 2 decided rounds`, exact: true }).count()).toBe(1);
    // round.decided → per-annotator figures, pairs and disagreements fetched again
    await expect.poll(() => rowCells(page, 'Annotators', 'Ann'), { timeout: 15_000 }).toEqual(['2', '2', '2', expect.any(String), '50%', expect.any(String), '100%', '0', 'Working', 'Pause']);
    expect((await rowCells(page, 'Annotators', 'Bo')).slice(0, 3)).toEqual(['2', '2', '2']);
    await expect.poll(() => page.getByLabel(/^Ann × Bo: κ/).count()).toBe(1);
    const disagreement = page.getByRole('region', { name: 'Disagreements' }).getByRole('link', { name: `#${decided[1]}` });
    await disagreement.waitFor({ timeout: 15_000 });
    expect(await disagreement.getAttribute('href')).toBe(`/items/${decided[1]}/show`);
    expect(await page.evaluate(() => (window as unknown as { dashboardMarker?: number }).dashboardMarker)).toBe(1);
    await b.shot(page, 'dashboard-after-decisions');

    // Pause Bo from the table: his status changes and he gets no new work.
    await page.getByRole('button', { name: 'Pause Bo' }).click();
    await page.getByText('Bo is paused; 0 leases went back to the pool').waitFor();
    await expect.poll(async () => (await rowCells(page, 'Annotators', 'Bo')).slice(-2)).toEqual(['Paused', 'Resume']);
    expect((await b.as(bo).post('/api/reviews/next').send({})).status).toBe(403);

    // Ann takes the next item; the lead sends it back to the pool and her late decision is refused.
    const held = await lease(b.t, ann);
    const giveTo = page.getByRole('combobox', { name: `Give to #${held.item.id}` });
    await giveTo.waitFor({ timeout: 15_000 });
    await b.shot(page, 'dashboard-held-work');
    await page.getByRole('button', { name: `Reassign #${held.item.id}` }).click();
    await page.getByText('Back in the pool').waitFor();
    await decide(b.t, ann, held.lease.id, 'approve').expect(410);
    await expect.poll(() => giveTo.count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { dashboardMarker?: number }).dashboardMarker)).toBe(1);
    await b.shot(page, 'dashboard-after-actions');
  });
});
