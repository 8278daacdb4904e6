import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { StudyView } from '../../../server/studies/study-views';
import { useLiveEvent } from '../realtime/socket';
import { studiesApi } from './studiesApi';

export const studyKeys = {
  list: ['studies', 'list'] as const,
  one: (id: number) => ['studies', 'one', id] as const,
};

/** Puts a study's new state into the list and its own page (a `study.progress` event or an action's answer). */
export function useApplyStudy() {
  const queryClient = useQueryClient();
  return (view: StudyView) => {
    queryClient.setQueryData<StudyView[]>(studyKeys.list, (rows) =>
      rows ? (rows.some((s) => s.id === view.id) ? rows.map((s) => (s.id === view.id ? view : s)) : [view, ...rows]) : rows,
    );
    queryClient.setQueryData<StudyView>(studyKeys.one(view.id), (s) => (s ? view : s));
  };
}

/** Every study, newest first, kept current by `study.progress` in the `studies` room. */
export function useStudies() {
  const apply = useApplyStudy();
  useLiveEvent<StudyView>('studies', 'study.progress', apply);
  return useQuery({ queryKey: studyKeys.list, queryFn: studiesApi.list });
}

/** One study, kept current by `study.progress` in `study:<id>`. */
export function useStudy(id: number) {
  const apply = useApplyStudy();
  useLiveEvent<StudyView>(`study:${id}`, 'study.progress', (view) => view.id === id && apply(view));
  return useQuery({ queryKey: studyKeys.one(id), queryFn: () => studiesApi.get(id) });
}
