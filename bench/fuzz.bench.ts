import { NestFactory } from '@nestjs/core';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { CliModule } from '../server/cli/cli.module';
import { stopEmbeddedDatabase } from '../server/database/resolve-database';
import { ImportsService } from '../server/imports/imports.service';
import { ImportRunner } from '../server/imports/pipeline/import-runner';
import { benchDir, useEmbeddedDatabase } from './bench-env';
import { loadFuzzCases } from './import-fuzz/fuzz-cases';
import { fuzzFileArb, type FuzzFile } from './import-fuzz/fuzz-files';
import { calibrate, runFuzzFile, type FuzzTarget } from './import-fuzz/fuzz-run';

const MAX_LINE_BYTES = 65_536;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args[i + 1];
}

/**
 * The importer fuzz of test/e2e/imports-fuzz.e2e-spec.ts, longer: `--runs` fuzzed files per case (default 10) of
 * `--mutants` records (default 300), from `--seed` (default: a fresh one, printed), optionally one `--case` (a part
 * of its name). A failing file is shrunk (for at most `--shrink-s` seconds, default 300) to a minimal reproduction,
 * printed with its seed and path and kept on disk. Prints `fuzz: N cases, K crashes` and the time taken.
 */
export async function runFuzzBench(args: string[]): Promise<void> {
  const shared = process.env.PACE_SHARED_DATA;
  const raw = shared ? join(shared, 'raw') : '';
  if (!shared || !existsSync(raw)) {
    console.warn('⚠ fuzz: PACE_SHARED_DATA is not set (or has no raw/): the importer fuzz did NOT run (set it to the shared data folder)');
    return;
  }
  const runs = Number(option(args, 'runs') ?? 10);
  const mutants = Number(option(args, 'mutants') ?? 300);
  const seed = Number(option(args, 'seed') ?? Math.floor(Math.random() * 2 ** 31));
  const shrinkMs = Number(option(args, 'shrink-s') ?? 300) * 1000;
  const only = option(args, 'case');
  const cases = loadFuzzCases(raw).filter((c) => !only || c.name.toLowerCase().includes(only.toLowerCase()));
  if (cases.length === 0) throw new Error(`fuzz: no case matches "${only}"`);

  const dir = await benchDir('pace-fuzz-');
  useEmbeddedDatabase(dir, { IMPORT_MAX_LINE_BYTES: String(MAX_LINE_BYTES) });
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
  const target: FuzzTarget = { imports: app.get(ImportsService), runner: app.get(ImportRunner), db: app.get(DataSource), dir: join(dir, 'files'), maxLineBytes: MAX_LINE_BYTES };
  const started = Date.now();
  let files = 0;
  let records = 0;
  const crashes: string[] = [];
  console.log(`fuzz: seed ${seed}, ${runs} file(s) of ${mutants} mutated records per case, ${cases.length} case(s)`);
  try {
    for (const [k, c] of cases.entries()) {
      const pools = await calibrate(target, c);
      const arb = fuzzFileArb(pools, { controls: 10, mutants, hugeMax: 200_000 });
      let n = 0;
      const property = (replay: boolean) =>
        fc.asyncProperty(arb, async (file: FuzzFile) => {
          const out = await runFuzzFile({ ...target, keepFailures: !replay }, c, file, `${k}-${n++}`);
          if (!replay) {
            files++;
            records += file.entries.length;
          }
          if (out.violations.length > 0) throw new Error(out.violations.join('\n'));
        });
      const caseSeed = seed + k;
      const found = await fc.check(property(false), { seed: caseSeed, numRuns: runs, endOnFailure: true });
      if (!found.failed) {
        console.log(`  ${c.name}: ${runs} files, fine`);
        continue;
      }
      // Replay the failing file and shrink it (each step is an import) for a minimal reproduction.
      const shrunk = await fc.check(property(true), { seed: caseSeed, path: found.counterexamplePath ?? undefined, numRuns: 1, interruptAfterTimeLimit: shrinkMs });
      const detail = shrunk.failed ? shrunk : found;
      const minimal = detail.counterexample?.[0] as FuzzFile | undefined;
      // once more, kept on disk
      const kept = minimal ? await runFuzzFile(target, c, minimal, `${k}-minimal`) : null;
      crashes.push(
        [
          `${c.name}: seed ${caseSeed}, path ${found.counterexamplePath} (replay: npm run bench -- fuzz --case "${c.name}" --seed ${seed} --runs ${runs})`,
          `  minimal file (${minimal?.entries.length ?? '?'} records, shrunk ${detail.numShrinks} times): ${describeFile(minimal)}`,
          `  ${(kept?.violations ?? [String(detail.errorInstance)]).join('\n  ')}`,
        ].join('\n'),
      );
      console.log(`  ${c.name}: FAILED (see below)`);
    }
  } finally {
    await app.close();
    await stopEmbeddedDatabase();
    if (crashes.length === 0) await rm(dir, { recursive: true, force: true });
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(`fuzz: ${files} cases, ${crashes.length} crashes (${records} records in all, ${seconds.toFixed(1)} s)`);
  for (const crash of crashes) console.log(crash);
  if (crashes.length > 0) {
    console.log(`the failing files are kept under ${dir}`);
    process.exitCode = 1;
  }
}

/** The file's layout and its mutated records (controls only counted), cut to a readable length. */
function describeFile(f: FuzzFile | undefined): string {
  if (!f) return '?';
  const mutated = f.entries.flatMap((e, i) => (e.control ? [] : [`#${i} ${JSON.stringify(e.mutations)}`]));
  const text = `${JSON.stringify({ bom: f.bom, lineEnds: f.lineEnds, arrayLayout: f.arrayLayout })}, ${f.entries.length - mutated.length} controls; ${mutated.join(' ')}`;
  return text.length > 4000 ? `${text.slice(0, 4000)}… (the whole file is kept, see below)` : text;
}
