import { describe, expect, it } from 'vitest';
import { readRefreshCookie, refreshCookieOptions } from './refresh-cookie';

describe('refresh cookie', () => {
  // issue 14 item 8: Secure when served over TLS (req.secure), not over plain HTTP, where the browser would drop it
  it('is Secure exactly when the request came over TLS', () => {
    expect(refreshCookieOptions({ secure: true })).toEqual({ httpOnly: true, sameSite: 'strict', path: '/api/auth', secure: true });
    expect(refreshCookieOptions({ secure: false }).secure).toBe(false);
  });

  it('is read from among other cookies, and a malformed one reads as none', () => {
    expect(readRefreshCookie({ headers: { cookie: 'a=1; pace_refresh=abc-_9; b=2' } })).toBe('abc-_9');
    expect(readRefreshCookie({ headers: { cookie: 'pace_refreshx=1' } })).toBeUndefined();
    expect(readRefreshCookie({ headers: { cookie: 'pace_refresh=%E0%A4%A' } })).toBeUndefined();
    expect(readRefreshCookie({ headers: {} })).toBeUndefined();
  });
});
