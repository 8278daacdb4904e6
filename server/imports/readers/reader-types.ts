import type { ResumePoint } from '../import-types';

export type ReaderFormat = 'jsonl' | 'json-array' | 'csv' | 'markdown-files';

export interface ReaderOptions {
  /** Largest accepted line (jsonl, csv), element (json-array) or file (markdown-files), in bytes. */
  maxLineBytes: number;
  /** A `next` point from an earlier read of the same file: the read continues after it. */
  resumeFrom?: ResumePoint;
  csv?: { delimiter?: string };
  /**
   * Whether the reader's output number `ordinal` (0-based, counted from where the read starts) is wanted. A JSONL
   * line that is not is yielded as a record with a null value, without being decoded or parsed where the output
   * count does not depend on it: a pool worker only counts the records another worker standardizes. Other readers
   * read everything.
   */
  wants?: (ordinal: number) => boolean;
}

export const DEFAULT_MAX_LINE_BYTES = 1_048_576;

/** Bytes read from disk per chunk. */
export const READ_CHUNK_BYTES = 256 * 1024;
