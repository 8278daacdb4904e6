import { apiGet as get, apiSend } from '../httpClient';
import type { StudyCreateRequest, StudyView } from '../../../server/studies/study-views';

/** The studies routes (server/studies/study-views.ts). */
export const studiesApi = {
  list: () => get<StudyView[]>('/studies'),
  get: (id: number) => get<StudyView>(`/studies/${id}`),
  create: (body: StudyCreateRequest) => apiSend<StudyView>('POST', '/studies', body),
  addBaseModel: (id: number, baseModelId: number) => apiSend<StudyView>('POST', `/studies/${id}/base-models`, { baseModelId }),
  addRecipe: (id: number, recipe: string) => apiSend<StudyView>('POST', `/studies/${id}/recipes`, { recipe }),
  cancel: (id: number) => apiSend<StudyView>('POST', `/studies/${id}/cancel`),
};
