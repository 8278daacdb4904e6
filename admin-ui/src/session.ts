import type { AuthUser as SessionUser, TokenResponse } from '../../server/auth/auth-views';

/** The signed-in user (GET /api/auth/me) and the body of POST /api/auth/login and /refresh: the server's view types. */
export type { SessionUser, TokenResponse };

export const API_URL = '/api';

/**
 * What the tab keeps of a sign-in, in localStorage (shared by the tabs, so a token one tab refreshed serves the others
 * and a new tab starts signed in). Only the short-lived access token (15 minutes by default) sits here: the refresh
 * token lives in the HttpOnly `pace_refresh` cookie the page's scripts cannot read (issue 14 item 8), and every
 * access token stops working once its session is signed out on the server.
 */
export interface Session {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  user: SessionUser;
}

const STORAGE_KEY = 'pace.session';
/** Refresh this long before expiry, so that no request leaves with a token about to lapse on the way. */
export const REFRESH_MARGIN_MS = 30_000;

export function readSession(): Session | null {
  const raw = localStorage.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Session & { refreshToken?: unknown };
    // Kept by a version that stored the refresh token here; the server no longer accepts either of its tokens.
    if ('refreshToken' in session) {
      clearSession();
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

export function saveSession(tokens: TokenResponse): Session {
  const session: Session = { accessToken: tokens.accessToken, expiresAt: Date.now() + tokens.expiresIn * 1000, user: tokens.user };
  localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  return session;
}

export function clearSession(): void {
  localStorage.removeItem(STORAGE_KEY);
}
