import { apiGet as get, apiSend } from '../httpClient';
import type { ActiveLease, AgreementSummary, LeaseKind, Pairs, PassRates, PauseResult, QueueDepth, Reassigned, Reviewer, ReviewerFigures, RevisionSent } from './types';

const post = <T>(path: string, body: unknown) => apiSend<T>('POST', path, body);

/** The dashboard's reads and the lead actions it offers; lists with paging go through the data provider instead. */
export const dashboardApi = {
  queue: () => get<QueueDepth>('/reviews/queue'),
  /** Pass rates alone, answered without the bootstrap: the first paint's. */
  passRates: () => get<PassRates>('/agreement/pass-rates?groupBy=ability'),
  agreement: (groupBy: 'ability' | 'week') => get<AgreementSummary>(`/agreement?groupBy=${groupBy}`),
  pairs: () => get<Pairs>('/agreement/pairs?intervals=true'),
  reviewerFigures: () => get<ReviewerFigures[]>('/agreement/reviewers'),
  reviewers: () => get<Reviewer[]>('/reviewers'),
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
