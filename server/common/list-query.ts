import { BadRequestException } from '@nestjs/common';
import type { Response } from 'express';
import { UUID } from './uuid';

/** The react-admin simple-rest list contract: `sort=["field","ASC"]&range=[0,24]&filter={…}`. */
export interface ListQuery {
  sort: { field: string; order: 'ASC' | 'DESC' };
  offset: number;
  limit: number;
  filter: Record<string, unknown>;
}

/**
 * What one filter field of a list route takes: an `int` id (an int4 column: 1 … 2³¹−1), a `bigint` id (up to
 * 2⁵³−1), free `text`, a `uuid`, a `boolean`, one of a few words, or `many(…)` of one of them (a value or a list).
 * A number may come as a string of digits (the UI's URL filters are strings); values are passed on as given.
 */
/** `day`: a calendar day as YYYY-MM-DD (2026-02-31 is refused here, not by PostgreSQL). */
export type FilterScalar = 'int' | 'bigint' | 'text' | 'day' | 'uuid' | 'boolean' | { oneOf: readonly string[] };
export type FilterRule = FilterScalar | { many: FilterScalar };
export type FilterSchema = Readonly<Record<string, FilterRule>>;

export const many = (of: FilterScalar): FilterRule => ({ many: of });

export function parseListQuery(
  q: { sort?: string; range?: string; filter?: string },
  sortable: readonly string[],
  defaultSort: ListQuery['sort'],
  filters: FilterSchema = {},
): ListQuery {
  const sortArr = parseJson(q.sort, 'sort') ?? [defaultSort.field, defaultSort.order];
  if (!Array.isArray(sortArr) || sortArr.length !== 2 || sortArr.some((s) => typeof s !== 'string')) {
    throw new BadRequestException('sort: expected ["field", "ASC" or "DESC"]');
  }
  const [field, order] = sortArr as [string, string];
  if (!sortable.includes(field)) {
    throw new BadRequestException(`sort: cannot sort by "${field}"; sortable fields: ${sortable.join(', ')}`);
  }
  const range = parseJson(q.range, 'range') ?? [0, 24];
  const [start, end] = Array.isArray(range) && range.length === 2 ? range.map((n) => (typeof n === 'number' || typeof n === 'string' ? Number(n) : NaN)) : [NaN, NaN];
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end - start >= 1000) {
    throw new BadRequestException('range: expected [start, end] with 0 ≤ start ≤ end and at most 1000 rows');
  }
  return {
    sort: { field, order: order.toUpperCase() === 'DESC' ? 'DESC' : 'ASC' },
    offset: start,
    limit: end - start + 1,
    filter: checkFilter(parseJson(q.filter, 'filter') ?? {}, filters),
  };
}

/**
 * A filter is a JSON object of scalars (or lists of scalars, where a route takes them); each field a route knows is
 * checked against its rule. Anything else is a 400 naming `filter.<field>`, never a query the database refuses.
 */
export function checkFilter(raw: unknown, schema: FilterSchema): Record<string, unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw fieldError('filter', 'expected a JSON object of field values');
  const filter = raw as Record<string, unknown>;
  for (const [key, value] of Object.entries(filter)) {
    const rule = Object.hasOwn(schema, key) ? schema[key] : undefined;
    const name = `filter.${key}`;
    if (rule === undefined) {
      // not a filter of this route (ignored), but still no object smuggled through
      if (!isScalar(value) && !(Array.isArray(value) && value.every(isScalar))) throw fieldError(name, 'expected a string, number, boolean or a list of them');
      continue;
    }
    if (value === undefined || value === null || value === '') continue; // "no filter", as react-admin clears one
    if (typeof rule === 'object' && 'many' in rule) {
      const values = Array.isArray(value) ? value : [value];
      values.forEach((v, i) => checkScalar(v, rule.many, Array.isArray(value) ? `${name}[${i}]` : name));
    } else {
      checkScalar(value, rule, name);
    }
  }
  return filter;
}

const INT4_MAX = 2 ** 31 - 1;

function checkScalar(value: unknown, rule: FilterScalar, name: string): void {
  if (typeof rule === 'object') {
    if (typeof value !== 'string' || !rule.oneOf.includes(value)) throw fieldError(name, `must be one of ${rule.oneOf.join(', ')}, got ${describe(value)}`);
    return;
  }
  switch (rule) {
    case 'int':
    case 'bigint': {
      const max = rule === 'int' ? INT4_MAX : Number.MAX_SAFE_INTEGER;
      const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : NaN;
      if (!Number.isInteger(n) || n < 0 || n > max) throw fieldError(name, `must be a whole number from 0 to ${max}, got ${describe(value)}`);
      return;
    }
    case 'uuid':
      if (typeof value !== 'string' || !UUID.test(value)) throw fieldError(name, `must be an id (a UUID), got ${describe(value)}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw fieldError(name, `must be true or false, got ${describe(value)}`);
      return;
    case 'text':
      if (typeof value !== 'string') throw fieldError(name, `must be a string, got ${describe(value)}`);
      return;
    case 'day':
      if (!isDay(value)) throw fieldError(name, `must be a day as YYYY-MM-DD, got ${describe(value)}`);
      return;
  }
}

function isDay(v: unknown): boolean {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
}

function isScalar(v: unknown): boolean {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

/** The value's kind, or a short form of it: enough to see what was sent, never a long echo. */
function describe(v: unknown): string {
  if (v !== null && typeof v === 'object') return Array.isArray(v) ? 'a list' : 'an object';
  const s = JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}

function fieldError(field: string, message: string): BadRequestException {
  return new BadRequestException({ message: `${field}: ${message}`, errors: [{ field, message }] });
}

export function setContentRange(res: Response, resource: string, q: ListQuery, rows: number, total: number): void {
  const end = rows === 0 ? q.offset : q.offset + rows - 1;
  res.setHeader('Content-Range', `${resource} ${q.offset}-${end}/${total}`);
}

function parseJson(raw: string | undefined, name: string): unknown {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') throw fieldError(name, 'expected one JSON value'); // ?filter=a&filter=b arrives as a list
  try {
    return JSON.parse(raw) ?? undefined;
  } catch {
    throw new BadRequestException(`${name}: not valid JSON`);
  }
}
