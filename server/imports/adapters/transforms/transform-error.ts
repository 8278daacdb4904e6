import type { ImportErrorCode } from '../../import-error-codes';

/**
 * A filter was given a value it cannot work on; the engine reports it as an invalid field of that kind. `field`, when
 * given, names the field at fault itself (e.g. `kwargs[1].num_words`) where the filter checks more of the record than the
 * path it was applied to; otherwise the error names the path of the expression.
 */
export class TransformError extends Error {
  constructor(
    message: string,
    readonly code: ImportErrorCode = 'wrong_type',
    readonly field?: string,
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
