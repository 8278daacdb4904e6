import type { ReaderOutput } from '../import-types';
import { excerptOf, excerptOfBytes } from './excerpt';
import { requireFile } from './file-checks';
import { FileUnusableError } from './file-unusable-error';
import { nestsDeeperThan, tooDeepReason } from './json-depth';
import { decodeOrError, lineError, overLimitReason } from './line-errors';
import { splitLines } from './line-splitter';
import type { ReaderOptions } from './reader-types';

function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  const c = text.charCodeAt(0);
  // JSON starts with a non-space char, so only lines starting with whitespace need the full check
  return (c === 32 || c === 9 || c === 11 || c === 12 || c === 0xfeff || c > 127) && text.trim() === '';
}

/** Whether a line starts (after spaces and tabs) with a printable ASCII byte: then it is not blank, whatever else it holds. */
function startsPrintable(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 32 || b === 9) continue;
    return b > 32 && b < 127;
  }
  return false;
}

/**
 * One JSON value per line; blank lines are skipped. Resuming seeks straight to `resumeFrom.offset`. A line that
 * `options.wants` refuses is yielded as a record with a null value: unparsed, and undecoded when its first byte
 * shows it is not blank (a blank line yields nothing, so that decides the count).
 */
export async function* readJsonl(path: string, options: ReaderOptions): AsyncGenerator<ReaderOutput> {
  await requireFile(path);
  const start = options.resumeFrom?.offset ?? 0;
  const max = options.maxLineBytes;
  const wants = options.wants ?? (() => true);
  let yielded = 0;
  for await (const batch of splitLines(path, { start, startLine: options.resumeFrom?.line ?? 0, maxLineBytes: max })) {
    for (const raw of batch) {
      const next = { offset: raw.end, line: raw.line };
      if (raw.overLimit === 0 && !wants(yielded) && startsPrintable(raw.bytes)) {
        yielded++;
        yield { kind: 'record', file: path, line: raw.line, offset: raw.start, value: null, next };
        continue;
      }
      if (raw.overLimit > 0) {
        yielded++;
        yield lineError(path, raw.line, 'too_long', overLimitReason(raw.overLimit, max), next, excerptOfBytes(raw.bytes));
        continue;
      }
      const decoded = decodeOrError(path, raw.line, raw.bytes, next);
      if (decoded.error) {
        yielded++;
        yield decoded.error;
        continue;
      }
      // a BOM inside the file: files joined with cat
      const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
      if (isBlank(text)) continue;
      if (!wants(yielded)) {
        yielded++;
        yield { kind: 'record', file: path, line: raw.line, offset: raw.start, value: null, next };
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        yielded++;
        yield lineError(path, raw.line, 'malformed_json', `malformed JSON: ${(err as Error).message}`, next, excerptOf(text));
        continue;
      }
      yielded++;
      if (nestsDeeperThan(value)) yield lineError(path, raw.line, 'too_deep', tooDeepReason(), next, excerptOf(text));
      else yield { kind: 'record', file: path, line: raw.line, offset: raw.start, value, next };
    }
  }
  if (yielded === 0 && start === 0) throw new FileUnusableError(path, 'the file holds only blank lines');
}
