import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReaderOutput } from '../import-types';
import { excerptOfBytes } from './excerpt';
import { requireFolder } from './file-checks';
import { FileUnusableError } from './file-unusable-error';
import { invalidUtf8Reason, lineError, overLimitReason } from './line-errors';
import type { ReaderOptions } from './reader-types';
import { decodeUtf8 } from './utf8-decode';

/** English twins of the Chinese READMEs in doocs/leetcode-style trees. */
const SKIPPED_NAMES = new Set(['README_EN.md']);

/**
 * Relative paths (with '/') of the `*.md` files under `root`, sorted by code unit so the order,
 * and so the resume index, is the same on every run. Symbolic links are not followed.
 */
export async function listMarkdownFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(rel === '' ? root : join(root, rel), { withFileTypes: true });
    for (const e of entries) {
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) await walk(child);
      else if (e.isFile() && e.name.toLowerCase().endsWith('.md') && !SKIPPED_NAMES.has(e.name)) found.push(child);
    }
  };
  await walk('');
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function lineOfByte(bytes: Uint8Array, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (bytes[i] === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: at - lineStart };
}

/** One record per Markdown file: `{ path, text }`, text as in the file minus a leading BOM. */
export async function* readMarkdownFiles(root: string, options: ReaderOptions): AsyncGenerator<ReaderOutput> {
  await requireFolder(root);
  const files = await listMarkdownFiles(root);
  if (files.length === 0) throw new FileUnusableError(root, 'the folder holds no .md files');
  const max = options.maxLineBytes;
  for (let index = options.resumeFrom?.offset ?? 0; index < files.length; index++) {
    const rel = files[index];
    const file = join(root, rel);
    const next = { offset: index + 1, line: 0 };
    const size = (await stat(file)).size;
    if (size > max) {
      yield lineError(file, 1, 'too_long', overLimitReason(size, max, 'file'), next);
      continue;
    }
    let bytes = await readFile(file);
    if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    const decoded = decodeUtf8(bytes);
    if (!decoded.ok) {
      const { line, column } = lineOfByte(bytes, decoded.invalidAt);
      yield lineError(file, line, 'invalid_utf8', invalidUtf8Reason(column), next, excerptOfBytes(bytes));
      continue;
    }
    yield { kind: 'record', file, line: 1, offset: 0, value: { path: rel, text: decoded.text }, next };
  }
}
