import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useLiveEvent } from '../realtime/socket';
import { experimentsApi, type ExperimentFilter } from './experimentsApi';
import type { EvaluationView, ExperimentView, ScoresChangedEvent, StepsEvent, TrainingStepView } from './experimentTypes';

export const keys = {
  /** every list, whatever its filter (for invalidation) */
  list: ['experiments', 'list'] as const,
  listOf: (filter: ExperimentFilter) => ['experiments', 'list', filter] as const,
  one: (id: string) => ['experiments', 'one', id] as const,
  part: (id: string, part: 'steps' | 'checkpoints' | 'evaluations' | 'scores' | 'log') => ['experiments', id, part] as const,
};

/** The experiments `filter` lets through, newest first, kept current by `experiment.progress` on the `experiments` room. */
export function useExperiments(filter: ExperimentFilter = {}) {
  const queryClient = useQueryClient();
  useLiveEvent<ExperimentView>('experiments', 'experiment.progress', (view) => applyProgress(queryClient, view, true));
  return useQuery({ queryKey: keys.listOf(filter), queryFn: () => experimentsApi.list(filter) });
}

/** Whether a list read with `filter` would have `view` (the server's rules for GET /experiments). */
export function matchesFilter(view: ExperimentView, filter: ExperimentFilter): boolean {
  return (
    (filter.status === undefined || view.status === filter.status) &&
    (filter.versionId === undefined || view.version.id === filter.versionId) &&
    (filter.baseModelId === undefined || view.baseModel.id === filter.baseModelId)
  );
}

/** One experiment, kept current by `experiment.progress` on `experiment:<id>`; `experiment.scores` refreshes its best. */
export function useExperiment(id: string) {
  const queryClient = useQueryClient();
  useLiveEvent<ExperimentView>(`experiment:${id}`, 'experiment.progress', (view) => {
    if (view.id === id) applyProgress(queryClient, view, false);
  });
  useLiveEvent<ScoresChangedEvent>(`experiment:${id}`, 'experiment.scores', (e) => {
    if (e.experimentId !== id) return;
    void queryClient.invalidateQueries({ queryKey: keys.part(id, 'scores') });
    void queryClient.invalidateQueries({ queryKey: keys.one(id) });
  });
  return useQuery({ queryKey: keys.one(id), queryFn: () => experimentsApi.get(id) });
}

function applyProgress(queryClient: QueryClient, view: ExperimentView, listKnowsAll: boolean): void {
  const before = queryClient.getQueryData<ExperimentView>(keys.one(view.id));
  for (const query of queryClient.getQueryCache().findAll({ queryKey: keys.list })) {
    const filter = (query.queryKey[2] ?? {}) as ExperimentFilter;
    const fits = matchesFilter(view, filter);
    queryClient.setQueryData<ExperimentView[]>(query.queryKey, (rows) => {
      if (!rows) return rows;
      // a run that left the filter (say, "running" and now completed) leaves the list
      if (rows.some((e) => e.id === view.id)) return fits ? rows.map((e) => (e.id === view.id ? view : e)) : rows.filter((e) => e.id !== view.id);
      // an experiment the list has not seen (a policy just queued it, or it now fits the filter): newest first
      return listKnowsAll && fits ? [view, ...rows].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) : rows;
    });
  }
  queryClient.setQueryData<ExperimentView>(keys.one(view.id), (e) => (e ? view : e));
  // a new checkpoint or a final state: the page's checkpoints and log are read again
  if (before && (before.checkpoints !== view.checkpoints || before.status !== view.status)) {
    void queryClient.invalidateQueries({ queryKey: keys.part(view.id, 'checkpoints') });
    void queryClient.invalidateQueries({ queryKey: keys.part(view.id, 'log') });
  }
}

/** Merges two ascending step lists; a step seen twice keeps its newer copy. */
export function mergeSteps(a: TrainingStepView[], b: TrainingStepView[]): TrainingStepView[] {
  if (b.length === 0) return a;
  const byStep = new Map(a.map((s) => [s.step, s]));
  for (const s of b) byStep.set(s.step, s);
  return [...byStep.values()].sort((x, y) => x.step - y.step);
}

/**
 * The training curve: `GET /experiments/:id/steps`, then the steps `experiment.steps` delivers. Steps that arrive
 * before the first answer are kept; a gap (events missed while disconnected) is filled with `?after=<last step>`.
 */
export function useTrainingSteps(id: string) {
  const queryClient = useQueryClient();
  const key = keys.part(id, 'steps');
  const query = useQuery({
    queryKey: key,
    queryFn: async () => mergeSteps(await experimentsApi.steps(id), queryClient.getQueryData<TrainingStepView[]>(key) ?? []),
  });
  useLiveEvent<StepsEvent>(`experiment:${id}`, 'experiment.steps', (e) => {
    if (e.experimentId !== id || e.steps.length === 0) return;
    const known = queryClient.getQueryData<TrainingStepView[]>(key) ?? [];
    const last = known.at(-1)?.step ?? 0;
    queryClient.setQueryData<TrainingStepView[]>(key, mergeSteps(known, e.steps));
    const first = Math.min(...e.steps.map((s) => s.step));
    if (known.length > 0 && first > last + 1) {
      void experimentsApi.steps(id, last).then((missed) => queryClient.setQueryData<TrainingStepView[]>(key, (now) => mergeSteps(missed, now ?? [])));
    }
  });
  return query;
}

/** The experiment's evaluations, one per checkpoint (and re-runs), with live `evaluation.progress`. */
export function useEvaluations(id: string) {
  const queryClient = useQueryClient();
  const key = keys.part(id, 'evaluations');
  useLiveEvent<EvaluationView>(`experiment:${id}`, 'evaluation.progress', (view) => {
    if (view.experimentId !== id) return;
    const rows = queryClient.getQueryData<EvaluationView[]>(key);
    if (rows?.some((e) => e.id === view.id)) queryClient.setQueryData<EvaluationView[]>(key, rows.map((e) => (e.id === view.id ? view : e)));
    else if (rows) queryClient.setQueryData<EvaluationView[]>(key, [...rows, view].sort((a, b) => a.epoch - b.epoch || a.createdAt.localeCompare(b.createdAt)));
  });
  return useQuery({ queryKey: key, queryFn: () => experimentsApi.evaluations(id) });
}
