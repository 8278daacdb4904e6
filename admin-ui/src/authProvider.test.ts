import { HttpError } from 'react-admin';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { authProvider } from './authProvider';
import { httpClient } from './httpClient';
import { readSession, REFRESH_MARGIN_MS, saveSession } from './session';
import { signedInAs, stubApi, userWith, type FakeRequest } from './test/fakeApi';

const tokens = (n: number) => ({ accessToken: `access-${n}`, expiresIn: 900, user: userWith('lead') });

describe('authProvider', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-01-01T00:00:00Z'));
  });

  it('signs in by email and keeps the tokens; the role is the permissions', async () => {
    const seen = stubApi({ 'POST /api/auth/login': () => ({ body: tokens(1) }) });
    await authProvider.login({ username: 'lead@pace.test', password: 'secret-password' });
    expect(seen[0].body).toEqual({ email: 'lead@pace.test', password: 'secret-password' });
    expect(seen[0].credentials).toBe('same-origin');
    // issue 14 item 8: the refresh token is the server's HttpOnly cookie; only the short-lived access token is kept
    expect(readSession()).toEqual({ accessToken: 'access-1', expiresAt: Date.now() + 900_000, user: userWith('lead') });
    expect(localStorage.getItem('pace.session')).not.toMatch(/refresh/i);
    await expect(authProvider.checkAuth({})).resolves.toBeUndefined();
    await expect(authProvider.getPermissions!({})).resolves.toBe('lead');
  });

  it("rejects a failed sign-in with the server's message and keeps nothing", async () => {
    stubApi({ 'POST /api/auth/login': () => ({ status: 401, body: { message: 'Wrong email or password' } }) });
    await expect(authProvider.login({ username: 'x@pace.test', password: 'nope' })).rejects.toThrow('Wrong email or password');
    expect(readSession()).toBeNull();
  });

  it('issue 14 item 3: a limited sign-in (429) rejects with a translatable message and keeps nothing', async () => {
    stubApi({ 'POST /api/auth/login': () => ({ status: 429, body: { message: 'Too many failed sign-ins for this account; try again in 2 s' } }) });
    await expect(authProvider.login({ username: 'x@pace.test', password: 'nope' })).rejects.toThrow('pace.account.too_many_sign_ins');
    expect(readSession()).toBeNull();
  });

  it('refreshes an access token about to expire before sending the request', async () => {
    signedInAs('lead', 900);
    vi.setSystemTime(Date.now() + 900_000 - REFRESH_MARGIN_MS + 1);
    const seen = stubApi({
      'POST /api/auth/refresh': () => ({ body: tokens(2) }),
      'GET /api/auth/me': () => ({ body: userWith('lead') }),
    });
    await authProvider.getIdentity!();
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/auth/refresh', 'GET /api/auth/me']);
    // issue 14 item 8: the refresh rides on the cookie, nothing in the body
    expect(seen[0]).toMatchObject({ body: undefined, authorization: null, credentials: 'same-origin' });
    expect(seen[1].authorization).toBe('Bearer access-2');
    expect(readSession()?.accessToken).toBe('access-2');
  });

  it('uses the token as it is while it has more than the margin left', async () => {
    signedInAs('lead', 900);
    vi.setSystemTime(Date.now() + 900_000 - REFRESH_MARGIN_MS - 1000);
    const seen = stubApi({ 'GET /api/auth/me': () => ({ body: userWith('lead') }) });
    await httpClient('/api/auth/me');
    expect(seen).toHaveLength(1);
    expect(seen[0].authorization).toBe('Bearer access-1');
  });

  it('shares one refresh among requests sent together', async () => {
    signedInAs('lead', 10);
    const seen = stubApi({
      'POST /api/auth/refresh': () => ({ body: tokens(2) }),
      'GET /api/items': () => ({ body: [], headers: { 'Content-Range': 'items 0-0/0' } }),
    });
    await Promise.all([httpClient('/api/items'), httpClient('/api/items'), httpClient('/api/items')]);
    expect(seen.filter((r) => r.path === '/api/auth/refresh')).toHaveLength(1);
    expect(seen.filter((r) => r.path === '/api/items').map((r) => r.authorization)).toEqual(Array(3).fill('Bearer access-2'));
  });

  it('retries a request refused with 401 once, after a refresh', async () => {
    signedInAs('lead', 900);
    const seen = stubApi({
      'POST /api/auth/refresh': () => ({ body: tokens(2) }),
      'GET /api/auth/me': (req: FakeRequest) =>
        req.authorization === 'Bearer access-2' ? { body: userWith('lead') } : { status: 401, body: { message: 'Invalid or expired token' } },
    });
    await expect(authProvider.getIdentity!()).resolves.toMatchObject({ id: 'lead-id', fullName: 'lead@pace.test' });
    expect(seen.map((r) => `${r.method} ${r.path} ${r.authorization ?? ''}`.trim())).toEqual([
      'GET /api/auth/me Bearer access-1',
      'POST /api/auth/refresh',
      'GET /api/auth/me Bearer access-2',
    ]);
  });

  it('ends the session when the refresh token is refused: the 401 reaches checkError, which signs out', async () => {
    signedInAs('lead', 900);
    stubApi({
      'POST /api/auth/refresh': () => ({ status: 401, body: { message: 'Account is disabled or no longer exists' } }),
      'GET /api/auth/me': () => ({ status: 401, body: { message: 'Account is disabled or no longer exists' } }),
    });
    const error = await httpClient('/api/auth/me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(401);
    expect(readSession()).toBeNull();
    await expect(authProvider.checkError(error)).rejects.toBe(error);
    await expect(authProvider.checkAuth({})).rejects.toThrow();
  });

  it('stays signed in on 403: a refused action is not an ended session', async () => {
    signedInAs('annotator');
    await expect(authProvider.checkError(new HttpError('Forbidden', 403))).resolves.toBeUndefined();
    expect(readSession()).not.toBeNull();
  });

  // issue 14 item 1: signing out ends the session on the server, not only in this tab
  it('logout signs the session out on the server, then forgets it', async () => {
    signedInAs('admin');
    const seen = stubApi({ 'POST /api/auth/logout': () => ({ status: 204 }) });
    await authProvider.logout({});
    expect(seen).toMatchObject([{ method: 'POST', path: '/api/auth/logout', authorization: 'Bearer access-1', credentials: 'same-origin' }]);
    expect(readSession()).toBeNull();
    await expect(authProvider.checkAuth({})).rejects.toThrow();
    await expect(authProvider.getPermissions!({})).resolves.toBeUndefined();
  });

  it('logout still forgets the session when the server cannot be told; without a session it asks nothing', async () => {
    signedInAs('admin');
    stubApi({ 'POST /api/auth/logout': () => ({ status: 503, body: { message: 'down' } }) });
    await authProvider.logout({});
    expect(readSession()).toBeNull();
    const seen = stubApi({});
    await authProvider.logout({});
    signedInAs('admin');
    await authProvider.logout({ signedOut: true });
    expect(seen).toEqual([]);
    expect(readSession()).toBeNull();
  });

  it('drops a session stored by the version that kept the refresh token in localStorage', async () => {
    localStorage.setItem('pace.session', JSON.stringify({ accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 900_000, user: userWith('lead') }));
    expect(readSession()).toBeNull();
    expect(localStorage.getItem('pace.session')).toBeNull();
  });

  it('tabs take turns to refresh: a tab that waited while another renewed the session uses its token instead of refreshing', async () => {
    signedInAs('lead', 10);
    // Web Locks as two tabs see them: "another tab" holds the lock and renews the session while this one waits.
    let release!: () => void;
    const otherTab = new Promise<void>((r) => (release = r));
    const requests: Promise<unknown>[] = [];
    vi.stubGlobal('navigator', {
      ...navigator,
      locks: {
        request: (name: string, work: () => Promise<unknown>) => {
          expect(name).toBe('pace.session.refresh');
          const turn = otherTab.then(work);
          requests.push(turn);
          return turn;
        },
      },
    });
    const seen = stubApi({ 'GET /api/items': () => ({ body: [], headers: { 'Content-Range': 'items 0-0/0' } }) });
    const call = httpClient('/api/items');
    await Promise.resolve();
    saveSession(tokens(7));
    release();
    await call;
    expect(seen.map((r) => `${r.method} ${r.path} ${r.authorization}`)).toEqual(['GET /api/items Bearer access-7']);
    expect(requests).toHaveLength(1);
  });

  it('shows validation errors as the message rather than as per-field form errors', async () => {
    signedInAs('admin');
    stubApi({ 'POST /api/users': () => ({ status: 400, body: { message: 'Validation failed', errors: ['email must be an email'] } }) });
    const error = (await httpClient('/api/users', { method: 'POST', body: '{}' }).catch((e: unknown) => e)) as HttpError;
    expect(error.message).toBe('email must be an email');
    expect(error.body).not.toHaveProperty('errors');
  });

  it('keeps per-field error entries for the screen that asked', async () => {
    signedInAs('admin');
    const errors = [{ field: 'fine', message: 'too close to the gold answer' }];
    stubApi({ 'POST /api/distractors/check': () => ({ status: 422, body: { message: 'Refused', errors } }) });
    const error = (await httpClient('/api/distractors/check', { method: 'POST', body: '{}' }).catch((e: unknown) => e)) as HttpError;
    expect(error.status).toBe(422);
    expect(error.body).toMatchObject({ errors });
  });
});
