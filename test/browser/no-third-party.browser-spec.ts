/// <reference lib="dom" />
// Code passed to page.evaluate() runs in the browser.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/users/user.entity';
import { startBrowserApp, type BrowserApp } from './harness';

const ROLES: Role[] = ['admin', 'lead', 'researcher', 'annotator'];

/**
 * issue 11 item 7: Pace makes no request outside its deployment. react-admin's telemetry loaded an image from
 * react-admin-telemetry.marmelab.com on every page load. Every request of the page (documents, scripts, styles, fonts,
 * images, fetches, socket.io) goes through one route: the server's own pass, any other host is aborted (nothing leaves
 * the machine) and listed, and the list must stay empty while each role signs in and opens every screen of its menu.
 */
describe('no request leaves the deployment (browser)', () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp();
    // Screens with something on them: lists, the workspace's next item.
    await b.seedItems({ count: 3 });
  });
  afterAll(() => b?.close());

  /** A page whose every request to another origin is aborted and recorded; `settled()` waits until it is quiet. */
  async function watchedPage() {
    const page = await b.newPage();
    const own = new URL(b.baseUrl).origin;
    const foreign: string[] = [];
    let inFlight = 0;
    let lastActivity = Date.now();
    await page.context().route('**/*', async (route) => {
      const url = route.request().url();
      if (new URL(url).origin === own) return route.continue();
      foreign.push(`${route.request().resourceType()} ${url}`);
      await route.abort('blockedbyclient');
    });
    page.on('websocket', (ws) => {
      const url = new URL(ws.url());
      if (url.host !== new URL(own).host) foreign.push(`websocket ${ws.url()}`);
    });
    page.on('request', () => {
      inFlight++;
      lastActivity = Date.now();
    });
    const done = () => {
      inFlight--;
      lastActivity = Date.now();
    };
    page.on('requestfinished', done);
    page.on('requestfailed', done);
    /** No request in flight for 300 ms (at most 10 s): late beacons and lazy chunks have had their chance. */
    const settled = async () => {
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && (inFlight > 0 || Date.now() - lastActivity < 300)) await page.waitForTimeout(50);
    };
    return { page, foreign, settled };
  }

  async function openEveryScreen(page: Page, settled: () => Promise<void>): Promise<string[]> {
    const links = page.locator('.RaMenuItemLink-root');
    await links.first().waitFor();
    const hrefs = await links.evaluateAll((els) => els.map((el) => el.getAttribute('href') ?? ''));
    for (const [i, href] of hrefs.entries()) {
      await links.nth(i).click();
      await page.waitForURL((url) => url.pathname.startsWith(href));
      await page.locator('.RaLayout-content').waitFor();
      await settled();
    }
    return hrefs;
  }

  it.each(ROLES)('%s signs in and opens every screen of the menu without calling another host', async (role) => {
    const { page, foreign, settled } = await watchedPage();
    await page.goto('/login');
    await settled();
    await b.login(page, b.people[role]);
    const screens = await openEveryScreen(page, settled);
    expect(screens.length).toBeGreaterThan(0);
    // A full reload of a screen starts the app again (where the telemetry beacon fired).
    await page.reload();
    await page.locator('.RaLayout-content').waitFor();
    await settled();
    expect(foreign).toEqual([]);
  });

  it('the API documentation page calls no other host either', async () => {
    const { page, foreign, settled } = await watchedPage();
    await page.goto('/api/docs');
    await page.locator('.swagger-ui').first().waitFor();
    await settled();
    expect(foreign).toEqual([]);
  });
});
