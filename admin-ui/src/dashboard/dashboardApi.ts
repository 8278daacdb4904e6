import { apiGet as get, apiList, apiSend } from '../httpClient';
import type { ActiveLease, AgreementSummary, Disagreement, LeaseKind, Pairs, PassRates, PauseResult, QueueDepth, Reassigned, Reviewer, ReviewerFigures, RevisionSent } from './types';

/** A κ matrix of 20 × 20 reviewers still reads at a glance; 200 reviewers would make 20,000 cells. */
export const HEATMAP_REVIEWERS = 20;

const post = <T>(path: string, body: unknown) => apiSend<T>('POST', path, body);

/** The dashboard's reads and the lead actions it offers; lists with paging go through the data provider instead. */
export const dashboardApi = {
  queue: () => get<QueueDepth>('/reviews/queue'),
  /** Pass rates alone, answered without the bootstrap: the first paint's. */
  passRates: () => get<PassRates>('/agreement/pass-rates?groupBy=ability'),
  agreement: (groupBy: 'ability' | 'week') => get<AgreementSummary>(`/agreement?groupBy=${groupBy}`),
  /** The heatmap's pairs: those among the HEATMAP_REVIEWERS reviewers with the most paired rounds, and everyone's mean κ. */
  pairs: () => get<Pairs>(`/agreement/pairs?intervals=true&top=${HEATMAP_REVIEWERS}`),
  reviewerFigures: () => get<ReviewerFigures[]>('/agreement/reviewers'),
  reviewers: () => get<Reviewer[]>('/reviewers'),
  /** Newest first; past the server's count limit the total is a lower bound. */
  disagreements: (offset: number, perPage: number) =>
    apiList<Disagreement>(`/reviews/disagreements?sort=${encodeURIComponent('["decidedAt","DESC"]')}&range=${encodeURIComponent(`[${offset},${offset + perPage - 1}]`)}`),
  leases: () => get<ActiveLease[]>('/reviewers/leases'),
  pause: (reviewerId: string, paused: boolean) =>
    post<PauseResult>(`/reviewers/${reviewerId}/pause`, { paused }),
  sendItemsToRevision: (itemIds: number[]) => post<RevisionSent>('/revisions/assign', { itemIds }),
  /** Re-opens accepted items: the server refuses it (409) unless confirmed, and audits the reason. */
  reopenItems: (itemIds: number[], reason: string) => post<RevisionSent>('/revisions/assign', { itemIds, confirmReopen: true, reason }),
  sendAbilitiesToRevision: (abilityIds: number[]) => post<RevisionSent>('/revisions/assign', { abilityIds }),
  /** `toReviewerId` null sends the work back to the pool. */
  reassign: (kind: LeaseKind, leaseId: string, toReviewerId: string | null) =>
    post<Reassigned>('/reviewers/leases/reassign', { kind, leaseId, toReviewerId }),
};
