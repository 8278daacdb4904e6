import type { ImportErrorCode } from '../../import-error-codes';

/** A filter was given a value it cannot work on; the engine reports it as an invalid field of that kind. */
export class TransformError extends Error {
  constructor(
    message: string,
    readonly code: ImportErrorCode = 'wrong_type',
  ) {
    super(message);
  }
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `array of ${value.length}`;
  if (typeof value === 'string') return value === '' ? 'empty string' : 'string';
  return typeof value;
}
