import type { ImportErrorCode } from '../import-error-codes';
import type { LineError, ResumePoint } from '../import-types';
import { excerptOfBytes } from './excerpt';
import { decodeUtf8 } from './utf8-decode';

export function lineError(
  file: string,
  line: number,
  code: ImportErrorCode,
  reason: string,
  next: ResumePoint,
  excerpt?: string,
): LineError {
  const err: LineError = { kind: 'error', file, line, field: null, code, reason, next };
  if (excerpt !== undefined && excerpt !== '') err.excerpt = excerpt;
  return err;
}

export function overLimitReason(bytes: number, max: number, what = 'line'): string {
  return `${what} is ${bytes} bytes, over the limit of ${max}`;
}

export function invalidUtf8Reason(offsetInLine: number): string {
  return `invalid UTF-8 (byte offset ${offsetInLine} in line)`;
}

/** Decodes bytes or builds the LineError for their first invalid byte. */
export function decodeOrError(
  file: string,
  line: number,
  bytes: Buffer,
  next: ResumePoint,
): { text: string; error?: undefined } | { text?: undefined; error: LineError } {
  const r = decodeUtf8(bytes);
  if (r.ok) return { text: r.text };
  return { error: lineError(file, line, 'invalid_utf8', invalidUtf8Reason(r.invalidAt), next, excerptOfBytes(bytes)) };
}
