import { rm } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { AgreementService } from '../server/agreement/agreement.service';
import { AuthSessionsRepository } from '../server/sessions/auth-sessions.repository';
import { TokensService } from '../server/auth/tokens.service';
import { createApp } from '../server/bootstrap';
import { ReviewQueriesService } from '../server/reviews/review-queries.service';
import { stopEmbeddedDatabase } from '../server/database/resolve-database';
import { seedReviews } from './seed-reviews';
import { benchDir, useEmbeddedDatabase } from './bench-env';

interface Options {
  decided: number;
  annotators: number;
  seconds: number;
  thinkMs: number;
}

function parse(args: string[]): Options {
  const get = (name: string, fallback: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
  return { decided: get('items', 1_000_000), annotators: get('annotators', 200), seconds: get('seconds', 20), thinkMs: get('think-ms', 1000) };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function report(label: string, ms: number[]): void {
  const s = [...ms].sort((a, b) => a - b);
  console.log(`  ${label.padEnd(16)} n ${String(s.length).padStart(6)}   p50 ${percentile(s, 50).toFixed(1)} ms   p95 ${percentile(s, 95).toFixed(1)} ms   p99 ${percentile(s, 99).toFixed(1)} ms`);
}

/**
 * `next` + `submit` latency with a reviewed corpus in the database (default 1M decided items, 2M reviews) under
 * concurrent simulated annotators, each asking for an item, reading it for a random think time, and deciding;
 * then the time to compute every agreement statistic. Targets on the 2-core machine: p99 < 50 ms, statistics < 2 s.
 */
export async function runReviewBench(args: string[]): Promise<void> {
  const o = parse(args);
  const dir = await benchDir('pace-bench-');
  useEmbeddedDatabase(dir, { PACE_IN_PROCESS_WORKER: 'false', JWT_SECRET: 'bench-secret-bench-secret-bench-secret-00' });
  const app = await createApp({ logger: ['error', 'warn'] });
  try {
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/api`;
    const db = app.get(DataSource);
    console.log(`seeding ${o.decided.toLocaleString('en')} decided items and ${(2 * o.decided).toLocaleString('en')} reviews:`);
    await seedReviews(db, { decidedItems: o.decided, pendingItems: 100_000, annotators: o.annotators, approveRate: 0.9, weeks: 12 }, console.log);

    const users: { id: string; email: string }[] = await db.query(`SELECT id, email FROM users WHERE role = 'annotator' ORDER BY email`);
    const tokens = app.get(TokensService);
    const sessions = await app.get(AuthSessionsRepository).startMany(users.map((u) => u.id), 'review bench');
    const auth = users.map((u) => `Bearer ${tokens.access({ id: u.id, email: u.email, role: 'annotator' }, sessions.get(u.id)!).accessToken}`);
    const post = async (i: number, path: string, body: unknown) => {
      const started = performance.now();
      const res = await fetch(`${base}${path}`, { method: 'POST', headers: { Authorization: auth[i], 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      const data = res.status === 200 ? await res.json() : await res.text();
      if (res.status !== 200 && res.status !== 204) throw new Error(`${path}: ${res.status} ${JSON.stringify(data)}`);
      return { ms: performance.now() - started, status: res.status, data };
    };

    console.log(`${users.length} annotators for ${o.seconds} s, think time ${o.thinkMs} ms on average (uniform 0–${2 * o.thinkMs} ms):`);
    const next: number[] = [];
    const submit: number[] = [];
    const deadline = Date.now() + o.seconds * 1000;
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await Promise.all(
      users.map(async (_, i) => {
        await sleep(Math.random() * o.thinkMs);
        for (let k = 0; Date.now() < deadline; k++) {
          const n = await post(i, '/reviews/next', {});
          next.push(n.ms);
          if (n.status === 204) return;
          await sleep(Math.random() * 2 * o.thinkMs);
          const approve = Math.random() < 0.9;
          const s = await post(i, `/reviews/${(n.data as { lease: { id: string } }).lease.id}/decision`, {
            decision: approve ? 'approve' : 'reject',
            reasons: approve ? [] : ['incorrect_answer'],
            idempotencyKey: `${i}-${k}`,
          });
          submit.push(s.ms);
        }
      }),
    );
    report('next', next);
    report('submit', submit);
    report('next + submit', [...next, ...submit]);
    console.log(`  ${((next.length + submit.length) / o.seconds).toFixed(0)} requests/s, ${(submit.length / o.seconds).toFixed(0)} decisions/s`);
    console.log(`p99 ${percentile([...next, ...submit].sort((a, b) => a - b), 99).toFixed(1)} ms   (target < 50 ms)`);

    const agreement = app.get(AgreementService);
    const started = performance.now();
    const parts: [string, () => Promise<unknown>][] = [
      ['by ability', () => agreement.summary({ groupBy: 'ability' })],
      ['by source', () => agreement.summary({ groupBy: 'source' })],
      ['by week', () => agreement.summary({ groupBy: 'week' })],
      ['overall', () => agreement.summary({ groupBy: 'none' })],
      ['pairwise κ', () => agreement.pairs({})],
      ['reviewers', () => agreement.reviewers({})],
    ];
    for (const [label, run] of parts) {
      const t0 = performance.now();
      await run();
      console.log(`  ${label.padEnd(12)} ${(performance.now() - t0).toFixed(0)} ms`);
    }
    console.log(`statistics ${((performance.now() - started) / 1000).toFixed(2)} s   (target < 2 s)`);
    const t0 = performance.now();
    await app.get(ReviewQueriesService).queueDepth();
    console.log(`queue depth per stage and ability ${(performance.now() - t0).toFixed(0)} ms`);
  } finally {
    await app.close();
    await stopEmbeddedDatabase();
    await rm(dir, { recursive: true, force: true });
  }
}
