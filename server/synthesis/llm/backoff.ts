/** Reads headers the way fetch's `Headers` does. */
export interface HeaderSource {
  get(name: string): string | null;
}

/**
 * How long the server asked to wait, in ms, or null when it did not say: `retry-after-ms` (OpenAI's), else
 * `Retry-After` as delay-seconds or an HTTP-date (RFC 9110 §10.2.3; a date in the past means now).
 */
export function parseRetryAfter(headers: HeaderSource, now = Date.now()): number | null {
  const ms = headers.get('retry-after-ms')?.trim();
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Math.ceil(Number(ms));
  const value = headers.get('retry-after')?.trim();
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  // an HTTP-date starts with the day's name (IMF-fixdate, RFC 850 and asctime alike); Date.parse alone reads "-3" as a year
  if (!/^[A-Za-z]{3}/.test(value)) return null;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

/**
 * "Full jitter" (AWS Architecture Blog, "Exponential Backoff And Jitter"): a uniform draw in
 * [0, min(maxMs, baseMs · 2^retry)), where `retry` counts from 0. Spreads retries of many callers that failed
 * together, instead of having them all come back at the same instant.
 */
export function fullJitterDelay(retry: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, retry));
  return Math.floor(random() * ceiling);
}

/** Resolves after `ms`, or rejects with `onAbort()` as soon as `signal` aborts (the timer is cleared). */
export function sleep(ms: number, signal: AbortSignal | undefined, onAbort: () => Error): Promise<void> {
  if (signal?.aborted) return Promise.reject(onAbort());
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(onAbort());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', abort, { once: true });
  });
}
