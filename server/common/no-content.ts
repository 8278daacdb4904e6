import type { Response } from 'express';

/** 200 with the value, or 204 with no body when there is none (e.g. no work in a queue). */
export function orNoContent<T>(res: Response, value: T | null): T | undefined {
  res.status(value === null ? 204 : 200);
  return value ?? undefined;
}
