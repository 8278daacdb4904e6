import { parse, type CsvError } from 'csv-parse';
import type { LineError, ReaderOutput } from '../import-types';
import { csvColumnNames } from './csv-columns';
import { excerptOf, excerptOfBytes } from './excerpt';
import { requireFile } from './file-checks';
import { FileUnusableError } from './file-unusable-error';
import { invalidUtf8Reason, lineError, overLimitReason } from './line-errors';
import { LineOffsets } from './line-offsets';
import { splitLines } from './line-splitter';
import type { ReaderOptions } from './reader-types';
import { decodeLenient, decodeUtf8 } from './utf8-decode';

type Row = Record<string, string>;
type Parsed = { kind: 'row'; row: Row; end: number } | { kind: 'skip'; err: CsvError };

/** Errors after which csv-parse carries on in step with the file; any other error stops the read. */
const RECOVERABLE = new Set(['CSV_RECORD_INCONSISTENT_COLUMNS', 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH']);

/**
 * csv-parse counts every carriage return as a line break, even inside a quoted cell, which would put each later row
 * and error on a wrong line (and past the end of the file). The reader already splits lines itself and drops a CR
 * before a newline, so a CR that is left sits inside a line: csv-parse gets it escaped (with U+E000, itself escaped)
 * and the cells are unescaped.
 */
const ESC = '\uE000';
function escapeCr(text: string): string {
  return text.indexOf('\r') === -1 && text.indexOf(ESC) === -1 ? text : text.replace(/[\r\uE000]/g, (c) => (c === '\r' ? `${ESC}r` : `${ESC}${ESC}`));
}
function unescapeCr(text: string): string {
  return text.indexOf(ESC) === -1 ? text : text.replace(/\uE000([\s\S])/g, (_, c: string) => (c === 'r' ? '\r' : ESC));
}
function unescapeRow(row: Row): Row {
  for (const key of Object.keys(row)) if (typeof row[key] === 'string') row[key] = unescapeCr(row[key]);
  return row;
}

function newlinesIn(values: Iterable<unknown>): number {
  let n = 0;
  for (const v of values) {
    if (typeof v !== 'string') continue;
    for (let i = v.indexOf('\n'); i !== -1; i = v.indexOf('\n', i + 1)) n++;
  }
  return n;
}

/**
 * CSV with a header row; each row → `{ column: cell }` (see csvColumnNames for header keys).
 * Lines are split and UTF-8-checked here, then fed to csv-parse as LF-only text, so a `\r` before
 * a newline inside a quoted cell is dropped too. A line that is invalid or over-long is reported,
 * fed in a form that keeps csv-parse's quoting in step, and any row or error spanning it is
 * dropped. Parsing is synchronous per write: rows are captured by `on_record` (which returns null,
 * so nothing queues in the stream) and errors by the `skip` event, both in file order. Resuming
 * re-reads from the start and drops rows that end at or before `resumeFrom.line`.
 */
export async function* readCsv(path: string, options: ReaderOptions): AsyncGenerator<ReaderOutput> {
  await requireFile(path);
  const max = options.maxLineBytes;
  const delimiter = options.csv?.delimiter ?? ',';
  const skipThrough = options.resumeFrom?.line ?? 0;
  const parsed: Parsed[] = [];
  let columnCount = 0;
  let parserError: Error | undefined;
  const parser = parse({
    columns: (header: string[]) => {
      columnCount = header.length;
      return csvColumnNames(header.map((h) => (typeof h === 'string' ? unescapeCr(h) : h)));
    },
    delimiter,
    record_delimiter: '\n',
    skip_empty_lines: true,
    relax_column_count: false,
    relax_quotes: true,
    skip_records_with_error: true,
    max_record_size: max,
    bom: false,
    on_record: (row: Row, ctx) => {
      parsed.push({ kind: 'row', row: unescapeRow(row), end: ctx.lines });
      return null;
    },
  });
  parser.on('skip', (err: CsvError) => parsed.push({ kind: 'skip', err }));
  parser.on('error', (err: Error) => (parserError = err));

  const offsets = new LineOffsets();
  const badLines: LineError[] = [];
  /** Bad lines fed to csv-parse as an empty line (which it skips). */
  const fedBlank = new Set<number>();
  let lastEnd = 0;
  let stopped = false;
  let lastOffset = 0;

  const nextAt = (line: number) => ({ offset: offsets.take(line), line });

  function* flushBadLines(before: number): Generator<LineError> {
    while (badLines.length > 0 && badLines[0].line < before) {
      const err = badLines.shift()!;
      if (err.line > skipThrough) yield err;
    }
  }

  /**
   * The reported lines a row (or a row's error) ending at `end` spans, as one error: the record is refused once, at
   * its first bad line, and its other bad lines are named there instead of refusing it again.
   */
  function takeSpanned(end: number): LineError | null {
    if (badLines.length === 0 || badLines[0].line > end) return null;
    const first = badLines.shift()!;
    const more: number[] = [];
    let next = first.next;
    while (badLines.length > 0 && badLines[0].line <= end) {
      const bad = badLines.shift()!;
      more.push(bad.line);
      next = bad.next;
    }
    if (more.length === 0) return first;
    return { ...first, reason: `${first.reason}; line${more.length > 1 ? 's' : ''} ${more.join(', ')} of the same record too`, next };
  }

  function* emitParsed(): Generator<ReaderOutput> {
    for (const item of parsed.splice(0)) {
      if (stopped) return;
      if (item.kind === 'row') {
        const start = item.end - newlinesIn(Object.values(item.row));
        yield* flushBadLines(start);
        lastEnd = item.end;
        const spanned = takeSpanned(item.end);
        if (spanned) {
          if (spanned.line > skipThrough) yield spanned;
          continue;
        }
        if (item.end <= skipThrough) continue;
        const offset = offsets.take(start - 1); // where the row's first line starts: the end of the line before it
        yield { kind: 'record', file: path, line: start, offset, value: item.row, next: nextAt(item.end) };
        continue;
      }
      const err = item.err;
      const end = typeof err.lines === 'number' ? err.lines : lastEnd + 1;
      const cells = Array.isArray(err.record) ? (err.record as unknown[]).map((c) => (typeof c === 'string' ? unescapeCr(c) : c)) : undefined;
      const recoverable = RECOVERABLE.has(err.code);
      const start = recoverable && cells ? end - newlinesIn(cells) : lastEnd + 1;
      yield* flushBadLines(start);
      lastEnd = end;
      const excerpt = cells ? excerptOf(cells.join(delimiter)) : undefined;
      if (recoverable) {
        const spanned = takeSpanned(end);
        if (spanned) {
          if (spanned.line > skipThrough) yield spanned;
          continue;
        }
        if (end <= skipThrough) continue;
        const reason = `wrong number of cells: ${cells?.length ?? '?'}, the header has ${columnCount}`;
        yield lineError(path, start, 'csv_cell_count', reason, nextAt(end), excerpt);
      } else {
        // The broken record starts after the last one read; a bad line csv-parse saw as blank is not part of it
        // but a record of its own, reported before it.
        let at = start;
        while (fedBlank.has(at)) at++;
        yield* flushBadLines(at);
        stopped = true;
        const reason = `${err.message}; the rest of the file was not read`;
        yield lineError(path, at, 'csv_syntax', reason, { offset: lastOffset, line: end }, excerpt);
        return;
      }
    }
  }

  try {
    for await (const batch of splitLines(path, { start: 0, startLine: 0, maxLineBytes: max })) {
      const texts: string[] = new Array<string>(batch.length);
      for (let k = 0; k < batch.length; k++) {
        const raw = batch[k];
        offsets.add(raw.line, raw.end);
        lastOffset = raw.end;
        texts[k] = '';
        const next = { offset: raw.end, line: raw.line };
        if (raw.overLimit > 0) {
          if (raw.line === 1) throw new FileUnusableError(path, `the header line is ${raw.overLimit} bytes, over the limit of ${max}`);
          badLines.push(lineError(path, raw.line, 'too_long', overLimitReason(raw.overLimit, max), next, excerptOfBytes(raw.bytes)));
          texts[k] = raw.oddQuotes ? '"' : ''; // same effect on quoting as the dropped line
          if (!raw.oddQuotes) fedBlank.add(raw.line);
          continue;
        }
        const decoded = decodeUtf8(raw.bytes);
        if (!decoded.ok) {
          if (raw.line === 1) throw new FileUnusableError(path, 'the header line is not valid UTF-8');
          badLines.push(lineError(path, raw.line, 'invalid_utf8', invalidUtf8Reason(decoded.invalidAt), next, excerptOfBytes(raw.bytes)));
          texts[k] = escapeCr(decodeLenient(raw.bytes)); // keeps quotes and delimiters, so parsing stays in step
          continue;
        }
        texts[k] = escapeCr(decoded.text);
      }
      texts.push('');
      parser.write(texts.join('\n'));
      if (parser.writableLength > 0) await untilDrained(parser);
      if (parserError) parsed.push({ kind: 'skip', err: asCsvError(parserError) });
      yield* emitParsed();
      if (stopped) return;
    }
    await endParser(parser);
    if (parserError) parsed.push({ kind: 'skip', err: asCsvError(parserError) });
    yield* emitParsed();
    if (stopped) return;
    yield* flushBadLines(Infinity);
    if (columnCount === 0) throw new FileUnusableError(path, 'no header line (the file holds only blank lines)');
  } finally {
    parser.destroy();
  }
}

function asCsvError(err: Error): CsvError {
  return Object.assign(err, { code: (err as Partial<CsvError>).code ?? 'CSV_UNKNOWN_ERROR' }) as CsvError;
}

function untilDrained(parser: NodeJS.ReadWriteStream & { writableLength: number }): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      parser.off('drain', done);
      parser.off('close', done);
      parser.off('error', done);
      resolve();
    };
    parser.on('drain', done);
    parser.on('close', done);
    parser.on('error', done);
  });
}

function endParser(parser: NodeJS.ReadWriteStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      parser.off('finish', done);
      parser.off('close', done);
      parser.off('error', done);
      resolve();
    };
    parser.on('finish', done);
    parser.on('close', done);
    parser.on('error', done);
    parser.end();
  });
}
