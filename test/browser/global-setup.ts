import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { TestProject } from 'vitest/node';
import startDatabase from '../utils/global-setup';
import { CHROMIUM_PATH, ROOT, UI_DIR } from './paths';

/** Beside the build: the hash of the sources it was built from. */
const HASH_FILE = join(UI_DIR, '.source-hash');

/**
 * Once per run of the browser project: the UI built (only when its sources changed since the last build), chromium
 * checked, and one embedded PostgreSQL with the migrated template each test file clones (as the server project).
 */
export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`browser tests: no ${CHROMIUM_PATH}; run \`bash scripts/setup.sh\` (npm test runs it first) to install it`);
  }
  buildUiIfChanged();
  return startDatabase(project);
}

function buildUiIfChanged(): void {
  const hash = sourceHash();
  const built = existsSync(join(UI_DIR, 'index.html')) && existsSync(HASH_FILE) ? readFileSync(HASH_FILE, 'utf8') : null;
  if (built === hash) {
    console.log(`browser tests: UI in ${relative(ROOT, UI_DIR)} is up to date (sources ${hash.slice(0, 12)})`);
    return;
  }
  const started = Date.now();
  const res = spawnSync('npm', ['run', '-s', 'build:ui'], { cwd: ROOT, stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`browser tests: npm run build:ui failed (exit ${res.status})`);
  writeFileSync(HASH_FILE, hash);
  console.log(`browser tests: built the UI into ${relative(ROOT, UI_DIR)} in ${((Date.now() - started) / 1000).toFixed(1)} s (sources ${hash.slice(0, 12)})`);
}

/** Every file under admin-ui/ (names and contents) and the lockfile: what a build depends on. */
function sourceHash(): string {
  const h = createHash('sha256');
  const files = [...walk(join(ROOT, 'admin-ui')), join(ROOT, 'package-lock.json')];
  for (const f of files) {
    h.update(relative(ROOT, f)).update('\0').update(readFileSync(f)).update('\0');
  }
  return h.digest('hex');
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
}
