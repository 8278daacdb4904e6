/**
 * Hand copies of API response shapes that admin-ui/src/apiTypes.test.ts must report: the check's own fixture, never
 * imported by the app (files under test/ are left out of the check unless named).
 */
import { useGetList } from 'react-admin';
import type { ExportRecord } from '../exports/exportTypes';
import { apiGet } from '../httpClient';

/** A copy of server/reviews/review-views.ts's QueueDepth. */
export interface QueueDepth {
  stages: Record<string, number>;
  byAbility: { abilityId: number; abilityKey: string; stage: string; count: number }[];
}

export const namedCopy = () => apiGet<QueueDepth>('/reviews/queue');
export const inlineCopy = () => apiGet<{ today: number; approvedToday: number }>('/reviews/mine');
const wrapper = <T>(path: string) => apiGet<T>(path);
export const throughWrapper = () => wrapper<QueueDepth[]>('/reviews/queue');
export const useInlineList = () => useGetList<{ id: number; name: string }>('datasets/versions');
export const fromServer = () => apiGet<ExportRecord[]>('/exports');
