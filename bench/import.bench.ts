import { NestFactory } from '@nestjs/core';
import { rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { CliModule } from '../server/cli/cli.module';
import { stopEmbeddedDatabase } from '../server/database/resolve-database';
import { ImportsService } from '../server/imports/imports.service';
import { ImportRunner } from '../server/imports/pipeline/import-runner';
import { noStages, type ImportStages } from '../server/imports/pipeline/import-stages';
import { generateCorpus } from './generate-corpus';
import { benchDir, useEmbeddedDatabase } from './bench-env';
import { cpuSecondsOf, postgresPids, threadCpuSeconds, TreeMemorySampler } from './process-tree';

/**
 * Import + standardization + exact and near-duplicate detection of a generated 200k-line file into a fresh
 * embedded PostgreSQL. Targets on the 2-core reference machine: ≥ 50,000 lines/s and < 500 MB for the whole
 * process tree (this process with its worker threads, and PostgreSQL's processes).
 */
export async function runImportBench(args: string[]): Promise<void> {
  const lines = Number(args.find((a) => /^\d+$/.test(a)) ?? 200_000);
  const dir = await benchDir('pace-bench-');
  const file = join(dir, 'corpus.jsonl');
  const bytes = await generateCorpus(file, { lines, exactDuplicateRate: 0.02, nearDuplicateRate: 0.02 });
  console.log(`generated ${lines} lines (${(bytes / 1e6).toFixed(1)} MB) in ${file}`);

  useEmbeddedDatabase(dir);
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  try {
    const imp = await app.get(ImportsService).createFromPath(file, { adapter: 'messages', sourceName: 'bench' }, null);
    const pgData = join(dir, 'data', 'postgres');
    const memory = new TreeMemorySampler(pgData);
    memory.start(50);
    const baseline = memory.rss.peak;
    const cpu = cpuSnapshot(pgData);
    const stages: ImportStages = noStages();
    const started = process.hrtime.bigint();
    await app.get(ImportRunner).run(imp.id, stages);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    memory.stop();
    const used = cpuUsedSince(cpu, pgData);
    const done = (await app.get(ImportsService).get(imp.id)).progress;
    if (done.status !== 'completed') throw new Error(`import ${done.status}: ${done.failureReason}`);
    const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
    console.log(`import: ${done.linesRead} lines in ${seconds.toFixed(2)} s`);
    console.log(`  ${done.itemsCreated} new, ${done.exactDuplicates} exact duplicates, ${done.nearDuplicates} near duplicates, ${done.errorCount} errors`);
    console.log(`  lines/s ${Math.round(done.linesRead / seconds)}   (target ≥ 50000)`);
    const peaks = (p: TreeMemorySampler['rss']) => `${mb(p.peak)} (node with its threads ${mb(p.node)}, postgres processes ${mb(p.postgres)}, each at its own peak)`;
    console.log(`  peak memory of the process tree (this process with its worker threads + PostgreSQL's processes, from /proc):   (target < 500 MB)`);
    const short = memory.pssUnreadable > 0 ? ` (${memory.pssUnreadable} PostgreSQL processes unreadable: too low)` : '';
    console.log(`    summed PSS ${peaks(memory.pss)}: shared memory counted once${short}`);
    console.log(`    summed RSS ${peaks(memory.rss)}: shared memory counted in every process; ${mb(baseline)} before the import`);
    printStages(stages, seconds, done.linesRead);
    printCpu(used, seconds, done.linesRead);
    // Other processes on the machine take cores from Node and Postgres: read lines/s together with this.
    console.log(`  load average ${loadavg().map((l) => l.toFixed(2)).join(', ')} (1, 5, 15 min)`);
  } finally {
    await app.close();
    await stopEmbeddedDatabase();
    await rm(dir, { recursive: true, force: true });
  }
}

function printStages(s: ImportStages, seconds: number, lines: number): void {
  const row = (name: string, ms: number) =>
    `    ${name.padEnd(52)} ${(ms / 1000).toFixed(2).padStart(6)} s  ${((ms * 1000) / lines).toFixed(1).padStart(5)} µs/line`;
  console.log(`  where the time goes (wall time per stage; the import took ${seconds.toFixed(2)} s, stages overlap):`);
  console.log('   standardize worker(s), summed over workers:');
  console.log(row('read + decode + parse', s.worker.read));
  console.log(row('standardize (adapter, normalization, text policy)', s.worker.standardize));
  console.log(row('fingerprint (hash, MinHash, LSH keys)', s.worker.fingerprint));
  console.log(row('encode COPY fields', s.worker.encode));
  console.log('   main thread:');
  console.log(row('resolve (ids, exact hashes in PG, near duplicates)', s.resolve));
  console.log(row('encode COPY rows', s.encode));
  console.log(row('waiting for the previous commit', s.waitCommit));
  console.log(row('waiting for standardized batches', s.waitWorker));
  console.log('   database:');
  console.log(row('commits (COPY + progress), overlapped with the above', s.commit));
}

interface CpuSnapshot {
  threads: Map<number, number>;
  postgres: Map<number, number>;
}

function cpuSnapshot(pgData: string): CpuSnapshot {
  return { threads: threadCpuSeconds(), postgres: new Map(postgresPids(pgData).map((pid) => [pid, cpuSecondsOf(pid)])) };
}

interface CpuUsed {
  main: number;
  /** Other threads of this process, busiest first. */
  threads: number[];
  postgres: number;
}

function cpuUsedSince(before: CpuSnapshot, pgData: string): CpuUsed {
  const after = cpuSnapshot(pgData);
  const delta = (m: Map<number, number>, id: number, now: number) => now - (m.get(id) ?? 0);
  const threads = [...after.threads].filter(([tid]) => tid !== process.pid).map(([tid, s]) => delta(before.threads, tid, s));
  let postgres = 0;
  for (const [pid, s] of after.postgres) postgres += delta(before.postgres, pid, s);
  return { main: delta(before.threads, process.pid, after.threads.get(process.pid) ?? 0), threads: threads.sort((a, b) => b - a), postgres };
}

function printCpu(c: CpuUsed, seconds: number, lines: number): void {
  const row = (name: string, s: number) =>
    `    ${name.padEnd(52)} ${s.toFixed(2).padStart(6)} s  ${((s * 1e6) / lines).toFixed(1).padStart(5)} µs/line  ${((100 * s) / seconds).toFixed(0).padStart(3)}% of a core`;
  const [busiest = 0, second = 0, ...rest] = c.threads;
  console.log('  CPU time during the import (from /proc; threads of this process by id, busiest first):');
  console.log(row('main thread', c.main));
  console.log(row('busiest other thread (a standardize worker)', busiest));
  console.log(row('next busiest thread', second));
  console.log(row('all other threads (GC helpers, libuv, compiler)', rest.reduce((a, b) => a + b, 0)));
  console.log(row('postgres processes (counted at start and end)', c.postgres));
  console.log(row('total', c.main + c.threads.reduce((a, b) => a + b, 0) + c.postgres));
}
