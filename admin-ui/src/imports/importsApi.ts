import { HttpError } from 'react-admin';
import { downloadFile } from '../download';
import { apiGet, apiSend, parseJson, serverMessage, withBearer } from '../httpClient';
import { API_URL } from '../session';
import type { AdapterView } from '../../../server/imports/import-views';
import type { ImportRecord } from './importRecord';

/** GET /api/imports/adapters: the server's view type. */
export type { AdapterView as Adapter } from '../../../server/imports/import-views';

/** The multipart fields of POST /api/imports (server/imports/dto/create-import.dto.ts). */
export interface ImportUpload {
  file: File;
  adapter?: string;
  ability?: string;
  sourceId?: string;
  sourceName?: string;
  license?: string;
  csvMapping?: Record<string, string>;
}

export const fetchAdapters = () => apiGet<AdapterView[]>('/imports/adapters');

export const importAction = (id: string, action: 'cancel' | 'resume') => apiSend<ImportRecord>('POST', `/imports/${id}/${action}`);

/**
 * Sends the file with XMLHttpRequest, the one browser API that reports upload progress; `onProgress` gets whole
 * percents. The bearer token and the 401 → refresh → retry are the one fetch path's (httpClient's withBearer).
 */
export async function uploadImport(upload: ImportUpload, onProgress: (percent: number) => void): Promise<ImportRecord> {
  const body = new FormData();
  for (const [name, value] of Object.entries(upload)) {
    if (name === 'file' || value === undefined) continue;
    body.append(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  body.append('file', upload.file, upload.file.name);
  const res = await withBearer((authorization) => send(body, authorization, onProgress));
  if (res.status >= 200 && res.status < 300) return res.body as ImportRecord;
  throw new HttpError(serverMessage(res.body, `HTTP ${res.status}`), res.status, res.body);
}

function send(body: FormData, authorization: string, onProgress: (percent: number) => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_URL}/imports`);
    xhr.setRequestHeader('Authorization', authorization);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => resolve({ status: xhr.status, body: parseJson(xhr.responseText) });
    xhr.onerror = () => reject(new HttpError('ra.notification.http_error', 0));
    xhr.send(body);
  });
}

/** Saves an import's error report under the name the server gives it. */
export function downloadErrorReport(id: string, format: 'csv' | 'jsonl'): Promise<void> {
  return downloadFile(`${API_URL}/imports/${id}/errors/report?format=${format}`, `import-${id}-errors.${format}`);
}
