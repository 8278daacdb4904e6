import type { FieldError } from '../../../../server/common/error-views';
import { authFetch } from '../../httpClient';
import { API_URL } from '../../session';

/** One entry of a 422's `errors`: the server's type. */
export type { FieldError } from '../../../../server/common/error-views';

/** A refused request: the status and the server's message, with its per-field entries when it gave some. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
  }
}

/**
 * POST/PUT/GET against /api through the one fetch path (authFetch: bearer token, refresh on 401); resolves to the body,
 * or null for 204 (an empty queue). Raw rather than httpClient's JSON contract: the workspace reads 204 as an empty
 * queue, sends exit releases with keepalive, and turns a 422's `errors` into per-field entries for its editors.
 */
export async function callApi<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, opts: { keepalive?: boolean } = {}): Promise<T | null> {
  const res = await authFetch(`${API_URL}${path}`, {
    method,
    keepalive: opts.keepalive,
    headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return null;
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, json?.message ?? res.statusText, fieldErrors(json?.errors));
  return json as T;
}

function fieldErrors(errors: unknown): FieldError[] {
  if (!Array.isArray(errors)) return [];
  return errors.filter((e): e is FieldError => typeof e === 'object' && e !== null && typeof e.field === 'string');
}

export const post = <T>(path: string, body: unknown = {}) => callApi<T>('POST', path, body);
export const get = <T>(path: string) => callApi<T>('GET', path);
export const put = <T>(path: string, body: unknown) => callApi<T>('PUT', path, body);

/** Hands a lease back as the tab goes away: the request must outlive the page. */
export const releaseOnExit = (path: string) => callApi('POST', path, {}, { keepalive: true }).catch(() => undefined);

/** A client-chosen key per submission, so a retried request is not counted twice. */
export const idempotencyKey = () => crypto.randomUUID();
