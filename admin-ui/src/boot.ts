import { earlyReadsIn, prefetchDashboard } from './dashboard/prefetch';

/**
 * Reads the landing page needs first, started before React renders anything: by early.ts, main.tsx's first import,
 * which vite.config.mts puts in a chunk of its own that the browser evaluates before the libraries (the tests'
 * renderAppAs calls it too). Imports nothing from node_modules.
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
