import { BadRequestException } from '@nestjs/common';
import type { Response } from 'express';

/** The react-admin simple-rest list contract: `sort=["field","ASC"]&range=[0,24]&filter={…}`. */
export interface ListQuery {
  sort: { field: string; order: 'ASC' | 'DESC' };
  offset: number;
  limit: number;
  filter: Record<string, unknown>;
}

export function parseListQuery(
  q: { sort?: string; range?: string; filter?: string },
  sortable: readonly string[],
  defaultSort: ListQuery['sort'],
): ListQuery {
  const sortArr = parseJson<[string, string]>(q.sort, 'sort') ?? [defaultSort.field, defaultSort.order];
  const [field, order] = sortArr;
  if (!sortable.includes(field)) {
    throw new BadRequestException(`sort: cannot sort by "${field}"; sortable fields: ${sortable.join(', ')}`);
  }
  const range = parseJson<[number, number]>(q.range, 'range') ?? [0, 24];
  const [start, end] = range.map(Number);
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end - start >= 1000) {
    throw new BadRequestException('range: expected [start, end] with 0 ≤ start ≤ end and at most 1000 rows');
  }
  const filter = parseJson<Record<string, unknown>>(q.filter, 'filter') ?? {};
  return {
    sort: { field, order: String(order).toUpperCase() === 'DESC' ? 'DESC' : 'ASC' },
    offset: start,
    limit: end - start + 1,
    filter,
  };
}

export function setContentRange(res: Response, resource: string, q: ListQuery, rows: number, total: number): void {
  const end = rows === 0 ? q.offset : q.offset + rows - 1;
  res.setHeader('Content-Range', `${resource} ${q.offset}-${end}/${total}`);
}

function parseJson<T>(raw: string | undefined, name: string): T | undefined {
  if (raw === undefined || raw === '') return undefined;
  try {
    return JSON.parse(raw) as T;
  } catch {
    throw new BadRequestException(`${name}: not valid JSON`);
  }
}
