/**
 * Browser-test harness: the real app (API + built UI) on a free port and Debian's chromium driven by Playwright.
 *
 *   let b: BrowserApp;
 *   beforeAll(async () => { b = await startBrowserApp(); });          // one per spec file; env overrides optional
 *   afterAll(() => b?.close());
 *
 *   const page = await b.newPage();            // fresh context (empty storage), closed when the test ends
 *   await b.login(page, b.people.researcher);   // through the real login form
 *   await b.shot(page, 'items-list');           // test/artifacts/<spec>/<nn>-items-list.png
 *   const ids = await b.seedItems({ count: 3, messages: (n) => [...] });   // test/factories/items.ts, custom text
 *   await b.as(b.people.lead).post('/api/revisions/assign').send({ itemIds: ids });   // the API as anyone
 *   const ms = await timeUntilVisible(page, () => page.keyboard.press('j'), { text: 'next item' });
 *
 * `b.people` has one user of each role with its password and a bearer token (`auth` for supertest's `.set`);
 * `b.t` is a TestApp, so the helpers in test/utils (createPeople, lease/decide/review) work on this app too.
 * A failed test leaves a screenshot of each of its pages and their console errors beside the other artifacts.
 */
import type { INestApplication } from '@nestjs/common';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { expect, onTestFinished } from 'vitest';
import { createApp } from '../../server/bootstrap';
import { resetEnvCache } from '../../server/config/env';
import { UsersService } from '../../server/users/users.service';
import type { Role } from '../../server/users/user.entity';
import { insertItems, type ItemSeed } from '../factories/items';
import type { Person } from '../utils/people';
import type { TestApp } from '../utils/test-app';
import { createTestDatabase } from '../utils/test-database';
import { ARTIFACTS_DIR, CHROMIUM_PATH, ROOT, UI_DIR } from './paths';

export { timeUntilVisible, platformFonts } from './page-tools';

/** A user who can sign in through the form (`email`, `password`) and call the API (`token`, `auth`). */
export interface BrowserUser extends Person {
  email: string;
  password: string;
}

export interface Message {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface BrowserApp {
  /** `http://127.0.0.1:<port>`: the UI at `/`, the API at `/api`. */
  baseUrl: string;
  /** The app as test/utils sees it (`t.db`, `t.http`, `t.app`), for createPeople, lease, review, … */
  t: TestApp;
  db: DataSource;
  people: Record<Role, BrowserUser>;
  browser: Browser;
  /** A page in a fresh browser context (no storage), 1280×800, English; closed when the current test ends. */
  newPage(opts?: { locale?: string; viewport?: { width: number; height: number } }): Promise<Page>;
  /** Signs in through the login form and waits for the signed-in layout on the role's first screen. */
  login(page: Page, user: Pick<BrowserUser, 'email' | 'password'>): Promise<void>;
  /** Saves a full-page screenshot as test/artifacts/<spec>/<nn>-<name>.png; returns its path. */
  shot(page: Page, name: string): Promise<string>;
  /** Items straight in the database (test/factories/items.ts); `messages(n)` replaces the n-th item's text (n from 1). */
  seedItems(seed: ItemSeed & { messages?: (n: number) => Message[] }): Promise<number[]>;
  /** Supertest on the running app with this user's bearer token. */
  as(user: Pick<Person, 'token'>): {
    get(path: string): request.Test;
    post(path: string): request.Test;
    put(path: string): request.Test;
    patch(path: string): request.Test;
    delete(path: string): request.Test;
  };
  /** Another user of a role, with a password (for tests that need two annotators, say). */
  createUser(role: Role, name?: string): Promise<BrowserUser>;
  close(): Promise<void>;
}

const VIOLATIONS = new WeakMap<Page, string[]>();
const EXPECTED_VIOLATIONS = new WeakSet<Page>();

/**
 * The CSP violations a page of newPage() reported so far. Any violation fails the test, unless the test calls this
 * with `{ expected: true }` because it provokes them on purpose (to show the check sees them).
 */
export function cspViolationsOf(page: Page, opts: { expected?: boolean } = {}): string[] {
  if (opts.expected) EXPECTED_VIOLATIONS.add(page);
  return VIOLATIONS.get(page) ?? [];
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

const ROLES: Role[] = ['admin', 'lead', 'annotator', 'researcher'];

/** Debian's chromium, headless, with a temporary profile of its own (Playwright's default); no app needed. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Starts the app on a database cloned from the template (the browser project's global setup made it), serving the
 * built UI on a free loopback port, and launches chromium. `env` overrides the app's environment (for example
 * `ACCESS_TOKEN_TTL_S`).
 */
export async function startBrowserApp(opts: { env?: Record<string, string> } = {}): Promise<BrowserApp> {
  const spec = specName();
  const artifacts = join(ARTIFACTS_DIR, spec);
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });

  const database = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'pace-browser-'));
  const envOverrides = {
    DATABASE_URL: database.url,
    PACE_DATA_DIR: dataDir,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    NODE_ENV: 'test',
    // The limit counts failed sign-ins per address: a test's wrong password on purpose must not limit the next test's.
    LOGIN_RATE_LIMIT_PER_MIN: '1000',
    ...opts.env,
  };
  Object.assign(process.env, envOverrides);
  resetEnvCache();
  const app: INestApplication = await createApp({ logger: ['error'], uiDir: UI_DIR });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const http = request(app.getHttpServer());
  const db = app.get(DataSource);
  const browser = await launchChromium();

  let userCount = 0;
  const createUser = async (role: Role, name: string = role): Promise<BrowserUser> => {
    const email = `${role}-${++userCount}@browser.pace`;
    const password = `${role}-password-123`;
    const user = await app.get(UsersService).create({ email, name, role, password }, null);
    const res = await http.post('/api/auth/login').send({ email, password });
    if (res.status !== 200) throw new Error(`cannot sign in as the new ${role}: ${res.status} ${JSON.stringify(res.body)}`);
    const token: string = res.body.accessToken;
    return { id: user.id, name, role, email, password, token, auth: ['Authorization', `Bearer ${token}`] };
  };
  const people = {} as Record<Role, BrowserUser>;
  for (const role of ROLES) people[role] = await createUser(role);

  const t: TestApp = {
    app,
    http,
    db,
    databaseUrl: database.url,
    dataDir,
    async tokenFor(role) {
      return people[role].token;
    },
    userId(role) {
      return people[role].id;
    },
    close: () => close(),
  };

  let shots = 0;
  const shot = async (page: Page, name: string): Promise<string> => {
    const file = join(artifacts, `${String(++shots).padStart(2, '0')}-${name.replace(/[^\w.-]+/g, '-')}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  };

  const reportFailure = async (page: Page, test: string, consoleErrors: string[]) => {
    let screenshot: string;
    try {
      screenshot = relative(ROOT, await shot(page, `FAILED-${test}`));
    } catch (e) {
      screenshot = `none (${(e as Error).message})`;
    }
    const report = [`test: ${test}`, `url: ${page.url()}`, `screenshot: ${screenshot}`, ...consoleErrors].join('\n');
    writeFileSync(join(artifacts, `${String(shots).padStart(2, '0')}-FAILED.txt`), report + '\n');
    console.error(`\n[browser] ${report}\n`);
  };

  const contexts = new Set<BrowserContext>();
  const newPage: BrowserApp['newPage'] = async ({ locale = 'en-US', viewport = { width: 1280, height: 800 } } = {}) => {
    const context = await browser.newContext({ baseURL: baseUrl, locale, viewport, timezoneId: 'UTC' });
    contexts.add(context);
    const page = await context.newPage();
    // Fail in seconds with the locator named rather than at the test's timeout.
    page.setDefaultTimeout(10_000);
    const consoleErrors: string[] = [];
    // issue 14 item 8: any Content-Security-Policy violation fails the test that caused it (see cspViolationsOf)
    const violations: string[] = [];
    VIOLATIONS.set(page, violations);
    await context.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline code'} (${e.sourceFile || 'page'}:${e.lineNumber})`),
      ),
    );
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`console.error: ${m.text()}`);
      if (/^CSP violation|Content Security Policy/.test(m.text())) violations.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.stack ?? e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400) consoleErrors.push(`http ${r.status()}: ${r.request().method()} ${r.url()}`);
    });
    page.on('requestfailed', (r) => consoleErrors.push(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
    const closePage = async () => {
      contexts.delete(context);
      await context.close().catch(() => undefined);
    };
    try {
      onTestFinished(async ({ task }) => {
        const unexpected = EXPECTED_VIOLATIONS.has(page) ? [] : violations;
        if (task.result?.state === 'fail' || unexpected.length) await reportFailure(page, task.name, consoleErrors);
        await closePage();
        if (unexpected.length) throw new Error(`Content-Security-Policy violations on the page:\n${unexpected.join('\n')}`);
      });
    } catch {
      // Called outside a test (beforeAll): the page lives until close().
    }
    return page;
  };

  const login: BrowserApp['login'] = async (page, user) => {
    if (!page.url().endsWith('/login')) await page.goto('/login');
    await page.locator('input[name="username"]').fill(user.email);
    await page.locator('input[name="password"]').fill(user.password);
    await page.locator('button[type="submit"]').click();
    // `/` redirects to the role's first screen once permissions load: a click before that would be undone by it
    await page.waitForURL((url) => url.pathname !== '/login' && url.pathname !== '/');
    await page.locator('.RaLayout-appFrame').waitFor();
  };

  const seedItems: BrowserApp['seedItems'] = async ({ messages, ...seed }) => {
    const ids = await insertItems(db, seed);
    if (messages) {
      for (const [i, id] of ids.entries()) {
        await db.query('UPDATE items SET messages = $2::jsonb WHERE id = $1', [id, JSON.stringify(messages(i + 1))]);
      }
    }
    return ids;
  };

  const as: BrowserApp['as'] = (user) => {
    const auth = `Bearer ${user.token}`;
    return {
      get: (path) => http.get(path).set('Authorization', auth),
      post: (path) => http.post(path).set('Authorization', auth),
      put: (path) => http.put(path).set('Authorization', auth),
      patch: (path) => http.patch(path).set('Authorization', auth),
      delete: (path) => http.delete(path).set('Authorization', auth),
    };
  };

  let closed = false;
  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser.close();
    await app.close();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
    for (const k of Object.keys(envOverrides)) delete process.env[k];
    resetEnvCache();
  }

  return { baseUrl, t, db, people, browser, newPage, login, shot, seedItems, as, createUser, close };
}

/** `auth` for test/browser/auth.browser-spec.ts: the spec file's name without its suffix. */
function specName(): string {
  const path = expect.getState().testPath;
  if (!path) throw new Error('startBrowserApp() must be called from a spec file (in beforeAll)');
  return basename(path).replace(/\.browser-spec\.ts$/, '');
}
