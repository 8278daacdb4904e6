import { menuFor } from '../roles';
import { readSession } from '../session';
import { dashboardApi } from './dashboardApi';
import type { PassRates, QueueDepth } from './types';

/** A prefetched read older than this is not used: the dashboard reads afresh. */
const FRESH_MS = 5000;

/** A read started before the page rendered: its promise, and its value once it has come. */
export interface Prefetched<T> {
  promise: Promise<T>;
  value?: T;
}

interface Early {
  at: number;
  queue?: Prefetched<QueueDepth>;
  passRates?: Prefetched<PassRates>;
}
let early: Early | null = null;

function started<T>(promise: Promise<T>): Prefetched<T> {
  const p: Prefetched<T> = { promise };
  // kept once it comes, so a dashboard mounting after the answer draws it in its first render;
  // a failure is reported by the dashboard, which takes the promise; never as an unhandled rejection from here
  promise.then((v) => (p.value = v)).catch(() => undefined);
  return p;
}

/**
 * When the app opens on the dashboard for someone who may see it, the first paint's two reads (queue depth and pass
 * rates) start as soon as the app's code has loaded, while React is still building the page around them: on a
 * 2-core machine that boot takes a few hundred milliseconds, about as long as the reads themselves.
 */
export function prefetchDashboard(path: string): void {
  early = null;
  const role = readSession()?.user.role;
  if (path.replace(/\/+$/, '') !== '/dashboard' || !menuFor(role).includes('dashboard')) return;
  early = { at: Date.now(), queue: started(dashboardApi.queue()), passRates: started(dashboardApi.passRates()) };
}

/** The prefetched read, at most once and while fresh; a later mount (a return to the page) reads afresh. */
export function takePrefetched<K extends 'queue' | 'passRates'>(key: K): Early[K] {
  const e = early;
  if (!e) return undefined;
  const p = e[key];
  e[key] = undefined;
  return Date.now() - e.at <= FRESH_MS ? p : undefined;
}
