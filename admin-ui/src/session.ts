import type { AuthUser as SessionUser, TokenResponse } from '../../server/auth/auth-views';

/** The signed-in user (GET /api/auth/me) and the body of POST /api/auth/login and /refresh: the server's view types. */
export type { SessionUser, TokenResponse };

export const API_URL = '/api';

export interface Session {
  accessToken: string;
  refreshToken: string;
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
    return JSON.parse(raw) as Session;
  } catch {
    return null;
  }
}

export function saveSession(tokens: TokenResponse): Session {
  const session: Session = {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: Date.now() + tokens.expiresIn * 1000,
    user: tokens.user,
  };
  localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  return session;
}

export function clearSession(): void {
  localStorage.removeItem(STORAGE_KEY);
}
