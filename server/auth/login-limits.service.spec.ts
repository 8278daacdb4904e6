import { describe, expect, it } from 'vitest';
import { accountDelayMs } from './login-limits.service';

describe('accountDelayMs', () => {
  const config = { freeFailures: 5, delayMs: 1000, maxDelayS: 300 };

  it('issue 14 item 3: no wait for the free failures, then 1 s doubling per failure, capped so an account is never locked for long', () => {
    expect([0, 1, 4].map((n) => accountDelayMs(n, config))).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8].map((n) => accountDelayMs(n, config))).toEqual([1000, 2000, 4000, 8000]);
    expect(accountDelayMs(13, config)).toBe(256_000);
    expect(accountDelayMs(14, config)).toBe(300_000);
    expect(accountDelayMs(10_000, config)).toBe(300_000);
  });
});
