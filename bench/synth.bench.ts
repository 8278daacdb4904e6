import { NestFactory } from '@nestjs/core';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { stopEmbeddedDatabase } from '../server/database/resolve-database';
import { parseTaxonomyJson, taxonomyRevision } from '../server/synthesis/glan';
import { LlmEndpointsService } from '../server/synthesis/endpoints/llm-endpoints.service';
import { GenerationRunner } from '../server/synthesis/pipeline/generation-runner';
import { SynthesisRunsService, type RunRecord } from '../server/synthesis/runs/synthesis-runs.service';
import { SynthesisCliModule } from '../server/synthesis/synthesis.command';
import { benchDir, useEmbeddedDatabase } from './bench-env';

/** The repository root, from bench/ (run with swc) or dist/bench/ (npm run bench). */
const ROOT = resolve(__dirname, '..', __dirname.includes('/dist/') ? '..' : '.');
const DISCIPLINES = 10;
const SUBJECTS = 5;
const CONCURRENCY = 64;

/** The fixture LLM server as its own process (test/utils/fixture-llm-server.ts --glan), on an ephemeral port. */
async function startFixtureProcess(subjects: number): Promise<{ child: ChildProcess; baseUrl: string }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'test/utils/fixture-llm-server.ts', '--port', '0', '--glan', '--subjects', String(subjects), '--sessions', '4', '--concepts', '4'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const baseUrl = await new Promise<string>((res, rej) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      if (m) res(m[1]);
    });
    child.once('exit', (code) => rej(new Error(`the fixture LLM server exited (${code}) before listening`)));
  });
  return { child, baseUrl };
}

function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/**
 * `npm run bench -- synth [pairs]`: a GLAN generation run of 10,000 questions and answers (10 disciplines × 5 subjects
 * × 200 questions) against the fixture LLM server in its own process, with 64 concurrent requests, on a fresh
 * embedded PostgreSQL; prints pairs/s (target ≥ 300), the peak RSS of Pace's process (target < 500 MB) and the load.
 */
export async function runSynthBench(args: string[]): Promise<void> {
  const pairs = Number(args.find((a) => /^\d+$/.test(a)) ?? 10_000);
  const perSubject = Math.ceil(pairs / (DISCIPLINES * SUBJECTS));
  const dir = await benchDir('pace-bench-synth-');
  useEmbeddedDatabase(dir);
  const fixture = await startFixtureProcess(SUBJECTS);
  const app = await NestFactory.createApplicationContext(SynthesisCliModule, { logger: ['error', 'warn'] });
  try {
    const db = app.get(DataSource);
    const tree = parseTaxonomyJson({
      fields: [{ name: 'Science', children: [{ name: 'Natural sciences', children: Array.from({ length: DISCIPLINES }, (_, i) => ({ name: `Discipline ${i + 1}`, children: [] })) }] }],
    });
    const revision = taxonomyRevision(tree);
    const [{ id: taxonomyId }] = await db.query(`INSERT INTO taxonomies (name, tree, revision) VALUES ('bench', $1, $2) RETURNING id`, [JSON.stringify(tree), revision]);
    await db.query(`INSERT INTO taxonomy_revisions (taxonomy_id, revision, tree) VALUES ($1, $2, $3)`, [taxonomyId, revision, JSON.stringify(tree)]);
    const endpoint = await app.get(LlmEndpointsService).create({ name: 'fixture', baseUrl: fixture.baseUrl, model: 'fixture-model', maxConcurrency: CONCURRENCY }, null);
    const runs = app.get(SynthesisRunsService);
    const run = (await runs.create(
      { name: 'bench', taxonomyId, endpointId: endpoint.id, settings: { subjectSamples: 1, questionsPerSubject: perSubject, maxTokens: 512, seed: 1 } },
      null,
      { enqueue: false },
    )) as RunRecord;

    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    let peakFixture = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
      peakFixture = Math.max(peakFixture, rssOf(fixture.child.pid!));
    }, 20);
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    await app.get(GenerationRunner).run(run.id);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const used = process.cpuUsage(cpu);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);

    const done = await runs.get(run.id);
    if (done.status !== 'completed') throw new Error(`run ${done.status}: ${done.failureReason ?? done.pauseReason}`);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM synthesis_pairs WHERE run_id = $1`, [run.id]);
    const [{ nodes }] = await db.query(`SELECT count(*)::int AS nodes FROM synthesis_nodes WHERE run_id = $1`, [run.id]);
    console.log(`synth: ${n} question+answer pairs (${nodes} nodes, ${done.usage.calls} calls, ${done.failures} failures) in ${seconds.toFixed(2)} s, ${CONCURRENCY} concurrent requests`);
    console.log(`synth: ${Math.round(n / seconds)} pairs/s   (target ≥ 300)`);
    console.log(`  Node CPU ${((used.user + used.system) / 1e6).toFixed(2)} s (the fixture server and PostgreSQL run in other processes)`);
    const heap = process.memoryUsage();
    console.log(`  heap in use at the end ${(heap.heapUsed / 2 ** 20).toFixed(0)} MB of ${(heap.heapTotal / 2 ** 20).toFixed(0)} MB (the rest of the peak is garbage V8 had not yet collected)`);
    console.log(`  peak RSS of Pace's process ${(peak / 2 ** 20).toFixed(0)} MB (start ${(baseline / 2 ** 20).toFixed(0)} MB)   (target < 500 MB); fixture server ${(peakFixture / 2 ** 20).toFixed(0)} MB`);
    console.log(`  load average ${loadavg().map((l) => l.toFixed(2)).join(', ')} (1, 5, 15 min)`);
  } finally {
    await app.close();
    fixture.child.kill('SIGTERM');
    await stopEmbeddedDatabase();
    await rm(dir, { recursive: true, force: true });
  }
}
