import { HttpError } from 'react-admin';
import { authFetch, parseJson, serverMessage } from './httpClient';

/**
 * Fetches a file through the one fetch path (a bare link would carry no bearer token; a 401 is refreshed and retried
 * there) and saves it under the name the server gives in Content-Disposition, or `fallbackName`.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  const res = await authFetch(url);
  if (!res.ok) throw new HttpError(serverMessage(parseJson(await res.text()), `HTTP ${res.status}`), res.status);
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName;
  const href = URL.createObjectURL(await res.blob());
  const link = Object.assign(document.createElement('a'), { href, download: name });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
