import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider, RaRecord } from 'react-admin';
import { httpClient } from './httpClient';
import { API_URL } from './session';

const rest = simpleRestProvider(API_URL, httpClient);

/** react-admin's data access, over the one fetch path (httpClient: bearer token, refresh on 401). */
export const dataProvider = {
  ...rest,
  /** The server refuses fields its update DTOs do not declare (id, createdAt, …): send only what the form changed. */
  update: (resource, params) => rest.update(resource, { ...params, data: changedFields(params.data, params.previousData) }),
} satisfies DataProvider;

function changedFields(data: Partial<RaRecord>, previous: Partial<RaRecord>): Partial<RaRecord> {
  return Object.fromEntries(Object.entries(data).filter(([key, value]) => !same(value, previous[key])));
}

function same(a: unknown, b: unknown): boolean {
  // An input cleared by the user reads null; a field the record never had reads undefined.
  if (a == null || b == null) return a == null && b == null;
  return JSON.stringify(a) === JSON.stringify(b);
}
