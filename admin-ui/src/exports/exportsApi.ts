import { downloadFile } from '../download';
import { apiGet, apiSend } from '../httpClient';
import type { RecipeRecord } from '../recipes/recipeTypes';
import { API_URL } from '../session';
import type { ExportFormat, ExportRecord } from './exportTypes';

export const exportsApi = {
  listForVersion: (versionId: number) => {
    const q = new URLSearchParams({ filter: JSON.stringify({ versionId }), range: JSON.stringify([0, 19]) });
    return apiGet<ExportRecord[]>(`/exports?${q}`);
  },
  /** Each recipe name once, in the server's order: pickers sort them for the reader (recipes/recipeOrder). */
  recipeNames: async () => {
    const q = new URLSearchParams({ range: JSON.stringify([0, 999]), sort: JSON.stringify(['name', 'ASC']) });
    const rows = await apiGet<RecipeRecord[]>(`/recipes?${q}`);
    return [...new Set(rows.map((r) => r.name))];
  },
  start: (body: { versionId: number; recipe?: string; seed: number; formats: ExportFormat[] }) => apiSend<ExportRecord>('POST', '/exports', body),
  action: (id: string, action: 'cancel' | 'resume') => apiSend<ExportRecord>('POST', `/exports/${id}/${action}`, {}),
};

/** Saves an export's archive under the name the server gives it. */
export function downloadArchive(id: string): Promise<void> {
  return downloadFile(`${API_URL}/exports/${id}/archive`, `export-${id}.tar.gz`);
}
