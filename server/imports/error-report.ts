import type { Response } from 'express';
import type { ImportError } from './import-error.entity';

const COLUMNS = ['file', 'line', 'field', 'code', 'reason', 'excerpt'] as const;

/** Streams an import's error report; the first page is fetched before headers go out, so a 404 stays a 404. */
export async function writeErrorReport(res: Response, importId: string, format: 'csv' | 'jsonl', pages: AsyncGenerator<ImportError[]>): Promise<void> {
  const first = await pages.next();
  res.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="import-${importId}-errors.${format}"`);
  if (format === 'csv') res.write('\uFEFF' + COLUMNS.join(',') + '\n');
  const write = (rows: ImportError[]) => {
    for (const r of rows) {
      res.write(format === 'csv' ? COLUMNS.map((c) => csvCell(r[c])).join(',') + '\n' : JSON.stringify(pick(r)) + '\n');
    }
  };
  if (!first.done) write(first.value);
  for await (const rows of pages) write(rows);
  res.end();
}

function pick(r: ImportError) {
  return { file: r.file, line: r.line, field: r.field, code: r.code, reason: r.reason, excerpt: r.excerpt };
}

function csvCell(v: unknown): string {
  if (v == null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
