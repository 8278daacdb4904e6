import { accessToken, API_URL, refreshSession } from '../../session';

/** One entry of a 422's `errors`: the field it names (`fine`, `messages[1].content`) and why it was refused. */
export interface FieldError {
  field: string;
  message: string;
  editRatio?: number | null;
}

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
 * POST/GET against /api with the bearer token; resolves to the body, or null for 204 (an empty queue).
 * Not httpClient: the workspace reads 204 as an empty queue, sends exit releases with keepalive, and turns a
 * 422's `errors` into per-field entries for its editors.
 */
export async function callApi<T>(method: 'GET' | 'POST', path: string, body?: unknown, opts: { keepalive?: boolean } = {}): Promise<T | null> {
  const send = (token: string) =>
    fetch(`${API_URL}${path}`, {
      method,
      keepalive: opts.keepalive,
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  let res = await send(await accessToken());
  if (res.status === 401) res = await send((await refreshSession()).accessToken);
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

/** Hands a lease back as the tab goes away: the request must outlive the page. */
export const releaseOnExit = (path: string) => callApi('POST', path, {}, { keepalive: true }).catch(() => undefined);

/** A client-chosen key per submission, so a retried request is not counted twice. */
export const idempotencyKey = () => crypto.randomUUID();
