import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useLiveEvent } from '../realtime/socket';
import { evaluationKey, resultsKey } from './evaluationCache';
import { experimentsApi, type ResultsFilter } from './experimentsApi';
import { BENCHMARKS, type EvaluationView } from './experimentTypes';

const SUITES: readonly string[] = ['in-domain', ...BENCHMARKS];
const SPLITS = ['valid', 'test'];

/** The results page's filter and page, kept in the address (`?suite=cmmlu&shots=5&page=2`) so a view can be shared. */
export function useResultsQuery(): { filter: ResultsFilter; page: number; set: (patch: Record<string, string>) => void } {
  const [params, setParams] = useSearchParams();
  const suite = params.get('suite') ?? '';
  const split = params.get('split') ?? '';
  const shots = params.get('shots') ?? '';
  const ability = params.get('ability') ?? '';
  const filter: ResultsFilter = {
    ...(SUITES.includes(suite) ? { suite } : {}),
    ...(ability ? { ability } : {}),
    ...(SPLITS.includes(split) ? { split } : {}),
    ...(/^\d+$/.test(shots) ? { shots: Number(shots) } : {}),
  };
  const page = Math.max(0, Number.parseInt(params.get('page') ?? '0', 10) || 0);
  const set = (patch: Record<string, string>) =>
    setParams(
      (now) => {
        const next = new URLSearchParams(now);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        // another filter starts again at the first page
        if (!('page' in patch)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  return { filter, page, set };
}

/**
 * One evaluation, kept current by `evaluation.progress` on `experiment:<id>`; while it runs, each progress event
 * reads its results page again (the runner stores verdicts chunk by chunk).
 */
export function useEvaluation(experimentId: string, evaluationId: string) {
  const queryClient = useQueryClient();
  useLiveEvent<EvaluationView>(`experiment:${experimentId}`, 'evaluation.progress', (view) => {
    if (view.id !== evaluationId) return;
    const before = queryClient.getQueryData<EvaluationView>(evaluationKey(evaluationId));
    queryClient.setQueryData(evaluationKey(evaluationId), view);
    if (before?.progress.requestsDone !== view.progress.requestsDone || before?.status !== view.status) {
      void queryClient.invalidateQueries({ queryKey: resultsKey(evaluationId) });
    }
  });
  return useQuery({ queryKey: evaluationKey(evaluationId), queryFn: () => experimentsApi.evaluation(evaluationId) });
}

export function useResultsPage(evaluationId: string, filter: ResultsFilter, page: number, perPage: number) {
  return useQuery({
    queryKey: [...resultsKey(evaluationId), filter, page, perPage],
    queryFn: () => experimentsApi.results(evaluationId, filter, [page * perPage, page * perPage + perPage - 1]),
    placeholderData: keepPreviousData,
  });
}
