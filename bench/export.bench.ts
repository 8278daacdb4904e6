import { NestFactory } from '@nestjs/core';
import { rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { DataSource } from 'typeorm';
import { stopEmbeddedDatabase } from '../server/database/resolve-database';
import { ExportCliModule } from '../server/exports/exports.command';
import { ExportRunner } from '../server/exports/export-runner';
import { ExportsService } from '../server/exports/exports.service';
import { seedFrozenVersion } from './export-seed';
import { benchDir, useEmbeddedDatabase } from './bench-env';

/**
 * Exports a frozen version of 1,000,000 items (10 abilities × 80k train, 10k valid, 10k test; made with SQL) from a
 * fresh embedded PostgreSQL, once as DoIT JSON lines and once as the Hugging Face layout (JSONL + Parquet per split),
 * and prints MB/s per format and the peak RSS. Targets on the 2-core reference machine: ≥ 50 MB/s JSONL, < 500 MB.
 */
export async function runExportBench(args: string[]): Promise<void> {
  const items = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
  const dir = await benchDir('pace-bench-export-');
  useEmbeddedDatabase(dir);
  const app = await NestFactory.createApplicationContext(ExportCliModule, { logger: ['error', 'warn'] });
  try {
    const perAbility = Math.round(items / 10);
    const seeding = Date.now();
    const { versionId, items: seeded } = await seedFrozenVersion(app.get(DataSource), {
      name: 'bench',
      perAbility: { train: Math.round(perAbility * 0.8), valid: Math.round(perAbility * 0.1), test: perAbility - Math.round(perAbility * 0.8) - Math.round(perAbility * 0.1) },
    });
    await app.get(DataSource).query('ANALYZE');
    console.log(`seeded a frozen version of ${seeded} items in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);

    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    // memoryUsage.rss() reads only the RSS: the full memoryUsage() walks V8's heap spaces, on the thread being measured
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
    const exports = app.get(ExportsService);
    const run = async (formats: Array<'doit' | 'hf'>) => {
      const exp = await exports.create({ versionId, seed: 1, formats }, null, { enqueue: false });
      const started = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      await app.get(ExportRunner).run(exp.id);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const used = process.cpuUsage(cpu);
      const cpuSeconds = (used.user + used.system) / 1e6;
      const done = await exports.get(exp.id);
      if (done.status !== 'completed') throw new Error(`export ${done.status}: ${done.failureReason}`);
      return { seconds, cpuSeconds, files: done.manifest!.files };
    };

    const doit = await run(['doit']);
    const jsonlBytes = doit.files.reduce((n, f) => n + f.bytes, 0);
    const jsonlRows = doit.files.reduce((n, f) => n + (f.rows ?? 0), 0);
    console.log(`export JSONL (DoIT, ${doit.files.length} files): ${jsonlRows} rows, ${(jsonlBytes / 1e6).toFixed(1)} MB in ${doit.seconds.toFixed(2)} s`);
    console.log(`  ${(jsonlBytes / 1e6 / doit.seconds).toFixed(1)} MB/s, ${Math.round(jsonlRows / doit.seconds)} rows/s   (target ≥ 50 MB/s)`);
    // PostgreSQL (the COPY) runs in other processes: on a busy machine wall time is shared, Node's CPU time is not
    console.log(`  Node CPU ${doit.cpuSeconds.toFixed(2)} s: ${(jsonlBytes / 1e6 / doit.cpuSeconds).toFixed(1)} MB per CPU second`);

    const hf = await run(['hf']);
    const parquet = hf.files.filter((f) => f.path.endsWith('.parquet'));
    const hfJsonl = hf.files.filter((f) => f.path.endsWith('.jsonl'));
    const sum = (fs: typeof parquet) => fs.reduce((n, f) => n + f.bytes, 0);
    console.log(`export Hugging Face (JSONL + Parquet per split, card): ${(sum(hf.files) / 1e6).toFixed(1)} MB in ${hf.seconds.toFixed(2)} s`);
    console.log(`  JSONL ${(sum(hfJsonl) / 1e6).toFixed(1)} MB, Parquet ${(sum(parquet) / 1e6).toFixed(1)} MB (snappy); ${(sum(hf.files) / 1e6 / hf.seconds).toFixed(1)} MB/s written, ${Math.round((2 * seeded) / hf.seconds)} rows/s`);

    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(`  peak RSS ${(peak / 2 ** 20).toFixed(0)} MB (start ${(baseline / 2 ** 20).toFixed(0)} MB)   (target < 500 MB)`);
    console.log(`  load average ${loadavg().map((l) => l.toFixed(2)).join(', ')} (1, 5, 15 min)`);
  } finally {
    await app.close();
    await stopEmbeddedDatabase();
    await rm(dir, { recursive: true, force: true });
  }
}
