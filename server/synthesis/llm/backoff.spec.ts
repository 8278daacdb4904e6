import { describe, expect, it } from 'vitest';
import { fullJitterDelay, parseRetryAfter, sleep } from './backoff';

const headers = (h: Record<string, string>) => ({ get: (name: string) => h[name.toLowerCase()] ?? null });

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-12-07T05:00:00Z');

  it('issue 15 item 3: reads Retry-After as delay-seconds (RFC 9110 §10.2.3)', () => {
    expect(parseRetryAfter(headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(parseRetryAfter(headers({ 'retry-after': '0.25' }), now)).toBe(250);
    expect(parseRetryAfter(headers({ 'retry-after': ' 0 ' }), now)).toBe(0);
  });

  it('issue 15 item 3: reads Retry-After as an HTTP-date, relative to now; a past date means now', () => {
    expect(parseRetryAfter(headers({ 'retry-after': 'Mon, 07 Dec 2026 05:00:03 GMT' }), now)).toBe(3000);
    expect(parseRetryAfter(headers({ 'retry-after': 'Mon, 07 Dec 2026 04:59:00 GMT' }), now)).toBe(0);
  });

  it('prefers retry-after-ms (OpenAI) and ignores what it cannot read', () => {
    expect(parseRetryAfter(headers({ 'retry-after-ms': '1500', 'retry-after': '9' }), now)).toBe(1500);
    expect(parseRetryAfter(headers({ 'retry-after': 'soon' }), now)).toBeNull();
    expect(parseRetryAfter(headers({ 'retry-after': '-3' }), now)).toBeNull();
    expect(parseRetryAfter(headers({}), now)).toBeNull();
  });
});

describe('fullJitterDelay', () => {
  it('issue 15 item 3: draws uniformly below min(max, base·2^retry) (full jitter)', () => {
    expect(fullJitterDelay(0, 100, 10_000, () => 0.999)).toBe(99);
    expect(fullJitterDelay(3, 100, 10_000, () => 0.5)).toBe(400);
    expect(fullJitterDelay(10, 100, 10_000, () => 0.999)).toBe(9990); // capped at max
    expect(fullJitterDelay(4, 100, 10_000, () => 0)).toBe(0);
    const draws = Array.from({ length: 200 }, () => fullJitterDelay(2, 100, 10_000));
    expect(Math.max(...draws)).toBeLessThan(400);
    expect(new Set(draws).size).toBeGreaterThan(50); // spread, not one fixed delay
  });
});

describe('sleep', () => {
  it('rejects with the given error as soon as the signal aborts', async () => {
    const ac = new AbortController();
    const t0 = Date.now();
    const p = sleep(10_000, ac.signal, () => new Error('stopped'));
    setTimeout(() => ac.abort(), 20);
    await expect(p).rejects.toThrow('stopped');
    expect(Date.now() - t0).toBeLessThan(1000);
    await expect(sleep(5, ac.signal, () => new Error('already'))).rejects.toThrow('already');
  });
});
