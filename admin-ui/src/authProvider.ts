import type { AuthProvider } from 'react-admin';
import { apiGet, authFetch } from './httpClient';
import { closeLiveSocket } from './realtime/socket';
import { API_URL, clearSession, readSession, saveSession, type SessionUser, type TokenResponse } from './session';

export const authProvider: AuthProvider = {
  /** react-admin's login form names its first field `username`; Pace signs in by email. */
  async login({ username, password }: { username: string; password: string }) {
    const res = await fetch(`${API_URL}/auth/login`, {
      method: 'POST',
      // the answer sets the HttpOnly refresh cookie
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: username, password }),
    });
    // 429: the server's sign-in limits (Retry-After says how long); said in the user's language
    if (res.status === 429) throw new Error('pace.account.too_many_sign_ins');
    const body = (await res.json().catch(() => null)) as (TokenResponse & { message?: string }) | null;
    if (!res.ok || !body) throw new Error(body?.message ?? 'ra.auth.sign_in_error');
    saveSession(body);
  },

  /**
   * Signs this session out on the server (its access and refresh tokens stop working everywhere, and the refresh
   * cookie is cleared), then forgets it here. Without a session (already ended, or `{ signedOut: true }` after
   * "sign out everywhere") there is nothing to tell the server; a failed call still signs out here.
   */
  async logout(params?: { signedOut?: boolean }) {
    if (readSession() && !params?.signedOut) {
      await authFetch(`${API_URL}/auth/logout`, { method: 'POST', credentials: 'same-origin' }).catch(() => undefined);
    }
    clearSession();
    closeLiveSocket();
  },

  async checkAuth() {
    if (!readSession()) throw new Error('ra.auth.auth_check_error');
  },

  /** 401 = the session could not be renewed: sign out. 403 = a refused action: stay signed in and show it. */
  async checkError(error: { status?: number }) {
    if (error?.status === 401) {
      clearSession();
      throw error;
    }
  },

  async getIdentity() {
    const me = await apiGet<SessionUser>('/auth/me');
    return { id: me.id, fullName: me.email, role: me.role };
  },

  async getPermissions() {
    return readSession()?.user.role;
  },
};
