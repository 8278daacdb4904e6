import type { LineError, ReaderOutput } from '../import-types';
import { excerptOf, excerptOfBytes } from './excerpt';
import { requireFile } from './file-checks';
import { FileUnusableError } from './file-unusable-error';
import { JsonArraySplitter, type SplitEvent } from './json-array-splitter';
import { nestsDeeperThan, tooDeepReason } from './json-depth';
import { invalidUtf8Reason, lineError, overLimitReason } from './line-errors';
import type { ReaderOptions } from './reader-types';
import { textBytes } from './text-source';
import { decodeUtf8 } from './utf8-decode';

function countNewlines(bytes: Uint8Array | string, end: number): { count: number; lastAt: number } {
  let count = 0;
  let lastAt = -1;
  for (let i = 0; i < end; i++) {
    const c = typeof bytes === 'string' ? bytes.charCodeAt(i) : bytes[i];
    if (c === 10) {
      count++;
      lastAt = i;
    }
  }
  return { count, lastAt };
}

/** "…at position 57" in a JSON.parse message → the file line of that position. */
function parseErrorReason(err: unknown, text: string, startLine: number): string {
  const message = err instanceof Error ? err.message : String(err);
  const m = /at position (\d+)/.exec(message);
  if (!m) return `malformed JSON: ${message}`;
  const line = startLine + countNewlines(text, Math.min(Number(m[1]), text.length)).count;
  return `malformed JSON: ${message} (file line ${line})`;
}

function elementOutput(path: string, max: number, ev: Extract<SplitEvent, { kind: 'element' }>): ReaderOutput {
  if (ev.bytes === null) {
    return lineError(path, ev.line, 'too_long', overLimitReason(ev.size, max, 'array element'), ev.next, excerptOfBytes(ev.head ?? Buffer.alloc(0)));
  }
  const decoded = decodeUtf8(ev.bytes);
  if (!decoded.ok) {
    const { count, lastAt } = countNewlines(ev.bytes, decoded.invalidAt);
    const line = ev.line + count;
    return lineError(path, line, 'invalid_utf8', invalidUtf8Reason(decoded.invalidAt - lastAt - 1), ev.next, excerptOfBytes(ev.bytes));
  }
  let value: unknown;
  try {
    value = JSON.parse(decoded.text);
  } catch (err) {
    return lineError(path, ev.line, 'malformed_json', parseErrorReason(err, decoded.text, ev.line), ev.next, excerptOf(decoded.text));
  }
  if (nestsDeeperThan(value)) return lineError(path, ev.line, 'too_deep', tooDeepReason(), ev.next, excerptOf(decoded.text));
  return { kind: 'record', file: path, line: ev.line, offset: ev.offset, value, next: ev.next };
}

/**
 * Elements of one top-level JSON array, which may be pretty-printed over many lines. Resuming
 * seeks to `resumeFrom.offset` (a separator position produced by an earlier read).
 */
export async function* readJsonArray(path: string, options: ReaderOptions): AsyncGenerator<ReaderOutput> {
  await requireFile(path);
  const resume = options.resumeFrom;
  const max = options.maxLineBytes;
  const splitter = new JsonArraySplitter(max, resume);

  function* handle(events: SplitEvent[]): Generator<ReaderOutput> {
    for (const ev of events) {
      if (ev.kind === 'not-array') {
        const why = ev.found === null ? 'the file holds only whitespace' : `expected a JSON array, but the first non-blank character is '${ev.found}'`;
        throw new FileUnusableError(path, why);
      }
      if (ev.kind === 'element') yield elementOutput(path, max, ev);
      else yield lineError(path, ev.line, ev.code, ev.reason, ev.next) satisfies LineError;
    }
  }

  for await (const chunk of textBytes(path, resume?.offset ?? 0)) {
    yield* handle(splitter.push(chunk));
    if (splitter.stopped) return;
  }
  yield* handle(splitter.end());
}
