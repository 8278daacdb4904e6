import { vi } from 'vitest';
import { saveSession, type SessionUser } from '../session';
import type { Role } from '../roles';

export interface FakeRequest {
  method: string;
  path: string;
  search: URLSearchParams;
  authorization: string | null;
  /** fetch's credentials mode (the refresh cookie goes with 'same-origin' or 'include'). */
  credentials: RequestCredentials | undefined;
  body: unknown;
}

export interface FakeResponse {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;

/**
 * Replaces fetch with handlers keyed by "METHOD /path" (query string left out); an unknown route answers 404.
 * Returns the requests seen, in order.
 */
export function stubApi(routes: Record<string, Handler>): FakeRequest[] {
  const seen: FakeRequest[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init: RequestInit = {}) => {
      const url = new URL(input, 'http://localhost');
      const req: FakeRequest = {
        method: init.method ?? 'GET',
        path: url.pathname,
        search: url.searchParams,
        authorization: new Headers(init.headers).get('Authorization'),
        credentials: init.credentials,
        body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
      };
      seen.push(req);
      const handler = routes[`${req.method} ${req.path}`];
      const res = handler ? await handler(req) : { status: 404, body: { message: `No route ${req.method} ${req.path}` } };
      return new Response(res.body === undefined ? null : JSON.stringify(res.body), {
        status: res.status ?? 200,
        headers: { 'Content-Type': 'application/json', ...res.headers },
      });
    }),
  );
  return seen;
}

/** A list answer in the simple-rest shape: the rows and their Content-Range. */
export function listOf(resource: string, rows: unknown[]): FakeResponse {
  return { body: rows, headers: { 'Content-Range': `${resource} 0-${Math.max(rows.length - 1, 0)}/${rows.length}` } };
}

export function userWith(role: Role): SessionUser {
  return { id: `${role}-id`, email: `${role}@pace.test`, role };
}

/** Stores a session as a sign-in would, valid for `expiresIn` seconds from now. */
export function signedInAs(role: Role, expiresIn = 900) {
  return saveSession({ accessToken: 'access-1', expiresIn, user: userWith(role) });
}
