import { apiGet, apiList, apiSend } from '../httpClient';
import type { DiffKind, Exclusion, VersionDiff, VersionFilter, VersionRecord } from './versionTypes';

/** The body of POST /datasets/versions (server/datasets/dto/freeze-version.dto.ts). */
export interface FreezeRequest {
  name: string;
  parentId?: number;
  notes?: string;
  filter?: VersionFilter;
  splits?: { valid?: number; test?: number };
  seed?: string;
  ngram?: number;
}

const BASE = '/datasets/versions';

/** The version routes react-admin's simple-rest provider does not cover. */
export const versionsApi = {
  freeze: (body: FreezeRequest) => apiSend<VersionRecord>('POST', BASE, body),
  action: (id: number, action: 'cancel' | 'resume') => apiSend<VersionRecord>('POST', `${BASE}/${id}/${action}`, {}),
  exclusions: (id: number, reason: Exclusion['reason'], page: number, perPage: number) => {
    const q = new URLSearchParams({ filter: JSON.stringify({ reason }), range: JSON.stringify([page * perPage, page * perPage + perPage - 1]) });
    return apiList<Exclusion>(`${BASE}/${id}/exclusions?${q}`);
  },
  diff: (a: number, b: number, kind: DiffKind, page: number, perPage: number) => {
    const q = new URLSearchParams({ kind, range: JSON.stringify([page * perPage, page * perPage + perPage - 1]) });
    return apiGet<VersionDiff>(`${BASE}/${a}/diff/${b}?${q}`);
  },
  overrule: (itemId: number, reason: string) => apiSend<unknown>('POST', `/datasets/contamination/${itemId}/overrule`, { reason }),
};
