import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { GetListResult } from 'react-admin';
import { useLiveEvent } from '../realtime/socket';
import { isFreezing, type VersionProgress, type VersionRecord } from './versionTypes';

export const RESOURCE = 'datasets/versions';

/**
 * Applies `dataset.progress` events from `room` (`datasets`, or `dataset:<id>`) to the versions react-admin has
 * cached; a version that stops freezing is fetched again in full (counts, hash, flags).
 */
export function useLiveVersionProgress(room: string | null): void {
  const queryClient = useQueryClient();
  useLiveEvent<VersionProgress>(room, 'dataset.progress', (p) => applyProgress(queryClient, p));
}

const withProgress = (v: VersionRecord, p: VersionProgress): VersionRecord => ({ ...v, status: p.status, progress: p });

function applyProgress(queryClient: QueryClient, p: VersionProgress): void {
  queryClient.setQueriesData<GetListResult<VersionRecord>>({ queryKey: [RESOURCE, 'getList'] }, (list) =>
    list && { ...list, data: list.data.map((v) => (v.id === p.id ? withProgress(v, p) : v)) },
  );
  queryClient.setQueriesData<VersionRecord>({ queryKey: [RESOURCE, 'getOne', { id: String(p.id) }] }, (v) => v && withProgress(v, p));
  if (!isFreezing(p)) void queryClient.invalidateQueries({ queryKey: [RESOURCE] });
}
