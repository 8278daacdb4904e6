import type { ImportErrorCode } from '../import-error-codes';
import type { FieldCheck, FieldType } from './adapter-spec.types';
import { isPlainObject, parsePath, resolve, resolveAll, type Located, type PathScope } from './spec-path.util';
import { describeValue } from './transforms/transform-error';

export interface FieldError {
  field: string | null;
  code: ImportErrorCode;
  reason: string;
}

/** Checks the declared fields; `holds` evaluates a check's `when` condition in the same scope. */
export function checkFields(checks: FieldCheck[], scope: PathScope, holds: (check: FieldCheck) => boolean): FieldError[] {
  const errors: FieldError[] = [];
  for (const check of checks) {
    if (check.when && !holds(check)) continue;
    const located = locate(check, scope);
    for (const { where, value } of located) {
      const error = checkValue(check, value, scope, where);
      if (error) errors.push(error);
    }
  }
  return errors;
}

function locate(check: FieldCheck, scope: PathScope): Located[] {
  const alternatives = Array.isArray(check.path) ? check.path : [check.path];
  for (const source of alternatives) {
    const found = resolveAll(parsePath(source), scope);
    if (found.some((f) => f.value !== undefined)) return found;
  }
  const first = resolveAll(parsePath(alternatives[0]), scope);
  if (first.length === 0) return []; // `[*]` over an empty or missing array: nothing to check
  return first;
}

function checkValue(check: FieldCheck, value: unknown, scope: PathScope, where: string): FieldError | null {
  const or = Array.isArray(check.path) && check.path.length > 1 ? ` (or ${check.path.slice(1).join(', ')})` : '';
  if (value === undefined) {
    const column = columnOf(check, scope);
    if (column?.explicit) return { field: where, code: 'missing_field', reason: 'column named in the CSV mapping is missing from the row' };
    if (check.optional) return null;
    if (column) return { field: where, code: 'missing_field', reason: 'required column is missing from the row' };
    return { field: where, code: 'missing_field', reason: `expected ${expectation(check)}${or}, got missing` };
  }
  if (value === null && check.optional) return null;
  const elementError = firstBadElement(check, value);
  if (elementError) return { field: `${where}[${elementError.index}]`, code: 'wrong_type', reason: `expected string, got ${describeValue(elementError.value)}` };
  if (!fitsType(check.type, value) || !fitsLength(check, value)) {
    const code = check.type === 'nonEmptyString' && typeof value === 'string' ? 'empty_text' : 'wrong_type';
    return { field: where, code, reason: `expected ${expectation(check)}${or}, got ${describeValue(value)}` };
  }
  if (check.oneOf && !check.oneOf.includes(value)) {
    return { field: where, code: 'value_not_allowed', reason: `expected one of ${check.oneOf.map((v) => JSON.stringify(v)).join(', ')}, got ${preview(value)}` };
  }
  if (check.inPath) {
    const list = resolve(parsePath(check.inPath), scope).value;
    if (!Array.isArray(list) || !list.includes(value)) {
      return { field: where, code: 'value_not_allowed', reason: `expected one of the values of ${check.inPath}, got ${preview(value)}` };
    }
  }
  return null;
}

function columnOf(check: FieldCheck, scope: PathScope): { explicit: boolean } | undefined {
  const path = parsePath(Array.isArray(check.path) ? check.path[0] : check.path);
  return path.root.kind === 'column' ? (scope.columns?.get(path.root.name) ?? { explicit: false }) : undefined;
}

/** A string[] with the right length but a non-string element is reported at that element. */
function firstBadElement(check: FieldCheck, value: unknown): { index: number; value: unknown } | null {
  if (check.type !== 'string[]' || !Array.isArray(value) || !fitsLength(check, value)) return null;
  const index = value.findIndex((item) => typeof item !== 'string');
  return index < 0 ? null : { index, value: value[index] };
}

function fitsType(type: FieldType, value: unknown): boolean {
  switch (type) {
    case 'any':
      return true;
    case 'string':
      return typeof value === 'string';
    case 'nonEmptyString':
      return typeof value === 'string' && value.trim() !== '';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return isPlainObject(value);
    case 'array':
    case 'string[]':
      return Array.isArray(value);
    case 'scalar':
      return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
  }
}

function fitsLength(check: FieldCheck, value: unknown): boolean {
  if (!Array.isArray(value)) return true;
  if (check.length !== undefined && value.length !== check.length) return false;
  if (check.minLength !== undefined && value.length < check.minLength) return false;
  if (check.maxLength !== undefined && value.length > check.maxLength) return false;
  return true;
}

function expectation(check: FieldCheck): string {
  const count =
    check.length !== undefined
      ? `${check.length} `
      : check.minLength !== undefined && check.maxLength !== undefined
        ? `${check.minLength}–${check.maxLength} `
        : check.minLength !== undefined
          ? `at least ${check.minLength} `
          : check.maxLength !== undefined
            ? `at most ${check.maxLength} `
            : '';
  switch (check.type) {
    case 'string[]':
      return `array of ${count}strings`;
    case 'array':
      return count ? `array of ${count}items` : 'array';
    case 'nonEmptyString':
      return 'non-empty string';
    case 'scalar':
      return 'string or number';
    default:
      return check.type;
  }
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
