import type { ImportErrorCode } from '../import-error-codes';
import type { Condition, Expr, PipeStep } from './adapter-spec.types';
import { parsePath, resolve, type PathScope } from './spec-path.util';
import { parseTemplate as parseTemplateUncached, type TemplatePart } from './spec-template.util';
import { argKindAt, runTransform, TransformError } from './transforms';
import { describeValue } from './transforms/transform-error';

// Specs are fixed at load time, so parsed templates and regexes are cached by source text.
function memo<T>(build: (source: string) => T): (source: string) => T {
  const cache = new Map<string, T>();
  return (source) => {
    let value = cache.get(source);
    if (value === undefined) {
      value = build(source);
      cache.set(source, value);
    }
    return value;
  };
}

const parseTemplate = memo<TemplatePart[]>(parseTemplateUncached);
const regexCache = new Map<string, RegExp>();

function compiled(pattern: string, flags = ''): RegExp {
  const key = `${flags}/${pattern}`;
  let re = regexCache.get(key);
  if (!re) {
    re = new RegExp(pattern, flags);
    regexCache.set(key, re);
  }
  return re;
}

/** Evaluation failed for a reason tied to a field of the raw record (becomes an 'invalid' result). */
export class FieldFailure extends Error {
  constructor(
    readonly field: string | null,
    readonly code: ImportErrorCode,
    readonly reason: string,
  ) {
    super(`${field ?? '(record)'}: ${reason}`);
  }
}

export function evalExpr(expr: Expr, scope: PathScope): unknown {
  if ('const' in expr) return expr.const;
  if ('if' in expr) return holds(expr.if, scope) ? evalExpr(expr.then, scope) : expr.else ? evalExpr(expr.else, scope) : null;
  if ('path' in expr) {
    const { where, value } = resolve(parsePath(expr.path), scope);
    return applyPipe(expr.pipe, value, scope, where);
  }
  if ('template' in expr) return applyPipe(expr.pipe, renderTemplate(expr.template, scope), scope, null);
  if ('list' in expr) return applyPipe(expr.pipe, expr.list.map((e) => evalExpr(e, scope)), scope, fieldOf(expr, scope));
  for (const alternative of expr.first) {
    const value = evalExpr(alternative, scope);
    if (!isEmpty(value)) return applyPipe(expr.pipe, value, scope, null);
  }
  return applyPipe(expr.pipe, null, scope, null);
}

/** The raw-record field an expression mainly reads, to name in errors (its first path), or null. */
export function fieldOf(expr: Expr, scope: PathScope): string | null {
  if ('path' in expr) return resolve(parsePath(expr.path), scope).where;
  if ('first' in expr) return expr.first.length > 0 ? fieldOf(expr.first[0], scope) : null;
  if ('list' in expr) return expr.list.length > 0 ? fieldOf(expr.list[0], scope) : null;
  if ('if' in expr) return fieldOf(expr.then, scope);
  if ('template' in expr) {
    const placeholder = parseTemplate(expr.template).find((part) => 'path' in part);
    return placeholder && 'path' in placeholder ? resolve(parsePath(placeholder.path), scope).where : null;
  }
  return null;
}

/** Renders a template; a null or missing value renders as ''. */
export function renderTemplate(template: string, scope: PathScope): string {
  return parseTemplate(template)
    .map((part) => {
      if ('text' in part) return part.text;
      const { where, value } = resolve(parsePath(part.path), scope);
      return asText(applyPipe(part.pipe, value, scope, where), where);
    })
    .join('');
}

/** A value used as message text: strings as they are, numbers as written, absence as null. */
export function asText(value: unknown, where: string | null): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new FieldFailure(where, 'wrong_type', `expected text, got ${describeValue(value)}`);
}

function applyPipe(pipe: PipeStep[] | undefined, value: unknown, scope: PathScope, where: string | null): unknown {
  let current = value;
  for (const step of pipe ?? []) {
    const [name, ...rawArgs] = typeof step === 'string' ? [step] : step;
    const args = rawArgs.map((arg, i) => argValue(name, i, arg, scope));
    try {
      current = runTransform(name, current, args);
    } catch (error) {
      if (error instanceof TransformError) throw new FieldFailure(error.field ?? where, error.code, error.message);
      throw error;
    }
  }
  return current;
}

function argValue(name: string, index: number, arg: string | number, scope: PathScope): unknown {
  switch (argKindAt(name, index)) {
    case 'path':
      return resolve(parsePath(String(arg)), scope).value;
    case 'number':
      return Number(arg);
    case 'text':
      return String(arg);
  }
}

export function holds(condition: Condition, scope: PathScope): boolean {
  if ('all' in condition) return condition.all.every((c) => holds(c, scope));
  if ('any' in condition) return condition.any.some((c) => holds(c, scope));
  if ('not' in condition) return !holds(condition.not, scope);
  const value = 'path' in condition ? resolve(parsePath(condition.path), scope).value : evalExpr(condition.value, scope);
  if ('equals' in condition) return value === condition.equals;
  if ('in' in condition) return condition.in.includes(value);
  if ('matches' in condition) {
    return (typeof value === 'string' || typeof value === 'number') && compiled(condition.matches, condition.flags).test(String(value));
  }
  if ('nonEmpty' in condition) return !isEmpty(value);
  return value !== undefined && value !== null;
}

/** Null, undefined, a blank string or an empty array. */
export function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}
