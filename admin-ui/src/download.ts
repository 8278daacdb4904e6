import { HttpError } from 'react-admin';
import { parseJson, serverMessage } from './httpClient';
import { accessToken, refreshSession } from './session';

/**
 * Fetches a file with the bearer token (a bare link would carry none) and saves it under the name the server gives
 * in Content-Disposition, or `fallbackName`. A 401 gets one retry after a token refresh, as in httpClient.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  const get = (token: string) => fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  let res = await get(await accessToken());
  if (res.status === 401) res = await get((await refreshSession()).accessToken);
  if (!res.ok) throw new HttpError(serverMessage(parseJson(await res.text()), `HTTP ${res.status}`), res.status);
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName;
  const href = URL.createObjectURL(await res.blob());
  const link = Object.assign(document.createElement('a'), { href, download: name });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
