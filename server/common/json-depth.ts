import type { NextFunction, Request, Response } from 'express';
import type { ErrorBody } from './error-views';

/** Deepest nesting a JSON body may have: far above any request Pace takes (a recipe spec is ~6 deep), far below a stack's limit. */
export const MAX_JSON_DEPTH = 64;

/**
 * The top-level field (`notes`, `spec`; `[3]` for a list body; `body` for the body itself) under which `value` first
 * nests deeper than `max` levels (arrays and objects count), or null. Iterative, so a body thousands deep cannot
 * overflow the stack that checks it.
 */
export function tooDeep(value: unknown, max = MAX_JSON_DEPTH): string | null {
  if (value === null || typeof value !== 'object') return null;
  if (max < 1) return 'body';
  const stack: Array<{ v: unknown; depth: number; field: string }> = (Array.isArray(value) ? value.map((x, i) => [`[${i}]`, x] as const) : Object.entries(value)).map(
    ([field, v]) => ({ v, depth: 2, field }),
  );
  while (stack.length) {
    const { v, depth, field } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return field;
    for (const x of Array.isArray(v) ? v : Object.values(v)) {
      if (x !== null && typeof x === 'object') stack.push({ v: x, depth: depth + 1, field });
    }
  }
  return null;
}

/**
 * Express middleware, right after the JSON body parser: a body nested deeper than MAX_JSON_DEPTH is a 400 naming
 * the field, before any pipe, validator or jsonb column recurses into it (they answered 500: issue 14 item 6).
 */
export function jsonDepthLimit(max = MAX_JSON_DEPTH) {
  return (req: Request, res: Response, next: NextFunction) => {
    const body: unknown = req.body;
    if (body === null || typeof body !== 'object') return next();
    const field = tooDeep(body, max);
    if (field === null) return next();
    const message = `nested deeper than ${max} levels`;
    const payload: ErrorBody = { message: `${field}: ${message}`, errors: [{ field, message }] };
    res.status(400).json(payload);
  };
}
