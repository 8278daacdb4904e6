import { downloadFile } from '../download';
import { httpClient } from '../httpClient';
import { API_URL } from '../session';
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

/** Saves an export's archive under the name the server gives it. */
export function downloadArchive(id: string): Promise<void> {
  return downloadFile(`${API_URL}/exports/${id}/archive`, `export-${id}.tar.gz`);
}
