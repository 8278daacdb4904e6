import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LlmConfigError, LlmRequestTooLarge } from './llm-errors';
import { Permit, RateLimiter, TokenBucket } from './rate-limiter';

const cancelled = () => new Error('cancelled');

describe(TokenBucket.name, () => {
  it('starts full, refills evenly over the window, never above capacity, and can carry a debt', () => {
    const b = new TokenBucket(10, 1000, 0);
    expect(b.waitFor(10, 0)).toBe(0);
    b.take(10, 0);
    expect(b.waitFor(1, 0)).toBe(100);
    expect(b.waitFor(5, 250)).toBe(250);
    expect(b.available(5000)).toBe(10);
    b.take(10, 5000);
    b.adjust(-5, 5000); // the call cost 5 more than reserved
    expect(b.waitFor(1, 5000)).toBe(600);
  });
});

describe(RateLimiter.name, () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  const admitted = (l: RateLimiter, tokens: number, log: number[], permits: Permit[], signal?: AbortSignal) =>
    l.acquire(tokens, signal, cancelled).then((p) => {
      log.push(Date.now());
      permits.push(p);
      return p;
    });

  it('issue 15 item 3: never admits more than `concurrency` at once; a release admits the next', async () => {
    const l = new RateLimiter({ concurrency: 2 });
    const log: number[] = [];
    const permits: Permit[] = [];
    for (let i = 0; i < 5; i++) void admitted(l, 1, log, permits);
    await vi.advanceTimersByTimeAsync(0);
    expect(permits).toHaveLength(2);
    expect(l.stats()).toMatchObject({ inFlight: 2, queued: 3 });
    permits[0].release();
    permits[0].release(); // twice is once
    await vi.advanceTimersByTimeAsync(0);
    expect(permits).toHaveLength(3);
    expect(l.stats()).toMatchObject({ inFlight: 2, peakInFlight: 2, queued: 2 });
  });

  it('issue 15 item 3: requests per window: a burst of the bucket, then one per window/limit', async () => {
    const l = new RateLimiter({ concurrency: 100, requestsPerWindow: 4, windowMs: 1000 });
    const log: number[] = [];
    const permits: Permit[] = [];
    for (let i = 0; i < 8; i++) void admitted(l, 1, log, permits).then((p) => p.release());
    await vi.advanceTimersByTimeAsync(2000);
    expect(log).toEqual([0, 0, 0, 0, 250, 500, 750, 1000]);
  });

  it('issue 15 item 3: tokens per window: reserved before, corrected after (a refund admits the next call sooner)', async () => {
    const l = new RateLimiter({ concurrency: 100, tokensPerWindow: 1000, windowMs: 1000 });
    const log: number[] = [];
    const permits: Permit[] = [];
    void admitted(l, 600, log, permits);
    void admitted(l, 600, log, permits);
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual([0]); // 400 left: the second waits
    permits[0].settle(100); // it used 100 of its 600: 500 back, 900 available
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual([0, 0]);
    // a call that cost more than it reserved leaves a debt the next one waits for
    permits[1].settle(1100); // 300 - 500 = -200
    void admitted(l, 100, log, permits);
    await vi.advanceTimersByTimeAsync(299);
    expect(log).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(log).toEqual([0, 0, 300]);
  });

  it('issue 15 item 3: a call larger than the token window fails at once, naming both numbers', async () => {
    const l = new RateLimiter({ concurrency: 1, tokensPerWindow: 100, windowMs: 1000 });
    const e = await l.acquire(101, undefined, cancelled).catch((x) => x);
    expect(e).toBeInstanceOf(LlmRequestTooLarge);
    expect(e.message).toMatch(/about 101 tokens.*limit of 100/);
  });

  it('is first in, first out: a large call at the head is not overtaken by small ones', async () => {
    const l = new RateLimiter({ concurrency: 100, tokensPerWindow: 1000, windowMs: 1000 });
    const order: string[] = [];
    await l.acquire(900, undefined, cancelled);
    void l.acquire(800, undefined, cancelled).then(() => order.push('large'));
    void l.acquire(50, undefined, cancelled).then(() => order.push('small'));
    await vi.advanceTimersByTimeAsync(699);
    expect(order).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(order).toEqual(['large']);
    await vi.advanceTimersByTimeAsync(50);
    expect(order).toEqual(['large', 'small']);
  });

  it('issue 15 item 3: pauseUntil holds every admission (a Retry-After is about the endpoint)', async () => {
    const l = new RateLimiter({ concurrency: 10 });
    const log: number[] = [];
    const permits: Permit[] = [];
    l.pauseUntil(Date.now() + 500);
    l.pauseUntil(Date.now() + 100); // an earlier pause does not shorten it
    void admitted(l, 1, log, permits);
    expect(l.stats().pausedForMs).toBe(500);
    await vi.advanceTimersByTimeAsync(499);
    expect(log).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(log).toEqual([500]);
  });

  it('issue 15 item 3: an abort while queued rejects at once and frees the queue position', async () => {
    const l = new RateLimiter({ concurrency: 1 });
    const first = await l.acquire(1, undefined, cancelled);
    const ac = new AbortController();
    const waiting = l.acquire(1, ac.signal, cancelled);
    const log: number[] = [];
    const permits: Permit[] = [];
    void admitted(l, 1, log, permits);
    ac.abort();
    await expect(waiting).rejects.toThrow('cancelled');
    first.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(permits).toHaveLength(1);
    expect(l.stats()).toMatchObject({ inFlight: 1, queued: 0 });
    await expect(l.acquire(1, ac.signal, cancelled)).rejects.toThrow('cancelled');
  });

  it('refuses limits that are not positive integers, naming the setting', () => {
    expect(() => new RateLimiter({ concurrency: 0 })).toThrow(LlmConfigError);
    expect(() => new RateLimiter({ concurrency: 2, requestsPerWindow: 1.5 })).toThrow(/limits.requestsPerWindow must be a positive integer, got 1.5/);
    expect(() => new RateLimiter({ concurrency: 2, windowMs: -1 })).toThrow(/limits.windowMs/);
  });
});
