import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseDashboardOptions, runDashboardBench } from './ui-dashboard';

/** Rolldown's build manifest (`build.manifest` in admin-ui/vite.config.mts), one entry per chunk. */
interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const ROOT = join(__dirname, '..', '..');
const UI_DIR = join(ROOT, 'dist', 'admin-ui');
const BUDGET_BYTES = 1.5e6;
/** Lazy chunks a visit to /workspace loads: those built from the workspace's sources. */
const WORKSPACE_SOURCES = /(^|\/)src\/workspace\//;

/**
 * Builds the UI and adds up the gzipped JavaScript a visit to the review workspace loads: the entry chunk, every
 * chunk it imports statically, and the workspace's lazy chunks (with their own static imports), if it has any.
 * Budget: < 1.5 MB. The other half of the UI budget, keypress to next item < 100 ms, is timed by
 * test/browser/workspace.browser-spec.ts in a real browser.
 * Then the lead dashboard's time to content in a real browser against a seeded database (bench/ui-dashboard.ts):
 * `--items=N` decided items (default 1M), `--runs=N` navigations, `--keep=DIR` to reuse a seeded database,
 * `--dashboard-only` to skip the bundle sizes (the UI is still built).
 */
export async function runUiBench(args: string[] = []): Promise<void> {
  const started = performance.now();
  const build = spawnSync('npm', ['run', '-s', 'build:ui'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error(`npm run build:ui failed (exit ${build.status})`);
  console.log(`ui: built dist/admin-ui in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  if (!args.includes('--dashboard-only')) bundleSizes();
  await runDashboardBench(parseDashboardOptions(args, UI_DIR));
}

function bundleSizes(): void {
  const manifest = JSON.parse(readFileSync(join(UI_DIR, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const entries = Object.keys(manifest).filter((k) => manifest[k].isEntry);
  const lazy = Object.keys(manifest).filter((k) => manifest[k].isDynamicEntry && WORKSPACE_SOURCES.test(manifest[k].src ?? k));
  const keys = withStaticImports(manifest, [...entries, ...lazy]);

  const rows = keys.map((k) => {
    const body = readFileSync(join(UI_DIR, manifest[k].file));
    return { file: manifest[k].file, how: lazy.includes(k) ? 'lazy' : entries.includes(k) ? 'entry' : 'static', raw: body.length, gzip: gzipSync(body).length };
  });
  rows.sort((a, b) => b.gzip - a.gzip);
  console.log(`JavaScript loaded by a visit to /workspace (${entries.length} entry, ${lazy.length} lazy workspace chunks):`);
  for (const r of rows) console.log(`  ${r.file.padEnd(40)} ${r.how.padEnd(6)} ${kb(r.raw).padStart(10)} raw ${kb(r.gzip).padStart(10)} gzip`);
  const total = rows.reduce((s, r) => s + r.gzip, 0);
  const raw = rows.reduce((s, r) => s + r.raw, 0);
  const verdict = total < BUDGET_BYTES ? 'within budget' : 'OVER BUDGET';
  console.log(`workspace JS ${mb(total)} gzip (${mb(raw)} raw)   (budget < ${mb(BUDGET_BYTES)}: ${verdict})`);
  console.log('keypress → next item: timed by the workspace browser test (npx vitest run --project browser), budget < 100 ms');
}

/** The chunks given and, transitively, every chunk they import statically (what the browser fetches before running them). */
function withStaticImports(manifest: Manifest, start: string[]): string[] {
  const seen = new Set<string>();
  const visit = (k: string) => {
    if (seen.has(k)) return;
    seen.add(k);
    for (const i of manifest[k].imports ?? []) visit(i);
  };
  start.forEach(visit);
  return [...seen];
}

const kb = (bytes: number) => `${(bytes / 1e3).toFixed(1)} kB`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
