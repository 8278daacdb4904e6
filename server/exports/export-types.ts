export const EXPORT_FORMATS = ['doit', 'hf', 'openai'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_STATUSES = ['queued', 'running', 'cancelling', 'cancelled', 'completed', 'failed'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

export type Split = 'train' | 'valid' | 'test';
export const SPLITS: readonly Split[] = ['train', 'valid', 'test'];

export interface Message {
  role: string;
  content: string;
}

/** An item_snapshots row's content (written by the dataset freeze). */
export interface SnapshotContent {
  messages: Message[];
  questionFormat: 0 | 1;
  answerType: string;
  gold: string | null;
  choices: unknown;
  distractors?: { fine: string; coarse: string } | null;
  /** Only where the item was not dual-reviewed (see server/datasets/freeze/item-snapshot.ts). */
  reviewMode?: 'single' | 'none';
}

/** One item of a version as the writers see it. */
export interface ExportItem {
  id: string;
  ability: string;
  content: SnapshotContent;
}

/** A written file as the manifest lists it. */
export interface FileEntry {
  path: string;
  bytes: number;
  sha256: string;
  rows?: number;
}

/** What a row of `exports.progress` holds: the counters users see and the files a resume keeps. */
export interface ExportProgress {
  filesDone: number;
  filesTotal: number;
  rowsWritten: number;
  rowsTotal: number;
  bytesWritten: number;
  currentFile: string | null;
  files: FileEntry[];
}

export function emptyProgress(): ExportProgress {
  return { filesDone: 0, filesTotal: 0, rowsWritten: 0, rowsTotal: 0, bytesWritten: 0, currentFile: null, files: [] };
}

/** The recipe an export samples its train split with (null: the version's whole train split). */
export interface ExportRecipe {
  id: number;
  name: string;
  revision: number;
  spec: unknown;
}
