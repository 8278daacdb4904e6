import { prefetchDashboard } from './dashboard/prefetch';

/** Reads the landing page needs first, started before React renders anything (main.tsx; the tests' renderAppAs too). */
export function startEarlyReads(path: string): void {
  prefetchDashboard(path);
}
