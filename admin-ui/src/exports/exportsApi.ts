import { HttpError } from 'react-admin';
import { httpClient } from '../httpClient';
import { accessToken, API_URL, refreshSession } from '../session';
import type { ExportFormat, ExportRecord } from './exportTypes';

const post = async <T>(url: string, body: unknown = {}) => (await httpClient(url, { method: 'POST', body: JSON.stringify(body) })).json as T;

export const exportsApi = {
  listForVersion: async (versionId: number) => {
    const q = new URLSearchParams({ filter: JSON.stringify({ versionId }), range: JSON.stringify([0, 19]) });
    return (await httpClient(`${API_URL}/exports?${q}`)).json as ExportRecord[];
  },
  recipeNames: async () => {
    const q = new URLSearchParams({ range: JSON.stringify([0, 999]), sort: JSON.stringify(['name', 'ASC']) });
    const rows = (await httpClient(`${API_URL}/recipes?${q}`)).json as Array<{ name: string }>;
    return [...new Set(rows.map((r) => r.name))].sort();
  },
  start: (body: { versionId: number; recipe?: string; seed: number; formats: ExportFormat[] }) => post<ExportRecord>(`${API_URL}/exports`, body),
  action: (id: string, action: 'cancel' | 'resume') => post<ExportRecord>(`${API_URL}/exports/${id}/${action}`),
};

/** Fetches the archive with the bearer token (a bare link would carry none) and saves it under its own name. */
export async function downloadArchive(id: string): Promise<void> {
  const url = `${API_URL}/exports/${id}/archive`;
  const get = (token: string) => fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  let res = await get(await accessToken());
  if (res.status === 401) res = await get((await refreshSession()).accessToken);
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { message?: string } | null;
    throw new HttpError(body?.message ?? `HTTP ${res.status}`, res.status);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? `export-${id}.tar.gz`;
  const href = URL.createObjectURL(await res.blob());
  const link = Object.assign(document.createElement('a'), { href, download: name });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
