import { NestFactory } from '@nestjs/core';
import { rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { CliModule } from '../server/cli/cli.module';
import { stopEmbeddedDatabase } from '../server/database/resolve-database';
import { ImportsService } from '../server/imports/imports.service';
import { ImportRunner } from '../server/imports/pipeline/import-runner';
import { generateCorpus } from './generate-corpus';
import { benchDir, useEmbeddedDatabase } from './bench-env';

/**
 * Import + standardization + exact and near-duplicate detection of a generated 200k-line file into a fresh
 * embedded PostgreSQL. Targets on the 2-core reference machine: ≥ 20,000 lines/s and < 500 MB.
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
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const started = process.hrtime.bigint();
    await app.get(ImportRunner).run(imp.id);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const done = (await app.get(ImportsService).get(imp.id)).progress;
    if (done.status !== 'completed') throw new Error(`import ${done.status}: ${done.failureReason}`);
    console.log(`import: ${done.linesRead} lines in ${seconds.toFixed(2)} s`);
    console.log(`  ${done.itemsCreated} new, ${done.exactDuplicates} exact duplicates, ${done.nearDuplicates} near duplicates, ${done.errorCount} errors`);
    console.log(`  lines/s ${Math.round(done.linesRead / seconds)}   (target ≥ 20000)`);
    console.log(`  peak RSS ${(peak / 2 ** 20).toFixed(0)} MB (start ${(baseline / 2 ** 20).toFixed(0)} MB)   (target < 500 MB)`);
    // Other processes on the machine take cores from Node and Postgres: read lines/s together with this.
    console.log(`  load average ${loadavg().map((l) => l.toFixed(2)).join(', ')} (1, 5, 15 min)`);
  } finally {
    await app.close();
    await stopEmbeddedDatabase();
    await rm(dir, { recursive: true, force: true });
  }
}
