import type { CookieOptions, Request, Response } from 'express';
import { env } from '../config/env';

/** The refresh token's cookie (issue 14 item 8): out of the page's reach (HttpOnly), sent only to /api/auth, never cross-site. */
export const REFRESH_COOKIE = 'pace_refresh';

/** Secure when the request came over TLS (`req.secure`: a proxy's X-Forwarded-Proto counts only where trust proxy is configured). */
export function refreshCookieOptions(req: Pick<Request, 'secure'>): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/api/auth', secure: req.secure };
}

export function setRefreshCookie(req: Request, res: Response, token: string): void {
  res.cookie(REFRESH_COOKIE, token, { ...refreshCookieOptions(req), maxAge: env().REFRESH_TOKEN_TTL_S * 1000 });
}

export function clearRefreshCookie(req: Request, res: Response): void {
  res.clearCookie(REFRESH_COOKIE, refreshCookieOptions(req));
}

/** The refresh cookie's value from the Cookie header (no cookie-parser: this is the one cookie the API reads). */
export function readRefreshCookie(req: Pick<Request, 'headers'>): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== REFRESH_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(value) || undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
