import type { QueryClient } from '@tanstack/react-query';
import type { EvaluationView } from './experimentTypes';
import { keys } from './liveExperiments';

/** Puts an evaluation the server just answered into its experiment's list (by epoch, then age) and its own page's query. */
export function storeEvaluation(queryClient: QueryClient, view: EvaluationView): void {
  queryClient.setQueryData(evaluationKey(view.id), view);
  if (!view.experimentId) return;
  queryClient.setQueryData<EvaluationView[]>(keys.part(view.experimentId, 'evaluations'), (rows) => {
    if (!rows) return rows;
    if (rows.some((e) => e.id === view.id)) return rows.map((e) => (e.id === view.id ? view : e));
    return [...rows, view].sort((a, b) => a.epoch - b.epoch || a.createdAt.localeCompare(b.createdAt));
  });
}

export const evaluationKey = (id: string) => ['evaluations', id] as const;
export const resultsKey = (id: string) => ['evaluations', id, 'results'] as const;
