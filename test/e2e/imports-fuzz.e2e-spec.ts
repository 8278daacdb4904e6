/**
 * issue 11 ("Also"): property-based fuzzing of the importer. Real sample records of several adapters and formats are
 * mutated (truncation, byte flips, invalid UTF-8, NUL and control characters, lone surrogates, huge strings, wrong
 * types, nesting, duplicate keys, BOMs, mixed line ends, one-line arrays), mixed with untouched control records, and
 * imported through the real pipeline into the real PostgreSQL. See bench/import-fuzz/fuzz-run.ts for the invariants.
 * Seeded: PACE_FUZZ_SEED=<seed> replays a failure; `npm run bench -- fuzz` runs longer with fresh seeds.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFuzzCases } from '../../bench/import-fuzz/fuzz-cases';
import { fuzzFileArb } from '../../bench/import-fuzz/fuzz-files';
import { calibrate, runFuzzFile, type FuzzTarget } from '../../bench/import-fuzz/fuzz-run';
import { ImportsService } from '../../server/imports/imports.service';
import { ImportRunner } from '../../server/imports/pipeline/import-runner';
import { createTestApp, TestApp } from '../utils/test-app';

const shared = process.env.PACE_SHARED_DATA;
const raw = shared ? join(shared, 'raw') : '';
const haveData = !!shared && existsSync(raw);
if (!haveData) console.warn('⚠ PACE_SHARED_DATA is not set (or has no raw/): the importer fuzz test did NOT run.');

const SEED = Number(process.env.PACE_FUZZ_SEED ?? 20261206);
const MAX_LINE_BYTES = 65_536;
const SIZE = { controls: 8, mutants: 250, hugeMax: 80_000 };

describe.skipIf(!haveData)('importer fuzzing (issue 11)', () => {
  let t: TestApp;
  let target: FuzzTarget;

  beforeAll(async () => {
    t = await createTestApp({ IMPORT_MAX_LINE_BYTES: String(MAX_LINE_BYTES) });
    const dir = await mkdtemp(join(tmpdir(), 'pace-fuzz-'));
    target = { imports: t.app.get(ImportsService), runner: t.app.get(ImportRunner), db: t.db, dir, maxLineBytes: MAX_LINE_BYTES };
  });
  afterAll(async () => {
    if (!process.env.PACE_FUZZ_KEEP) await rm(target.dir, { recursive: true, force: true });
    await t.close();
  });

  const cases = haveData ? loadFuzzCases(raw) : [];
  cases.forEach((c, k) => {
    it(`${c.name}: mutated records are applied or reported, controls are imported, counts add up`, async () => {
      const pools = await calibrate(target, c);
      expect(pools.controls.length).toBeGreaterThanOrEqual(SIZE.controls);
      let runs = 0;
      // of the two JSON array cases, one is written on one line (json.dump's form) and one pretty-printed
      const arrayLayouts = c.format === 'json-array' ? [c.adapter === 'c3' ? ('one-line' as const) : ('pretty' as const)] : undefined;
      const property = fc.asyncProperty(fuzzFileArb(pools, { ...SIZE, arrayLayouts }), async (file) => {
        const out = await runFuzzFile(target, c, file, `${k}-${runs++}`);
        if (out.violations.length > 0) throw new Error(out.violations.join('\n'));
      });
      // No shrinking here (each step is an import): PACE_FUZZ_SEED=<the seed in the message> replays the case.
      await fc.assert(property, { seed: SEED, numRuns: 1, endOnFailure: true });
    });
  });
});
