import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { GetListResult } from 'react-admin';
import { useLiveEvent } from '../realtime/socket';
import { isActive, withProgress, type ImportProgressView, type ImportRecord } from './importRecord';

/**
 * Applies `import.progress` events from `room` (`imports`, or `import:<id>`) to the imports react-admin has
 * cached, so bars and counters move as the worker commits batches. An import that stops refetches in full.
 */
export function useLiveImportProgress(room: string | null): void {
  const queryClient = useQueryClient();
  useLiveEvent<ImportProgressView>(room, 'import.progress', (view) => applyProgress(queryClient, view));
}

function applyProgress(queryClient: QueryClient, view: ImportProgressView): void {
  // Query keys as react-admin's useGetList and useGetOne build them.
  queryClient.setQueriesData<GetListResult<ImportRecord>>({ queryKey: ['imports', 'getList'] }, (list) =>
    list && { ...list, data: list.data.map((row) => (row.id === view.id ? withProgress(row, view) : row)) },
  );
  queryClient.setQueriesData<ImportRecord>({ queryKey: ['imports', 'getOne', { id: String(view.id) }] }, (record) => record && withProgress(record, view));
  if (!isActive(view)) {
    void queryClient.invalidateQueries({ queryKey: ['imports'] });
    void queryClient.invalidateQueries({ queryKey: [`imports/${view.id}/errors`] });
  }
}
