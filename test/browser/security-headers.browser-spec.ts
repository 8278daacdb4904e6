/// <reference lib="dom" />
// Code passed to page.evaluate() runs in the browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cspViolationsOf, startBrowserApp, type BrowserApp } from './harness';

/**
 * Issue 14 item 8: the UI's pages carry the same headers as the API, the UI runs under its CSP (every browser test
 * fails on a violation: harness.ts), the Swagger UI at /api/docs too, and no page of Pace can be framed.
 */
describe('security headers on the UI pages (browser)', () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp();
  });
  afterAll(() => b?.close());

  it('sends the CSP, X-Frame-Options DENY, nosniff, no-referrer and no X-Powered-By on the index, a UI route and an asset', async () => {
    const index = await b.t.http.get('/').expect(200);
    const route = await b.t.http.get('/items').expect(200);
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index.text)?.[1];
    expect(script).toBeDefined();
    const asset = await b.t.http.get(script!).expect(200);
    for (const [name, res] of Object.entries({ index, route, asset })) {
      expect(res.headers['content-security-policy'], name).toMatch(/frame-ancestors 'none'/);
      expect(res.headers['content-security-policy'], name).not.toMatch(/unsafe-eval/);
      expect(res.headers['x-frame-options'], name).toBe('DENY');
      expect(res.headers['x-content-type-options'], name).toBe('nosniff');
      expect(res.headers['referrer-policy'], name).toBe('no-referrer');
      expect(res.headers['x-powered-by'], name).toBeUndefined();
    }
  });

  it('signs in and opens screens with charts and live updates under the CSP without a violation', async () => {
    const page = await b.newPage();
    await b.login(page, b.people.admin);
    for (const path of ['/dashboard', '/items', '/growth-curves', '/experiments']) {
      await page.goto(path);
      await page.locator('.RaLayout-appFrame').waitFor();
      await page.waitForLoadState('networkidle');
    }
    expect(cspViolationsOf(page)).toEqual([]);
  });

  it('the violation check sees an inline script, and the page is not run in a frame', async () => {
    const page = await b.newPage();
    await page.goto('/login');
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__ran = true';
      document.body.append(s);
    });
    expect(await page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran)).toBeUndefined();
    await expect.poll(() => cspViolationsOf(page, { expected: true }).join('\n')).toMatch(/script-src/);

    // Pace framing itself (a page elsewhere on a public origin may not even reach loopback): the frame is replaced by
    // the browser's error page, whose document the parent cannot read; without the headers it would be the login page
    const framed = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const frame = document.createElement('iframe');
          frame.src = '/login';
          frame.onload = () => {
            let doc: Document | null = null;
            try {
              doc = frame.contentDocument;
            } catch {
              doc = null;
            }
            resolve(doc ? `readable: ${doc.location.href}` : 'blocked');
          };
          document.body.append(frame);
        }),
    );
    expect(framed).toBe('blocked');
  });

  it('the API docs (Swagger UI) render under their CSP without a violation', async () => {
    const page = await b.newPage();
    const res = await page.goto('/api/docs');
    expect(res?.headers()['content-security-policy']).toMatch(/default-src 'self'/);
    await page.locator('.swagger-ui .info .title').waitFor();
    // Swagger UI renders a long operation list virtually (only the operations near the viewport are in the page):
    // the first tag's operations show, and after scrolling to the end so do the last tag's
    await expect.poll(() => page.locator('.opblock').count()).toBeGreaterThan(5);
    await page.locator('#operations-tag-auth').waitFor();
    await expect
      .poll(async () => {
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        return page.locator('#operations-tag-health').count();
      })
      .toBe(1);
    expect(cspViolationsOf(page)).toEqual([]);
  });
});
