import type { Estimate } from './types';

export const DASH = '—';

export function percent(x: number | null | undefined): string {
  return x == null ? DASH : `${Math.round(x * 100)}%`;
}

export function coefficient(x: number | null | undefined): string {
  return x == null ? DASH : x.toFixed(2);
}

/** "0.72 [0.61, 0.80]": the estimate with its 95% interval, when it has one. */
export function withInterval(e: Estimate): string {
  if (e.estimate == null) return DASH;
  if (e.low == null || e.high == null) return coefficient(e.estimate);
  return `${coefficient(e.estimate)} [${coefficient(e.low)}, ${coefficient(e.high)}]`;
}

export function duration(ms: number | null | undefined): string {
  if (ms == null) return DASH;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** Red at κ ≤ 0 through yellow to green at κ = 1. */
export function kappaColour(k: number): string {
  const t = Math.min(Math.max(k, 0), 1);
  return `hsl(${Math.round(t * 120)}, 65%, 72%)`;
}
