import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { isImportErrorCode } from '../../server/imports/import-error-codes';
import type { ImportsService } from '../../server/imports/imports.service';
import type { ImportRunner } from '../../server/imports/pipeline/import-runner';
import type { FuzzCase } from './fuzz-cases';
import { buildFile, type CasePools, type FuzzFile } from './fuzz-files';

/** The real import path: the service that registers an import (as the API and CLI do) and the runner that runs it. */
export interface FuzzTarget {
  imports: ImportsService;
  runner: ImportRunner;
  db: DataSource;
  /** A folder for the fuzzed files. */
  dir: string;
  /** The app's IMPORT_MAX_LINE_BYTES. */
  maxLineBytes: number;
  /** Keep a file that breaks an invariant (default) or delete it like the others. */
  keepFailures?: boolean;
}

export interface FileOutcome {
  /** Broken invariants; empty when the import behaved. */
  violations: string[];
  importId: string;
  status: string;
  linesRead: number;
  items: number;
  duplicates: number;
  skipped: number;
  errors: number;
  codes: Record<string, number>;
}

async function importFile(t: FuzzTarget, c: FuzzCase, path: string): Promise<string> {
  const imp = await t.imports.createFromPath(path, { adapter: c.adapter, ability: c.ability, sourceName: c.sourceName }, null);
  // The in-process queue worker may take the job too: the runner's lock makes whichever comes second a no-op.
  await t.runner.run(imp.id);
  for (let waited = 0; ; waited += 50) {
    const [row] = (await t.db.query('SELECT status FROM imports WHERE id = $1', [imp.id])) as Array<{ status: string }>;
    if (!['queued', 'running'].includes(row.status)) return imp.id;
    if (waited > 120_000) throw new Error(`import ${imp.id} still ${row.status} after 120 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Removes an import's items and error rows, so the next file is de-duplicated against nothing. */
async function forget(t: FuzzTarget, importId: string): Promise<void> {
  await t.db.query('DELETE FROM import_errors WHERE import_id = $1', [importId]);
  await t.db.query('DELETE FROM items WHERE import_id = $1', [importId]);
}

/**
 * Imports the whole clean sample once and keeps as possible controls the records whose items all came out new and
 * that no other record duplicates (the samples repeat some problems); every third of those is a control candidate,
 * the other records are mutated.
 */
export async function calibrate(t: FuzzTarget, c: FuzzCase): Promise<CasePools> {
  const f: FuzzFile = { entries: c.records.map((_, source) => ({ source, control: false, mutations: [] })), bom: false, lineEnds: 'lf', arrayLayout: 'per-line' };
  const built = buildFile(c, f, 'calibrate', t.maxLineBytes);
  const dir = join(t.dir, 'calibrate');
  await mkdir(dir, { recursive: true });
  const path = join(dir, c.fileName);
  await writeFile(path, built.bytes);
  const id = await importFile(t, c, path);
  const [imp] = (await t.db.query('SELECT status, failure_reason FROM imports WHERE id = $1', [id])) as Array<{ status: string; failure_reason: string | null }>;
  if (imp.status !== 'completed') throw new Error(`${c.name}: the clean sample did not import (${imp.status}: ${imp.failure_reason})`);
  const rows = (await t.db.query(
    `SELECT i.raw_line,
            bool_and(i.duplicate_of IS NULL AND NOT EXISTS (SELECT 1 FROM items d WHERE d.duplicate_of = i.id)) AS unique
       FROM items i WHERE i.import_id = $1 GROUP BY i.raw_line`,
    [id],
  )) as Array<{ raw_line: number; unique: boolean }>;
  await forget(t, id);
  const uniqueLines = new Set(rows.filter((r) => r.unique).map((r) => r.raw_line));
  const unique = built.startLines.flatMap((line, source) => (uniqueLines.has(line) ? [source] : []));
  const controls = unique.filter((_, i) => i % 3 === 0);
  const taken = new Set(controls);
  return { controls, mutants: c.records.map((_, i) => i).filter((i) => !taken.has(i)) };
}

/**
 * Writes one fuzzed file, imports it and checks the import's invariants: it completes; every control record is
 * imported whole and new; every record the reader yields ends as items (duplicates included), a skip, or exactly one
 * error row of a known kind; and the import's counters equal the rows in the database.
 */
export async function runFuzzFile(t: FuzzTarget, c: FuzzCase, f: FuzzFile, run: string): Promise<FileOutcome> {
  const built = buildFile(c, f, run, t.maxLineBytes);
  const dir = join(t.dir, run);
  await mkdir(dir, { recursive: true });
  const path = join(dir, c.fileName);
  await writeFile(path, built.bytes);
  const id = await importFile(t, c, path);
  const violations: string[] = [];
  try {
    const [imp] = (await t.db.query(
      `SELECT status, failure_reason, lines_read, items_created, exact_duplicates, near_duplicates, skipped, error_count FROM imports WHERE id = $1`,
      [id],
    )) as Array<Record<string, number> & { status: string; failure_reason: string | null }>;
    if (imp.status !== 'completed') violations.push(`the import ended ${imp.status}: ${imp.failure_reason}`);

    const [items] = (await t.db.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE sub_index = 0)::int AS records,
              count(*) FILTER (WHERE duplicate_kind = 'exact')::int AS exact, count(*) FILTER (WHERE duplicate_kind = 'near')::int AS near
         FROM items WHERE import_id = $1`,
      [id],
    )) as Array<{ total: number; records: number; exact: number; near: number }>;
    const errors = (await t.db.query('SELECT line, field, code, reason FROM import_errors WHERE import_id = $1 ORDER BY line, id', [id])) as Array<{
      line: number;
      field: string | null;
      code: string | null;
      reason: string;
    }>;

    // Counters against rows.
    if (items.total !== imp.items_created + imp.exact_duplicates + imp.near_duplicates) {
      violations.push(`${items.total} item rows, but the import counts ${imp.items_created} new + ${imp.exact_duplicates} exact + ${imp.near_duplicates} near`);
    }
    if (items.exact !== imp.exact_duplicates || items.near !== imp.near_duplicates) {
      violations.push(`duplicate rows (${items.exact} exact, ${items.near} near) differ from the counters (${imp.exact_duplicates}, ${imp.near_duplicates})`);
    }
    if (errors.length !== imp.error_count) violations.push(`${errors.length} error rows, but error_count is ${imp.error_count}`);
    // Each record read has exactly one outcome.
    const outcomes = items.records + errors.length + imp.skipped;
    if (imp.status === 'completed' && imp.lines_read !== outcomes) {
      violations.push(`${imp.lines_read} records read, but ${items.records} gave items + ${errors.length} error rows + ${imp.skipped} skipped = ${outcomes}`);
    }
    if (imp.status === 'completed' && built.units !== null && imp.lines_read !== built.units) {
      violations.push(`the file holds ${built.units} records, but the import read ${imp.lines_read}`);
    }
    // Every error row is a known kind, at a line of the file.
    const lastLine = built.startLines.length === 0 ? 1 : built.bytes.subarray(0, built.bytes.length - 1).filter((b) => b === 0x0a).length + 1;
    const codes: Record<string, number> = {};
    for (const e of errors) {
      codes[e.code ?? 'null'] = (codes[e.code ?? 'null'] ?? 0) + 1;
      if (!isImportErrorCode(e.code)) violations.push(`line ${e.line}: error of unknown kind ${JSON.stringify(e.code)}: ${e.reason}`);
      if (!e.reason?.trim()) violations.push(`line ${e.line}: error with no reason`);
      if (!(e.line >= 1 && e.line <= lastLine + 1)) violations.push(`error at line ${e.line}, outside the file's ${lastLine} lines: ${e.reason}`);
    }
    // Every control imported whole, as new items.
    for (const { token, entry } of built.controls) {
      const rows = (await t.db.query(
        `SELECT raw_line, duplicate_kind FROM items WHERE import_id = $1 AND messages::text LIKE '%' || $2 || '%'`,
        [id, token],
      )) as Array<{ raw_line: number; duplicate_kind: string | null }>;
      const line = built.startLines[entry];
      const expected = c.adapter === 'c3' ? (c.records[f.entries[entry].source] as [unknown, unknown[]])[1].length : 1;
      if (rows.length !== expected) {
        const why = errors.filter((e) => e.line === line).map((e) => `${e.code}: ${e.reason}`);
        violations.push(`control ${token} (line ${line}) gave ${rows.length} item(s), expected ${expected}${why.length ? `; errors there: ${why.join(' | ')}` : ''}`);
      } else if (rows.some((r) => r.duplicate_kind !== null)) {
        violations.push(`control ${token} (line ${line}) was taken for a ${rows.find((r) => r.duplicate_kind)!.duplicate_kind} duplicate`);
      }
    }
    return {
      violations,
      importId: id,
      status: imp.status,
      linesRead: imp.lines_read,
      items: items.total,
      duplicates: items.exact + items.near,
      skipped: imp.skipped,
      errors: errors.length,
      codes,
    };
  } finally {
    await forget(t, id);
    // a failing file stays for a look (its path is in the message); the folder goes with the target's
    if (violations.length === 0 || t.keepFailures === false) await rm(dir, { recursive: true, force: true });
    else violations.push(`the file: ${path}`);
  }
}
