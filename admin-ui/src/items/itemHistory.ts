import { useQuery } from '@tanstack/react-query';
import type { Wire } from '../../../server/common/wire';
import type { ItemDistractorView } from '../../../server/distractors/distractor-views';
import type { ItemRoundView, PublicDecision } from '../../../server/reviews/review-views';
import type { ItemRevisionView } from '../../../server/revisions/revision-views';
import { apiGet } from '../httpClient';

/** GET /api/items/:id/reviews, /revisions and /distractors: the server's view types as they arrive over JSON. */
export type ReviewDecision = Wire<PublicDecision>;
export type ReviewRound = Wire<ItemRoundView>;
export type Revision = Wire<ItemRevisionView>;
export type Distractor = Wire<ItemDistractorView>;

const HISTORY = {
  reviews: (itemId: number | string) => apiGet<ReviewRound[]>(`/items/${itemId}/reviews`),
  revisions: (itemId: number | string) => apiGet<Revision[]>(`/items/${itemId}/revisions`),
  distractors: (itemId: number | string) => apiGet<Distractor[]>(`/items/${itemId}/distractors`),
};

/** These routes answer plain arrays (no Content-Range), so they are read outside the data provider. */
export function useItemHistory<K extends keyof typeof HISTORY>(itemId: number | string | undefined, part: K) {
  return useQuery<Awaited<ReturnType<(typeof HISTORY)[K]>>>({
    queryKey: ['items', 'history', String(itemId), part],
    queryFn: () => HISTORY[part](itemId!) as Promise<Awaited<ReturnType<(typeof HISTORY)[K]>>>,
    enabled: itemId !== undefined,
  });
}
