import type { ReaderOutput } from '../import-types';
import { readCsv } from './csv-reader';
import { requireFile, requireFolder } from './file-checks';
import { readJsonArray } from './json-array-reader';
import { readJsonl } from './jsonl-reader';
import { listMarkdownFiles, readMarkdownFiles } from './markdown-files-reader';
import { DEFAULT_MAX_LINE_BYTES, type ReaderFormat, type ReaderOptions } from './reader-types';
import { textSize } from './text-source';

/**
 * Records of a file (or, for markdown-files, a folder) in file order, each with the point to resume
 * after it. Whole-file problems are thrown as FileUnusableError; line problems are yielded as
 * LineErrors and reading goes on.
 */
export function readRecords(path: string, format: ReaderFormat, given: ReaderOptions): AsyncGenerator<ReaderOutput> {
  const options = given.maxLineBytes > 0 ? given : { ...given, maxLineBytes: DEFAULT_MAX_LINE_BYTES };
  switch (format) {
    case 'jsonl':
      return readJsonl(path, options);
    case 'json-array':
      return readJsonArray(path, options);
    case 'csv':
      return readCsv(path, options);
    case 'markdown-files':
      return readMarkdownFiles(path, options);
    default:
      throw new Error(`unknown reader format: ${String(format)}`);
  }
}

/** The unit of `next.offset`: bytes of the file's UTF-8 text (decompressed, transcoded), or the number of .md files for markdown-files. */
export async function totalSize(path: string, format: ReaderFormat): Promise<number> {
  if (format === 'markdown-files') {
    await requireFolder(path);
    return (await listMarkdownFiles(path)).length;
  }
  await requireFile(path);
  return textSize(path);
}
