export const FORMATS = ['doit', 'hf', 'openai'] as const;
export type ExportFormat = (typeof FORMATS)[number];

/** The `export.progress` event and an export's `progress` in the API: the same object. */
export interface ExportProgressView {
  id: string;
  status: 'queued' | 'running' | 'cancelling' | 'cancelled' | 'completed' | 'failed';
  filesDone: number;
  filesTotal: number;
  rowsWritten: number;
  rowsTotal: number;
  bytesWritten: number;
  currentFile: string | null;
  percent: number;
  failureReason: string | null;
}

export interface ManifestFile {
  path: string;
  bytes: number;
  rows?: number;
  sha256: string;
}

export interface ExportRecord {
  id: string;
  versionId: number;
  recipeName: string | null;
  seed: number;
  formats: ExportFormat[];
  status: ExportProgressView['status'];
  progress: ExportProgressView;
  manifest: { files: ManifestFile[]; recipe: { name: string; revision: number } | null } | null;
  manifestSha256: string | null;
  failureReason: string | null;
  createdAt: string;
}

export const isActive = (e: { status: string }) => ['queued', 'running', 'cancelling'].includes(e.status);
