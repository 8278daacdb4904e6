/// <reference lib="dom" />
// Code passed to page.addInitScript() runs in the browser.
import { existsSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { DataSource } from 'typeorm';
import { createApp } from '../server/bootstrap';
import { stopEmbeddedDatabase } from '../server/database/resolve-database';
import { UsersService } from '../server/users/users.service';
import { benchDir, useEmbeddedDatabase } from './bench-env';
import { seedReviews } from './seed-reviews';

export interface DashboardBenchOptions {
  /** Decided items to seed (default 1M); `--items=20000` for a quick run. */
  decided: number;
  /** Navigations to take the median of. */
  runs: number;
  /** A folder to keep the seeded database in and reuse on the next run (`--keep=/tmp/pace-dash`); temporary when absent. */
  keep?: string;
  uiDir: string;
}

export function parseDashboardOptions(args: string[], uiDir: string): DashboardBenchOptions {
  const get = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  return { decided: Number(get('items') ?? 1_000_000), runs: Number(get('runs') ?? 7), keep: get('keep'), uiDir };
}

/** Sections whose content the first paint must hold: queue depth and pass rate (aria-labels, English). */
const FIRST = ['Queue depth', 'Pass rate per ability'];

/**
 * Installed before the app's scripts on every navigation: each animation frame it looks at the dashboard's cards and
 * records, as ms since the navigation started, when the FIRST ones and then every card show content (no spinner or
 * progress bar left inside any card, and the pass-rate chart or its empty text drawn).
 */
function watchDashboard(first: string[]): void {
  const w = window as unknown as { __dash: { first?: number; all?: number; waiting?: string[] } };
  w.__dash = {};
  const ready = (s: Element) => {
    if (s.querySelector('[role="progressbar"]')) return false;
    if (s.getAttribute('aria-label') === 'Pass rate per ability') return !!s.querySelector('.pace-bar-value') || s.textContent!.includes('No review round has been decided yet.');
    return true;
  };
  const tick = () => {
    const sections = [...document.querySelectorAll('main section[aria-label]')];
    const named = (n: string) => sections.find((s) => s.getAttribute('aria-label') === n);
    if (w.__dash.first === undefined && first.every((n) => named(n) && ready(named(n)!))) w.__dash.first = performance.now();
    w.__dash.waiting = sections.filter((s) => !ready(s)).map((s) => s.getAttribute('aria-label')!);
    if (w.__dash.first !== undefined && sections.length >= 8 && sections.every(ready)) {
      w.__dash.all = performance.now();
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The lead dashboard in Debian's chromium against a database seeded with `decided` decided items (bench/seed-reviews.ts):
 * signs in as a lead, then loads /dashboard `runs` times and prints the medians of first (queue depth and pass rate
 * drawn) and all (every card drawn), in ms from navigation start. Targets: first < 500 ms, all < 1.5 s at 1M.
 */
export async function runDashboardBench(o: DashboardBenchOptions): Promise<void> {
  const dir = o.keep ?? (await benchDir('pace-dash-bench-'));
  useEmbeddedDatabase(dir, { PACE_IN_PROCESS_WORKER: 'false', JWT_SECRET: 'bench-secret-bench-secret-bench-secret-00', LOGIN_RATE_LIMIT_PER_MIN: '1000' });
  if (o.keep) process.env.EMBEDDED_PG_PORT = '59123';
  const app = await createApp({ logger: ['error', 'warn'], uiDir: o.uiDir });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'] });
  try {
    await app.listen(0, '127.0.0.1');
    const baseURL = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const db = app.get(DataSource);
    const marker = join(dir, `seeded-${o.decided}`);
    if (!existsSync(marker)) {
      console.log(`dashboard: seeding ${o.decided.toLocaleString('en')} decided items and ${(2 * o.decided).toLocaleString('en')} reviews:`);
      await seedReviews(db, { decidedItems: o.decided, pendingItems: Math.min(100_000, o.decided / 10), annotators: 200, approveRate: 0.9, weeks: 12 }, console.log);
      if (o.keep) writeFileSync(marker, '');
    }
    const email = 'lead@bench.pace';
    const password = 'bench-lead-password';
    if ((await db.query(`SELECT 1 FROM users WHERE email = $1`, [email])).length === 0) {
      await app.get(UsersService).create({ email, name: 'Bench lead', role: 'lead', password }, null);
    }

    const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto('/login');
    await page.locator('input[name="username"]').fill(email);
    await page.locator('input[name="password"]').fill(password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.pathname !== '/login' && url.pathname !== '/');
    await page.addInitScript(watchDashboard, FIRST);

    // the API calls of the last navigation: when each was asked for and answered, in ms from the navigation's start
    let navStart = Date.now();
    let calls: { url: string; start: number; end?: number }[] = [];
    const asked = new Map<unknown, { url: string; start: number; end?: number }>();
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (!url.pathname.startsWith('/api/')) return;
      const call = { url: url.pathname + url.search, start: Date.now() - navStart };
      asked.set(r, call);
      calls.push(call);
    });
    page.on('response', (res) => {
      const call = asked.get(res.request());
      if (call) call.end = Date.now() - navStart;
    });
    const printCalls = () => {
      for (const c of calls) console.log(`    ${String(c.start).padStart(6)} → ${String(c.end ?? '…').padStart(6)} ms  ${c.url}`);
    };
    const first: number[] = [];
    const all: number[] = [];
    // one navigation to warm the browser's cache and the server, not counted
    for (let i = -1; i < o.runs; i++) {
      calls = [];
      navStart = Date.now();
      await page.goto('/dashboard');
      const t = (await (
        await page.waitForFunction(() => (window as unknown as { __dash: { all?: number } }).__dash.all !== undefined && (window as unknown as { __dash: unknown }).__dash, null, { timeout: 300_000 }).catch(async (e: Error) => {
          const state = await page.evaluate(() => JSON.stringify((window as unknown as { __dash: unknown }).__dash));
          printCalls();
          throw new Error(`${e.message}; the dashboard's state: ${state} at ${page.url()}`);
        })
      ).jsonValue()) as { first: number; all: number };
      if (i >= 0) {
        first.push(t.first);
        all.push(t.all);
      }
      if (i === o.runs - 1) printCalls();
      await page.goto('/items');
      await page.locator('.RaLayout-appFrame').waitFor();
    }
    const load = loadavg().map((l) => l.toFixed(2)).join(' ');
    console.log(`  first ${first.map((x) => x.toFixed(0)).join(' ')} ms; all ${all.map((x) => x.toFixed(0)).join(' ')} ms`);
    console.log(`dashboard: first ${median(first).toFixed(0)} ms, all ${median(all).toFixed(0)} ms   (${o.decided.toLocaleString('en')} decided items, median of ${o.runs}; load average ${load}; targets first < 500 ms, all < 1500 ms)`);
  } finally {
    await browser.close();
    await app.close();
    await stopEmbeddedDatabase();
    if (!o.keep) await rm(dir, { recursive: true, force: true });
  }
}
