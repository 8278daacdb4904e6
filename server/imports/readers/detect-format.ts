import { extname } from 'node:path';
import { isFolder, requireFile } from './file-checks';
import type { ReaderFormat } from './reader-types';
import { inspectText } from './text-source';

/** The extension that names the format: `data.jsonl.gz` → `.jsonl`. */
function formatExtension(path: string): string {
  const ext = extname(path).toLowerCase();
  return ext === '.gz' || ext === '.gzip' ? extname(path.slice(0, -ext.length)).toLowerCase() : ext;
}

function isBlank(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

/**
 * Whether text starting with '[' is JSON Lines whose first value is an array: its first line parses by itself and
 * another line follows. A pretty-printed array opens with a line that does not parse alone, and an array written on
 * one line is the only line.
 */
function isJsonlOfArrays(text: string, from: number): boolean {
  const nl = text.indexOf('\n', from);
  if (nl === -1) return false;
  try {
    JSON.parse(text.slice(from, nl));
  } catch {
    return false;
  }
  return text.slice(nl + 1).trim() !== '';
}

/**
 * Format by folder, extension and content (read as text: gzip and UTF-16 decoded, see text-source): a folder →
 * markdown-files; `.csv` → csv; a first non-blank character '[' → json-array (also in a `.jsonl` file, unless its
 * lines are arrays, whatever the file's name), '{' → jsonl; `.jsonl`/`.ndjson` → jsonl. Null when the content fits none of these. Throws
 * FileUnusableError for a missing, unreadable or empty file, and for one that is not text, saying what it is.
 */
export async function detectFormat(path: string): Promise<ReaderFormat | null> {
  if (await isFolder(path)) return 'markdown-files';
  await requireFile(path);
  const { encoding, head } = await inspectText(path);
  const ext = formatExtension(path);
  if (ext === '.csv') return 'csv';
  const jsonlName = ext === '.jsonl' || ext === '.ndjson';
  const text = encoding.charset === 'utf-8' ? head : null;
  let i = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  if (text === null) {
    // UTF-16: the first character after the BOM and blanks, one code unit at a time
    const be = encoding.charset === 'utf-16be';
    for (i = 2; i + 1 < head.length; i += 2) {
      const c = be ? head.readUInt16BE(i) : head.readUInt16LE(i);
      if (c === 0x5b) return 'json-array';
      if (c === 0x7b) return 'jsonl';
      if (!(c < 0x80 && isBlank(c))) break;
    }
    return jsonlName ? 'jsonl' : null;
  }
  while (i < text.length && isBlank(text[i])) i++;
  if (i < text.length && text[i] === 0x5b) {
    // Whatever the name: a JSON Lines file (`test_zh.txt`) whose first record happens to be an array is still JSON Lines
    const s = text.toString('utf8');
    return isJsonlOfArrays(s, s.indexOf('[')) ? 'jsonl' : 'json-array';
  }
  if (i < text.length && text[i] === 0x7b) return 'jsonl';
  return jsonlName ? 'jsonl' : null;
}
