import { spawn, type ChildProcess } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { TokensService } from '../server/auth/tokens.service';
import { env } from '../server/config/env';
import { resolveDatabaseUrl, stopEmbeddedDatabase } from '../server/database/resolve-database';
import type { AuthSessionsRepository } from '../server/sessions/auth-sessions.repository';
import { benchDir, useEmbeddedDatabase } from './bench-env';
import { readFileSync } from 'node:fs';
import { cpuSecondsOf, postgresPids, rssOf } from './process-tree';
import type { LoadConfig, LoadResult } from './review-http-load';
import { seedReviews } from './seed-reviews';

interface Options {
  decided: number;
  pending: number;
  annotators: number;
  /** Seconds of load per think time. */
  seconds: number;
  warmup: number;
  thinks: number[];
  port: number;
  /** The built server to run (default: this build's); another build's to measure old code on the same bench. */
  server: string;
}

function parse(args: string[]): Options {
  const get = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const num = (name: string, fallback: number) => Number(get(name) ?? fallback);
  return {
    decided: num('decided', 1_000_000),
    pending: num('pending', 100_000),
    annotators: num('annotators', 200),
    seconds: num('seconds', 60),
    warmup: num('warmup', 10),
    thinks: (get('think-s') ?? '5,1').split(',').map(Number),
    port: num('port', 4310),
    server: get('server') ?? join(__dirname, '..', 'server', 'main.js'),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/**
 * `next` and `submit` under real HTTP load (issue 17 item 1): the built server in a process of its own on a seeded
 * embedded PostgreSQL (default 1M decided items with 2M reviews, 100k pending, 200 annotators), and a load generator
 * in another process (review-http-load.ts) where each annotator asks for the next item, thinks, submits, thinks,
 * think time uniform 0–2T, for T = 5 s and T = 1 s. Prints per T: p50/p99 of next and submit, decisions/s, errors,
 * the server's and PostgreSQL's CPU seconds, the server's peak RSS, and the load average. Targets on a quiet machine:
 * p99 < 50 ms at T = 1 s, < 25 ms at T = 5 s, no errors.
 *
 *   npm run bench -- review-http [--decided=N] [--pending=N] [--annotators=N] [--seconds=S] [--warmup=S]
 *                                [--think-s=5,1] [--port=4310] [--server=path/to/dist/server/main.js]
 */
export async function runReviewHttpBench(args: string[]): Promise<void> {
  const o = parse(args);
  const dir = await benchDir('pace-bench-http-');
  const secret = 'bench-secret-bench-secret-bench-secret-00';
  useEmbeddedDatabase(dir, { JWT_SECRET: secret, ACCESS_TOKEN_TTL_S: String(24 * 3600) });
  const url = await resolveDatabaseUrl(env(), () => undefined);
  let server: ChildProcess | null = null;
  const db = new DataSource({ type: 'postgres', url });
  try {
    console.log(`review-http: server ${o.server}, load ${load()}`);
    server = spawn(process.execPath, [o.server], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        PACE_DATA_DIR: join(dir, 'server'),
        PORT: String(o.port),
        HOST: '127.0.0.1',
        JWT_SECRET: secret,
        PACE_IN_PROCESS_WORKER: 'false',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${o.port}/api`;
    await waitForHealth(base, server);
    await db.initialize();
    console.log(`seeding ${o.decided.toLocaleString('en')} decided items, ${o.pending.toLocaleString('en')} pending, ${o.annotators} annotators:`);
    await seedReviews(db, { decidedItems: o.decided, pendingItems: o.pending, annotators: o.annotators, approveRate: 0.9, weeks: 12 }, console.log);
    const tokens = await mintTokens(db, secret);
    const pgData = join(dir, 'data', 'postgres');

    const phases: { label: string; thinkMs: number; seconds: number; report: boolean }[] = [
      ...(o.warmup > 0 ? [{ label: 'warm-up', thinkMs: 1000, seconds: o.warmup, report: false }] : []),
      ...o.thinks.map((t) => ({ label: `T=${t}`, thinkMs: t * 1000, seconds: o.seconds, report: true })),
    ];
    for (const phase of phases) {
      const cpu0 = cpuSecondsOf(server.pid!);
      const pgCpu0 = postgresCpuSeconds(pgData);
      let peakRss = rssOf(server.pid!);
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(server!.pid!))), 250);
      const waits = sampleLockWaits(db);
      const r = await runLoad(dir, { base, tokens, thinkMs: phase.thinkMs, seconds: phase.seconds });
      clearInterval(sampler);
      const locks = await waits.stop();
      const cpu = cpuSecondsOf(server.pid!) - cpu0;
      const pgCpu = postgresCpuSeconds(pgData) - pgCpu0;
      if (!phase.report) {
        console.log(`${phase.label}: ${r.decisions} decisions in ${r.seconds.toFixed(0)} s, ${r.errors} errors (not reported)`);
        continue;
      }
      const next = [...r.next].sort((a, b) => a - b);
      const submit = [...r.submit].sort((a, b) => a - b);
      const ms = (v: number) => `${v.toFixed(1)} ms`;
      console.log(`${phase.label} (${o.annotators} annotators, ${phase.seconds} s, think uniform 0–${2 * phase.thinkMs / 1000} s), load ${load()}:`);
      console.log(`  next    n ${String(next.length).padStart(6)}   p50 ${ms(percentile(next, 50))}   p99 ${ms(percentile(next, 99))}   max ${ms(next[next.length - 1] ?? NaN)}`);
      console.log(`  submit  n ${String(submit.length).padStart(6)}   p50 ${ms(percentile(submit, 50))}   p99 ${ms(percentile(submit, 99))}   max ${ms(submit[submit.length - 1] ?? NaN)}`);
      console.log(`  ${(r.decisions / r.seconds).toFixed(1)} decisions/s   errors ${r.errors}${r.empty ? `   empty queue ${r.empty}` : ''}   resent after an idle keep-alive close ${r.retried}`);
      for (const e of r.errorSamples) console.log(`    error: ${e}`);
      console.log(`  server CPU ${cpu.toFixed(1)} s (${((100 * cpu) / r.seconds).toFixed(0)}% of a core), peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB   PostgreSQL CPU ${pgCpu.toFixed(1)} s`);
      console.log(`  backends waiting on a lock: mean ${locks.mean.toFixed(2)}, max ${locks.max} (sampled every 100 ms)`);
      console.log(`review-http p99 ${phase.label}: ${percentile([...next, ...submit].sort((a, b) => a - b), 99).toFixed(1)} ms   (next ${ms(percentile(next, 99))}, submit ${ms(percentile(submit, 99))}; load ${load()})`);
    }
  } finally {
    if (db.isInitialized) await db.destroy();
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    await stopEmbeddedDatabase();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * How many PostgreSQL backends wait on a lock (rows, transactions), sampled every 100 ms: decisions queueing behind
 * one another's locks show here whatever the machine's CPU load.
 */
function sampleLockWaits(db: DataSource): { stop(): Promise<{ mean: number; max: number }> } {
  const counts: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'`);
      counts.push(n);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { mean: counts.reduce((a, b) => a + b, 0) / Math.max(1, counts.length), max: Math.max(0, ...counts) };
    },
  };
}

/**
 * CPU seconds of the embedded PostgreSQL so far: the postmaster's own and its ended children's (cutime, cstime: the
 * backends of closed connections) plus its live children's.
 */
function postgresCpuSeconds(pgData: string): number {
  const [postmaster, ...children] = postgresPids(pgData);
  if (!postmaster) return 0;
  const stat = readFileSync(`/proc/${postmaster}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const own = (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
  return own + children.reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
}

async function waitForHealth(base: string, server: ChildProcess): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode} before it answered`);
    try {
      const res = await fetch(`${base}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 120_000) throw new Error('the server did not answer /api/health within 120 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** An access token per annotator, with a session row as a sign-in makes one (no password logins). */
async function mintTokens(db: DataSource, secret: string): Promise<string[]> {
  const users: { id: string; email: string }[] = await db.query(`SELECT id, email FROM users WHERE role = 'annotator' ORDER BY email`);
  const sessions: { id: string; user_id: string }[] = await db.query(
    `INSERT INTO auth_sessions (user_id, user_agent) SELECT unnest($1::uuid[]), 'review-http bench' RETURNING id, user_id`,
    [users.map((u) => u.id)],
  );
  const sid = new Map(sessions.map((s) => [s.user_id, s.id]));
  const tokens = new TokensService(new JwtService({ secret }), null as unknown as AuthSessionsRepository);
  return users.map((u) => `Bearer ${tokens.access({ id: u.id, email: u.email, role: 'annotator' }, sid.get(u.id)!).accessToken}`);
}

/** Runs the load generator in a process of its own and returns what it measured. */
async function runLoad(dir: string, config: LoadConfig): Promise<LoadResult> {
  const file = join(dir, `load-${config.thinkMs}-${Date.now()}.json`);
  await writeFile(file, JSON.stringify(config));
  const child = spawn(process.execPath, [join(__dirname, 'review-http-load.js'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`the load generator exited with ${code}`);
  return JSON.parse(out) as LoadResult;
}
