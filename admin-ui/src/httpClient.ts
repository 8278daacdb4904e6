import { fetchUtils, HttpError } from 'react-admin';
import { API_URL, clearSession, readSession, REFRESH_MARGIN_MS, saveSession, type Session, type TokenResponse } from './session';

/**
 * The admin UI's one fetch path. Every request to /api that needs the signed-in user goes through `withBearer`:
 * it attaches the bearer token (refreshed first when about to lapse), and a 401 gets one retry after a token refresh
 * (the token may have been revoked or the clock skewed). Concurrent callers share one refresh request. When the
 * refresh is refused the session is cleared and the call fails with a 401 HttpError: react-admin's
 * authProvider.checkError (and the workspace's LoadFailed) take that to the login page.
 *
 * On top of it: `authFetch` (a raw Response: downloads, the workspace's 204s), `httpClient` (react-admin's fetchJson
 * contract, for the data provider) and the typed calls `apiGet`/`apiSend`/`apiList`, whose type argument names the
 * server's view type (checked by admin-ui/src/apiTypes.test.ts).
 */
export async function withBearer<R extends { status: number }>(send: (authorization: string) => Promise<R>): Promise<R> {
  const res = await send(`Bearer ${await accessToken()}`);
  if (res.status !== 401) return res;
  return send(`Bearer ${(await refreshSession()).accessToken}`);
}

/** fetch with the bearer token and the 401 → refresh → retry of `withBearer`. */
export function authFetch(url: string, init: RequestInit = {}): Promise<Response> {
  return withBearer((authorization) => {
    const headers = new Headers(init.headers);
    headers.set('Authorization', authorization);
    return fetch(url, { ...init, headers });
  });
}

/** react-admin's fetchJson contract (JSON in and out, HttpError on a refusal) over `authFetch`. */
export async function httpClient(url: string, options: fetchUtils.Options = {}) {
  const { user: _user, ...init } = options;
  const res = await authFetch(url, { ...init, headers: fetchUtils.createHeadersFromOptions(options) });
  const body = await res.text();
  const json = parseJson(body) as { message?: unknown } | null;
  if (res.status < 200 || res.status >= 300) {
    throw readable(new HttpError((typeof json?.message === 'string' && json.message) || res.statusText, res.status, json ?? undefined));
  }
  return { status: res.status, headers: res.headers, body, json: json as unknown };
}

/** GET /api`path`, answering the server's view type `T`. */
export async function apiGet<T>(path: string): Promise<T> {
  return (await httpClient(`${API_URL}${path}`)).json as T;
}

/** POST/PUT/PATCH/DELETE /api`path` with a JSON body, answering the server's view type `T`. */
export async function apiSend<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return (await httpClient(`${API_URL}${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })).json as T;
}

/**
 * A paged list (simple-rest: rows plus `Content-Range: name 0-24/130`): its rows and total (the rows' count without the
 * header). `totalIsLowerBound` when the server stopped counting there (`X-Total-Is-Lower-Bound`): "1,000+".
 */
export async function apiList<T>(path: string): Promise<{ rows: T[]; total: number; totalIsLowerBound: boolean }> {
  const res = await httpClient(`${API_URL}${path}`);
  const rows = res.json as T[];
  const total = Number(res.headers.get('Content-Range')?.split('/').pop());
  return { rows, total: Number.isFinite(total) ? total : rows.length, totalIsLowerBound: res.headers.get('X-Total-Is-Lower-Bound') === 'true' };
}

/**
 * The server answers `{ message, errors? }`; class-validator's `errors` is a list of sentences, which react-admin
 * would take for per-field form errors and hide. Shown as the message instead.
 */
function readable(e: HttpError): HttpError {
  const errors = (e.body as { errors?: unknown } | undefined)?.errors;
  // Per-field entries ({ field, message }) are for the screen that sent the request: kept as they came.
  if (!Array.isArray(errors) || !errors.every((x) => typeof x === 'string')) return e;
  return new HttpError(errors.join('; '), e.status, { message: errors.join('; ') });
}

/** The server answers `{ message, errors? }`; validation errors come as a list of sentences. */
export function serverMessage(body: unknown, fallback: string): string {
  const { message, errors } = (body ?? {}) as { message?: unknown; errors?: unknown };
  if (Array.isArray(errors) && errors.length) return errors.join('; ');
  return typeof message === 'string' && message ? message : fallback;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function sessionEnded(): HttpError {
  return new HttpError('ra.notification.logged_out', 401);
}

let refreshing: Promise<Session> | null = null;

/**
 * Trades the refresh cookie for a new access token; concurrent callers in this tab share one request, and tabs take
 * turns (a Web Lock), so a tab that finds the session already renewed by another while it waited uses that one
 * instead of refreshing again. A refusal ends the session.
 */
export function refreshSession(): Promise<Session> {
  const stale = readSession()?.accessToken;
  refreshing ??= oneTabAtATime(() => exchangeRefreshCookie(stale)).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** The Web Locks API where the browser has it; without it, the server's grace period covers two tabs refreshing at once. */
function oneTabAtATime<T>(work: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? locks.request('pace.session.refresh', work) : work();
}

async function exchangeRefreshCookie(stale: string | undefined): Promise<Session> {
  const current = readSession();
  if (!current) throw sessionEnded();
  if (current.accessToken !== stale && current.expiresAt - Date.now() > REFRESH_MARGIN_MS) return current;
  // The refresh token is the HttpOnly pace_refresh cookie (Path=/api/auth): sent by the browser, never read here.
  const res = await fetch(`${API_URL}/auth/refresh`, { method: 'POST', credentials: 'same-origin' });
  if (!res.ok) {
    clearSession();
    throw sessionEnded();
  }
  return saveSession((await res.json()) as TokenResponse);
}

/** A valid access token, refreshed first when it expires within the margin. */
export async function accessToken(): Promise<string> {
  const session = readSession();
  if (!session) throw sessionEnded();
  if (session.expiresAt - Date.now() > REFRESH_MARGIN_MS) return session.accessToken;
  return (await refreshSession()).accessToken;
}
