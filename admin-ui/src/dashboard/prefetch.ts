import { menuFor } from '../roles';
import { readSession } from '../session';
import { dashboardApi } from './dashboardApi';
import type { PassRates, QueueDepth } from './types';

/** A prefetched read older than this is not used: the dashboard reads afresh. */
const FRESH_MS = 5000;

interface Early {
  at: number;
  queue?: Promise<QueueDepth>;
  passRates?: Promise<PassRates>;
}
let early: Early | null = null;

/**
 * When the app opens on the dashboard for someone who may see it, the first paint's two reads (queue depth and pass
 * rates) start as soon as the app's code has loaded, while React is still building the page around them: on a
 * 2-core machine that boot takes a few hundred milliseconds, about as long as the reads themselves.
 */
export function prefetchDashboard(path: string): void {
  early = null;
  const role = readSession()?.user.role;
  if (path.replace(/\/+$/, '') !== '/dashboard' || !menuFor(role).includes('dashboard')) return;
  early = { at: Date.now(), queue: dashboardApi.queue(), passRates: dashboardApi.passRates() };
  // a failure is reported by the dashboard, which takes the promise; never as an unhandled rejection from here
  early.queue!.catch(() => undefined);
  early.passRates!.catch(() => undefined);
}

/** The prefetched read, at most once and while fresh; a later mount (a return to the page) reads afresh. */
export function takePrefetched<K extends 'queue' | 'passRates'>(key: K): Early[K] {
  const e = early;
  if (!e) return undefined;
  const p = e[key];
  e[key] = undefined;
  return Date.now() - e.at <= FRESH_MS ? p : undefined;
}
