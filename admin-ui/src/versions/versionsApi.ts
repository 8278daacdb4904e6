import { apiList, httpClient } from '../httpClient';
import { API_URL } from '../session';
import type { DiffKind, Exclusion, VersionDiff, VersionFilter, VersionRecord } from './versionTypes';

export interface FreezeRequest {
  name: string;
  parentId?: number;
  notes?: string;
  filter?: VersionFilter;
  splits?: { valid?: number; test?: number };
  seed?: string;
  ngram?: number;
}

const PATH = '/datasets/versions';
const BASE = `${API_URL}${PATH}`;
const post = async <T>(url: string, body: unknown = {}) => (await httpClient(url, { method: 'POST', body: JSON.stringify(body) })).json as T;

/** The version routes react-admin's simple-rest provider does not cover. */
export const versionsApi = {
  freeze: (body: FreezeRequest) => post<VersionRecord>(BASE, body),
  action: (id: number, action: 'cancel' | 'resume') => post<VersionRecord>(`${BASE}/${id}/${action}`),
  exclusions: async (id: number, reason: Exclusion['reason'], page: number, perPage: number) => {
    const q = new URLSearchParams({ filter: JSON.stringify({ reason }), range: JSON.stringify([page * perPage, page * perPage + perPage - 1]) });
    return apiList<Exclusion>(`${PATH}/${id}/exclusions?${q}`);
  },
  diff: async (a: number, b: number, kind: DiffKind, page: number, perPage: number) => {
    const q = new URLSearchParams({ kind, range: JSON.stringify([page * perPage, page * perPage + perPage - 1]) });
    return (await httpClient(`${BASE}/${a}/diff/${b}?${q}`)).json as VersionDiff;
  },
  overrule: (itemId: number, reason: string) => post(`${API_URL}/datasets/contamination/${itemId}/overrule`, { reason }),
};
