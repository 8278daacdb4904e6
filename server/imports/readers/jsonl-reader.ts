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

/** One JSON value per line; blank lines are skipped. Resuming seeks straight to `resumeFrom.offset`. */
export async function* readJsonl(path: string, options: ReaderOptions): AsyncGenerator<ReaderOutput> {
  await requireFile(path);
  const start = options.resumeFrom?.offset ?? 0;
  const max = options.maxLineBytes;
  let yielded = false;
  for await (const batch of splitLines(path, { start, startLine: options.resumeFrom?.line ?? 0, maxLineBytes: max })) {
    for (const raw of batch) {
      const next = { offset: raw.end, line: raw.line };
      if (raw.overLimit > 0) {
        yielded = true;
        yield lineError(path, raw.line, 'too_long', overLimitReason(raw.overLimit, max), next, excerptOfBytes(raw.bytes));
        continue;
      }
      const decoded = decodeOrError(path, raw.line, raw.bytes, next);
      if (decoded.error) {
        yielded = true;
        yield decoded.error;
        continue;
      }
      // a BOM inside the file: files joined with cat
      const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
      if (isBlank(text)) continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        yielded = true;
        yield lineError(path, raw.line, 'malformed_json', `malformed JSON: ${(err as Error).message}`, next, excerptOf(text));
        continue;
      }
      yielded = true;
      if (nestsDeeperThan(value)) yield lineError(path, raw.line, 'too_deep', tooDeepReason(), next, excerptOf(text));
      else yield { kind: 'record', file: path, line: raw.line, offset: raw.start, value, next };
    }
  }
  if (!yielded && start === 0) throw new FileUnusableError(path, 'the file holds only blank lines');
}
