import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { FileUnusableError } from './file-unusable-error';
import { READ_CHUNK_BYTES } from './reader-types';
import { firstInvalidUtf8 } from './utf8-decode';

/**
 * The one way readers get at a file's bytes: as UTF-8 text, whatever form it was saved in. Gzip (by its magic bytes,
 * whatever the name) is decompressed and UTF-16 with a byte-order mark is transcoded, as a stream; a UTF-8 BOM is
 * left for the readers, which drop it. Offsets (`next.offset`, a record's position) count bytes of that UTF-8 text,
 * so a resumed read of a decoded file restarts the stream and skips to the offset: a gzip stream cannot be entered
 * in the middle. A file that is not text fails with FileUnusableError saying what it is.
 */

export type Charset = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface TextEncoding {
  gzip: boolean;
  charset: Charset;
}

/** Bytes looked at to tell what a file is. */
const SNIFF_BYTES = 64 * 1024;

const startsWith = (b: Buffer, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Formats that are not text, by their magic bytes: what to tell the user. */
const NOT_TEXT: Array<{ sig: number[]; at?: number; what: string }> = [
  { sig: [0x50, 0x4b, 0x03, 0x04], what: 'a zip archive (an .xlsx or .docx is one too): unzip it and import the JSON, JSON Lines or CSV file inside' },
  { sig: [0x50, 0x4b, 0x05, 0x06], what: 'an empty zip archive' },
  { sig: ascii('%PDF-'), what: 'a PDF document, not a data file' },
  { sig: ascii('PAR1'), what: 'an Apache Parquet file: convert it to JSON Lines first' },
  { sig: ascii('BZh'), what: 'bzip2 data: decompress it first (or compress it with gzip, which Pace reads)' },
  { sig: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'xz data: decompress it first (or compress it with gzip, which Pace reads)' },
  { sig: [0x28, 0xb5, 0x2f, 0xfd], what: 'zstd data: decompress it first (or compress it with gzip, which Pace reads)' },
  { sig: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7z archive: unpack it first' },
  { sig: ascii('ustar'), at: 257, what: 'a tar archive: unpack it first' },
  { sig: ascii('SQLite format 3\0'), what: 'an SQLite database, not a data file' },
  { sig: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'an old Microsoft Office file (.xls, .doc): save it as CSV (UTF-8)' },
  { sig: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image, not a data file' },
  { sig: [0xff, 0xd8, 0xff], what: 'a JPEG image, not a data file' },
  { sig: ascii('GIF8'), what: 'a GIF image, not a data file' },
  { sig: [0xff, 0xfe, 0x00, 0x00], what: 'UTF-32 text: save it as UTF-8' },
  { sig: [0x00, 0x00, 0xfe, 0xff], what: 'UTF-32 text: save it as UTF-8' },
];

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function gzipProblem(path: string, err: unknown): FileUnusableError {
  return new FileUnusableError(path, `gzip data that cannot be decompressed (${(err as Error).message}); the file may be truncated or corrupt`);
}

/** The first `bytes` of a gzip file's content. */
async function gunzipHead(path: string, bytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let got = 0;
  const src = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  const gunzip = createGunzip();
  src.on('error', (e) => gunzip.destroy(e));
  src.pipe(gunzip);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      parts.push(chunk);
      got += chunk.length;
      if (got >= bytes) break;
    }
  } catch (e) {
    throw gzipProblem(path, e);
  } finally {
    src.destroy();
    gunzip.destroy();
  }
  return Buffer.concat(parts).subarray(0, bytes);
}

/** Why a head of bytes without a BOM is not UTF-8 text, or null when it reads as text (a few bad lines are the readers' to report). */
function notTextReason(head: Buffer): string | null {
  // a sequence cut by the end of the sniffed bytes is not a problem
  const n = head.length === SNIFF_BYTES ? head.length - 3 : head.length;
  let nul = 0;
  let nulOdd = 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0) {
      nul++;
      if (i % 2 === 1) nulOdd++;
    } else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) bad++;
  }
  for (let i = 0; i < n; ) {
    const at = firstInvalidUtf8(head.subarray(i, n));
    if (at === -1) break;
    bad++;
    i += at + 1;
  }
  // Binary data and text in another encoding run far past a fifth of their bytes; a text file with some bad lines
  // (a NUL here, a broken character there) stays below it, and its lines are reported one by one.
  const limit = Math.max(8, n / 5);
  if (nul >= limit && (nulOdd > 0.9 * nul || nulOdd < 0.1 * nul)) {
    return 'not UTF-8 text: it looks like UTF-16 text without a byte-order mark; save it as UTF-8 (or as UTF-16 with a BOM)';
  }
  if (nul + bad < limit) return null;
  try {
    new TextDecoder('gb18030', { fatal: true }).decode(head.subarray(0, n));
    if (nul === 0) return 'not UTF-8 text: it reads as GBK/GB18030-encoded text; save it as UTF-8';
  } catch {
    // neither
  }
  return `not UTF-8 text: binary data or another encoding (${nul + bad} of the first ${n} bytes are not UTF-8 text)`;
}

/** What a file holds at its start: gzip or not, and the text's character set. Throws FileUnusableError for anything that is not text. */
export async function inspectText(path: string): Promise<{ encoding: TextEncoding; head: Buffer }> {
  let head = await readHead(path, SNIFF_BYTES);
  const gzip = startsWith(head, [0x1f, 0x8b]);
  if (gzip) {
    head = await gunzipHead(path, SNIFF_BYTES);
    if (head.length === 0) throw new FileUnusableError(path, 'gzip data that holds an empty file');
  }
  const inGzip = gzip ? 'gzip data holding ' : '';
  const known = NOT_TEXT.find((k) => startsWith(head, k.sig, k.at));
  if (known) throw new FileUnusableError(path, `${inGzip}${known.what}`);
  if (startsWith(head, [0xff, 0xfe])) return { encoding: { gzip, charset: 'utf-16le' }, head };
  if (startsWith(head, [0xfe, 0xff])) return { encoding: { gzip, charset: 'utf-16be' }, head };
  const why = notTextReason(head);
  if (why) throw new FileUnusableError(path, `${inGzip}${why}`);
  return { encoding: { gzip, charset: 'utf-8' }, head };
}

/** The encoding of a file, from its first bytes only (no check that it is text): what readers need to decode it. */
async function encodingOf(path: string): Promise<TextEncoding> {
  const first = await readHead(path, 4);
  if (startsWith(first, [0x1f, 0x8b])) {
    const inner = await gunzipHead(path, 2);
    return { gzip: true, charset: charsetOf(inner) };
  }
  return { gzip: false, charset: charsetOf(first) };
}

function charsetOf(head: Buffer): Charset {
  if (startsWith(head, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(head, [0xfe, 0xff])) return 'utf-16be';
  return 'utf-8';
}

export function isPlain(e: TextEncoding): boolean {
  return !e.gzip && e.charset === 'utf-8';
}

const HIGH = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** UTF-8 bytes of a string, writing an unpaired surrogate as its 3-byte form, which UTF-8 decoding then reports at its line. */
function utf8Of(s: string): Buffer {
  if (!HIGH.test(s)) return Buffer.from(s, 'utf8');
  const parts: Buffer[] = [];
  let last = 0;
  for (const m of s.matchAll(LONE)) {
    const c = m[0].charCodeAt(0);
    parts.push(Buffer.from(s.slice(last, m.index), 'utf8'), Buffer.from([0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]));
    last = m.index + 1;
  }
  parts.push(Buffer.from(s.slice(last), 'utf8'));
  return Buffer.concat(parts);
}

/** UTF-16 (after its BOM) → UTF-8, chunk by chunk; a pair or a code unit split between chunks is carried over. */
export async function* transcodeUtf16(chunks: AsyncIterable<Buffer>, bigEndian: boolean): AsyncGenerator<Buffer> {
  let carry: Buffer = Buffer.alloc(0);
  let atStart = true;
  for await (const chunk of chunks) {
    let buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    if (atStart) {
      if (buf.length < 2) {
        carry = Buffer.from(buf);
        continue;
      }
      buf = buf.subarray(2); // the BOM
      atStart = false;
    }
    let usable = buf.length - (buf.length % 2);
    if (usable >= 2) {
      const lastUnit = bigEndian ? buf.readUInt16BE(usable - 2) : buf.readUInt16LE(usable - 2);
      if (lastUnit >= 0xd800 && lastUnit <= 0xdbff) usable -= 2; // its low half may be in the next chunk
    }
    carry = Buffer.from(buf.subarray(usable));
    if (usable === 0) continue;
    const units = bigEndian ? Buffer.from(buf.subarray(0, usable)).swap16() : buf.subarray(0, usable);
    yield utf8Of(units.toString('utf16le'));
  }
  if (carry.length >= 2) {
    const even = carry.subarray(0, carry.length - (carry.length % 2));
    yield utf8Of((bigEndian ? Buffer.from(even).swap16() : even).toString('utf16le'));
  }
  if (carry.length % 2 === 1) yield Buffer.from([0xff]); // a lone last byte: reported as invalid text at its line
}

async function* rawChunks(path: string, start: number): AsyncGenerator<Buffer> {
  const stream = createReadStream(path, { start, highWaterMark: READ_CHUNK_BYTES });
  try {
    yield* stream as AsyncIterable<Buffer>;
  } finally {
    stream.destroy();
  }
}

async function* gunzipChunks(path: string): AsyncGenerator<Buffer> {
  const src = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  const gunzip = createGunzip({ chunkSize: READ_CHUNK_BYTES });
  src.on('error', (e) => gunzip.destroy(e));
  src.pipe(gunzip);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) yield chunk;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code?.startsWith('Z_')) throw gzipProblem(path, e);
    throw e;
  } finally {
    src.destroy();
    gunzip.destroy();
  }
}

function resumePastEnd(path: string, start: number, size: number): FileUnusableError {
  return new FileUnusableError(path, `resume offset ${start} is outside the file (${size} bytes); was the file replaced?`);
}

/** The file's text as UTF-8 bytes from byte `start` of that text. */
export async function* textBytes(path: string, start = 0): AsyncGenerator<Buffer> {
  const encoding = await encodingOf(path);
  if (isPlain(encoding)) {
    const size = (await stat(path)).size;
    if (!Number.isInteger(start) || start < 0 || start > size) throw resumePastEnd(path, start, size);
    yield* rawChunks(path, start);
    return;
  }
  if (!Number.isInteger(start) || start < 0) throw resumePastEnd(path, start, 0);
  const bytes = encoding.gzip ? gunzipChunks(path) : rawChunks(path, 0);
  const text = encoding.charset === 'utf-8' ? bytes : transcodeUtf16(bytes, encoding.charset === 'utf-16be');
  let skipped = 0;
  for await (const chunk of text) {
    if (skipped >= start) {
      yield chunk;
      continue;
    }
    if (skipped + chunk.length > start) yield chunk.subarray(start - skipped);
    skipped += chunk.length;
  }
  if (skipped < start) throw resumePastEnd(path, start, skipped);
}

/** Bytes of the file's UTF-8 text: its size when stored plain, else counted by decoding it once. */
export async function textSize(path: string): Promise<number> {
  if (isPlain(await encodingOf(path))) return (await stat(path)).size;
  let n = 0;
  for await (const chunk of textBytes(path)) n += chunk.length;
  return n;
}
