import { useLiveEvent } from '../realtime/socket';
import { dashboardApi } from './dashboardApi';
import type { AgreementSummary, QueueDepth } from './types';
import { useCoalesced, useLoaded } from './useLoaded';

/** Figures that no event carries are fetched again this long after the first event of a burst. */
export const REFETCH_AFTER_EVENT_MS = 1500;

/**
 * Everything the dashboard shows, fetched on mount and kept current from the server's events: `queue.depth` and
 * `agreement.updated` carry full payloads; the rest is fetched again after `round.decided` (pairs, per-reviewer
 * figures, weekly trends), `review.submitted` (today's counts, leases) or `queue.depth` (leases come and go with it).
 */
export function useDashboardData() {
  const queue = useLoaded(dashboardApi.queue);
  const byAbility = useLoaded(() => dashboardApi.agreement('ability'));
  const weekly = useLoaded(() => dashboardApi.agreement('week'));
  const pairs = useLoaded(dashboardApi.pairs);
  const figures = useLoaded(dashboardApi.reviewerFigures);
  const reviewers = useLoaded(dashboardApi.reviewers);
  const leases = useLoaded(dashboardApi.leases);

  const afterDecided = useCoalesced(() => {
    weekly.reload();
    pairs.reload();
    figures.reload();
  }, REFETCH_AFTER_EVENT_MS);
  const afterSubmitted = useCoalesced(() => {
    reviewers.reload();
    leases.reload();
  }, REFETCH_AFTER_EVENT_MS);
  const afterQueueMoved = useCoalesced(leases.reload, REFETCH_AFTER_EVENT_MS);

  useLiveEvent<QueueDepth>('queue', 'queue.depth', (depth) => {
    queue.set(depth);
    afterQueueMoved();
  });
  useLiveEvent<AgreementSummary>('leads', 'agreement.updated', (summary) => {
    if (summary.groupBy === 'ability') byAbility.set(summary);
  });
  useLiveEvent('leads', 'round.decided', afterDecided);
  useLiveEvent('leads', 'review.submitted', afterSubmitted);

  return { queue, byAbility, weekly, pairs, figures, reviewers, leases };
}

export type DashboardData = ReturnType<typeof useDashboardData>;
