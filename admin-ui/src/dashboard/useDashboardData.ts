import { useLiveEvent } from '../realtime/socket';
import { dashboardApi } from './dashboardApi';
import { takePrefetched } from './prefetch';
import type { AgreementSummary, QueueDepth } from './types';
import { useCoalesced, useLoaded, type Loaded } from './useLoaded';

/** Figures that no event carries are fetched again this long after the first event of a burst. */
export const REFETCH_AFTER_EVENT_MS = 1500;

/**
 * Everything the dashboard shows, fetched on mount (queue depth and pass rates first, everything else once those
 * are in) and kept current from the server's events: `queue.depth` and `agreement.updated` (pass rates included) carry full payloads; the rest is fetched again after `round.decided` (pairs, per-reviewer
 * figures, weekly trends), `review.submitted` (today's counts, leases) or `queue.depth` (leases come and go with it).
 */
export function useDashboardData() {
  const queue = useLoaded(dashboardApi.queue, { first: () => takePrefetched('queue') });
  const passRates = useLoaded(dashboardApi.passRates, { first: () => takePrefetched('passRates') });
  // Every other read waits until the first paint's two are in (or failed): on a 2-core server the statistics'
  // queries would otherwise compete with them, and a browser sends only six requests to one host at a time.
  const settled = (l: Pick<Loaded<unknown>, 'data' | 'error'>) => l.data !== undefined || l.error !== null;
  const after = settled(queue) && settled(passRates);
  const reviewers = useLoaded(dashboardApi.reviewers, { after });
  const leases = useLoaded(dashboardApi.leases, { after });
  const byAbility = useLoaded(() => dashboardApi.agreement('ability'), { after });
  const weekly = useLoaded(() => dashboardApi.agreement('week'), { after });
  const pairs = useLoaded(dashboardApi.pairs, { after });
  const figures = useLoaded(dashboardApi.reviewerFigures, { after });

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
    if (summary.groupBy !== 'ability') return;
    byAbility.set(summary);
    passRates.set(summary);
  });
  useLiveEvent('leads', 'round.decided', afterDecided);
  useLiveEvent('leads', 'review.submitted', afterSubmitted);

  return { queue, passRates, byAbility, weekly, pairs, figures, reviewers, leases, after };
}

export type DashboardData = ReturnType<typeof useDashboardData>;
