import { menuFor } from '../roles';
import { API_URL, readSession, REFRESH_MARGIN_MS } from '../session';
import type { PassRates, QueueDepth } from './types';

// Dependency-free on purpose: admin-ui/src/early.ts runs this before the app's libraries are even evaluated.

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
  settled: Promise<unknown>;
}
let early: Early | null = null;

/**
 * A plain GET with the session's access token. Only for these early reads: no token refresh and no react-admin, so it
 * can run before either is loaded. Any failure (a refusal, a lapsed session, the network) rejects, and the dashboard
 * then makes the read the usual way (useLoaded), where refreshes, errors and signing out are handled.
 */
async function earlyGet<T>(path: string, accessToken: string): Promise<T> {
  const res = await fetch(`${API_URL}${path}`, { headers: { Authorization: `Bearer ${accessToken}` } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  return (await res.json()) as T;
}

function started<T>(promise: Promise<T>): Prefetched<T> {
  const p: Prefetched<T> = { promise };
  // kept once it comes, so a dashboard mounting after the answer draws it in its first render;
  // a failure is left to the dashboard, which reads again; never an unhandled rejection from here
  promise.then((v) => (p.value = v)).catch(() => undefined);
  return p;
}

/**
 * When the app opens on the dashboard for someone who may see it, the first paint's two reads (queue depth and pass
 * rates) start from a tiny script of their own (early.ts), before the browser evaluates the app's libraries: on a
 * 2-core machine that evaluation takes about as long as the reads, so their answers are usually in when React first
 * renders, and the page is drawn once with its data instead of once empty and again when the data comes.
 * A session whose token is about to lapse is left to the usual path, which refreshes it first.
 */
export function prefetchDashboard(path: string): void {
  early = null;
  const session = readSession();
  if (path.replace(/\/+$/, '') !== '/dashboard' || !menuFor(session?.user.role).includes('dashboard')) return;
  if (!session || session.expiresAt - Date.now() <= REFRESH_MARGIN_MS) return;
  const queue = started(earlyGet<QueueDepth>('/reviews/queue', session.accessToken));
  const passRates = started(earlyGet<PassRates>('/agreement/pass-rates?groupBy=ability', session.accessToken));
  early = { at: Date.now(), queue, passRates, settled: Promise.allSettled([queue.promise, passRates.promise]) };
}

/**
 * Resolves when the early reads are in (or failed), or after `maxMs`, whichever comes first; at once when none were
 * started. main.tsx renders the app then, so a first render that would come just before the data does not draw an
 * empty page only to draw it again a moment later.
 */
export function earlyReadsIn(maxMs: number): Promise<void> {
  if (!early) return Promise.resolve();
  const { settled, at } = early;
  const left = at + maxMs - Date.now();
  if (left <= 0) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, left);
    void settled.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The prefetched read, at most once and while fresh; a later mount (a return to the page) reads afresh. */
export function takePrefetched<K extends 'queue' | 'passRates'>(key: K): Early[K] {
  const e = early;
  if (!e) return undefined;
  const p = e[key];
  e[key] = undefined;
  return Date.now() - e.at <= FRESH_MS ? p : undefined;
}
