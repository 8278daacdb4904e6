import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { isFolder, requireFile } from './file-checks';
import type { ReaderFormat } from './reader-types';

const SNIFF_BYTES = 64 * 1024;

/**
 * Format by extension and first non-blank byte: a folder → markdown-files; `.csv` → csv;
 * `.jsonl`/`.ndjson` → jsonl; otherwise '[' → json-array, '{' → jsonl. Null when the content fits none of these. Throws FileUnusableError for
 * a missing, unreadable or empty file.
 */
export async function detectFormat(path: string): Promise<ReaderFormat | null> {
  if (await isFolder(path)) return 'markdown-files';
  await requireFile(path);
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    let i = bytesRead >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    while (i < bytesRead && (buf[i] === 0x20 || buf[i] === 0x0a || buf[i] === 0x0d || buf[i] === 0x09)) i++;
    if (i >= bytesRead) return null;
    if (buf[i] === 0x5b) return 'json-array';
    if (buf[i] === 0x7b) return 'jsonl';
    return null;
  } finally {
    await fh.close();
  }
}
