import type { ResumePoint } from '../import-types';

export type ReaderFormat = 'jsonl' | 'json-array' | 'csv' | 'markdown-files';

export interface ReaderOptions {
  /** Largest accepted line (jsonl, csv), element (json-array) or file (markdown-files), in bytes. */
  maxLineBytes: number;
  /** A `next` point from an earlier read of the same file: the read continues after it. */
  resumeFrom?: ResumePoint;
  csv?: { delimiter?: string };
}

export const DEFAULT_MAX_LINE_BYTES = 1_048_576;

/** Bytes read from disk per chunk. */
export const READ_CHUNK_BYTES = 256 * 1024;
