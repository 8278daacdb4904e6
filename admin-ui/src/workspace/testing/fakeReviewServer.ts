import type { FakeRequest, FakeResponse } from '../../test/fakeApi';
import type { ReviewLease } from '../shared/types';
import type { Routes } from './renderWorkspace';

type Decide = (req: FakeRequest, lease: ReviewLease) => FakeResponse | Promise<FakeResponse>;

/**
 * The review queue as the server keeps it (server/reviews, the AddReviewPrefetch migration): plain `next` answers
 * the oldest lease held, `prefetch` the second, and a new lease is taken from `pending` while fewer than two are held.
 */
export function fakeReviewServer(leases: ReviewLease[], decide: Decide = () => ({ body: { outcome: null } })): Routes {
  const pending = [...leases];
  const held: ReviewLease[] = [];
  const drop = (id: string) => {
    const i = held.findIndex((l) => l.lease.id === id);
    if (i >= 0) held.splice(i, 1);
  };
  const routes: Routes = {
    'POST /api/reviews/next': (req) => {
      const prefetch = (req.body as { prefetch?: boolean } | undefined)?.prefetch === true;
      const want = prefetch ? 1 : 0;
      if (held[want]) return { body: held[want] };
      if (held.length >= 2 || !pending.length) return { status: 204 };
      held.push(pending.shift()!);
      return { body: held.at(-1) };
    },
  };
  for (const l of leases) {
    routes[`POST /api/reviews/${l.lease.id}/decision`] = async (req) => {
      const res = await decide(req, l);
      if ((res.status ?? 200) < 300) drop(l.lease.id);
      return res;
    };
    routes[`POST /api/reviews/${l.lease.id}/release`] = () => {
      drop(l.lease.id);
      return { body: { released: true } };
    };
  }
  return routes;
}

/** The requests for a next item: plain ones and prefetches. */
export const nextCalls = (seen: FakeRequest[], prefetch: boolean) =>
  seen.filter((r) => r.path === '/api/reviews/next' && ((r.body as { prefetch?: boolean })?.prefetch === true) === prefetch);
