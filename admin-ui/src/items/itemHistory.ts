import { useQuery } from '@tanstack/react-query';
import { httpClient } from '../httpClient';
import { API_URL } from '../session';

export interface ReviewDecision {
  reviewerId: string;
  reviewerName: string;
  decision: 'approve' | 'reject';
  reasons: string[] | null;
  comment: string | null;
  timeSpentMs: number | null;
  submittedAt: string;
}

/** GET /api/items/:id/reviews: the item's review rounds with the decisions the caller may see. */
export interface ReviewRound {
  id: string;
  kind: 'filter' | 'validation' | 'distractor';
  status: 'open' | 'decided';
  outcome: 'accepted' | 'rejected' | null;
  revision_id: string | null;
  distractor_id: string | null;
  created_at: string;
  decided_at: string | null;
  reviewsIn: number;
  decisions: ReviewDecision[];
}

/** GET /api/items/:id/revisions: submitted revisions; `diff` is a unified diff of the rendered item. */
export interface Revision {
  id: string;
  reviserName: string;
  submittedAt: string;
  diff: string | null;
  comment: string | null;
}

/** GET /api/items/:id/distractors. */
export interface Distractor {
  id: string;
  kind: 'fine' | 'coarse';
  authorName: string;
  text: string;
  editRatio: number | null;
  status: 'pending_review' | 'approved' | 'rejected';
  createdAt: string;
}

interface HistoryParts {
  reviews: ReviewRound[];
  revisions: Revision[];
  distractors: Distractor[];
}

/** These routes answer plain arrays (no Content-Range), so they are read outside the data provider. */
export function useItemHistory<K extends keyof HistoryParts>(itemId: number | string | undefined, part: K) {
  return useQuery({
    queryKey: ['items', 'history', String(itemId), part],
    queryFn: async () => (await httpClient(`${API_URL}/items/${itemId}/${part}`)).json as HistoryParts[K],
    enabled: itemId !== undefined,
  });
}
