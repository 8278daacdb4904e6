import { earlyReadsIn, prefetchDashboard } from './dashboard/prefetch';

/**
 * Reads the landing page needs first, started before React renders anything: by early.ts, a script of its own that
 * index.html runs before the app's (the tests' renderAppAs calls it too). Imports nothing from node_modules, so the
 * browser runs it without waiting for the libraries.
 */
export function startEarlyReads(path: string): void {
  prefetchDashboard(path);
}

/** How long the first render may wait for the early reads: past this, the page is drawn without them. */
export const FIRST_RENDER_WAIT_MS = 250;

/** Resolves when the early reads are in, or FIRST_RENDER_WAIT_MS after they started (at once when none were). */
export function firstRenderReady(): Promise<void> {
  return earlyReadsIn(FIRST_RENDER_WAIT_MS);
}
