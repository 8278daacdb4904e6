import { fetchUtils, HttpError } from 'react-admin';
import { accessToken, refreshSession } from './session';

/**
 * fetchJson with the bearer token. A 401 gets one retry after a token refresh (the token may have been revoked
 * or the clock skewed); if the refresh fails too, the 401 reaches authProvider.checkError, which signs out.
 */
export async function httpClient(url: string, options: fetchUtils.Options = {}) {
  const send = (token: string) => fetchUtils.fetchJson(url, { ...options, user: { authenticated: true, token: `Bearer ${token}` } });
  try {
    try {
      return await send(await accessToken());
    } catch (e) {
      if (e instanceof HttpError && e.status === 401) return await send((await refreshSession()).accessToken);
      throw e;
    }
  } catch (e) {
    throw readable(e);
  }
}

/**
 * The server answers `{ message, errors? }`; class-validator's `errors` is a list of sentences, which react-admin
 * would take for per-field form errors and hide. Shown as the message instead.
 */
function readable(e: unknown): unknown {
  if (!(e instanceof HttpError)) return e;
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
