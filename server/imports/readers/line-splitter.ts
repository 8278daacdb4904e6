import { textBytes } from './text-source';

export interface RawLine {
  /** Line content without `\n`, a trailing `\r` or the file's BOM; for an over-long line only its first bytes. */
  bytes: Buffer;
  /** 1-based line number. */
  line: number;
  /** Byte offset where this line starts. */
  start: number;
  /** Byte offset just after this line's `\n` (or the end of the file). */
  end: number;
  /** Full length in bytes when the line is over the limit (`bytes` then holds only its head), else 0. */
  overLimit: number;
  /** For an over-long line: whether it holds an odd number of `"` (lets the CSV reader keep its quoting in step). */
  oddQuotes?: boolean;
}

export interface SplitOptions {
  /** Byte offset to start at; must be the start of a line. */
  start: number;
  /** Number of the line before `start` (0 at the start of the file). */
  startLine: number;
  maxLineBytes: number;
}

/** Bytes kept from an over-long line, for the error excerpt. */
const HEAD_BYTES = 1024;
const EMPTY = Buffer.alloc(0);

function countQuotes(b: Buffer): number {
  let n = 0;
  for (let i = b.indexOf(0x22); i !== -1; i = b.indexOf(0x22, i + 1)) n++;
  return n;
}

function hasBom(b: Buffer): boolean {
  return b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
}

/**
 * Splits a file's text (see textBytes: gzip and UTF-16 come decoded) into lines at the byte level, one batch per read chunk. Memory stays bounded: the
 * unfinished tail of a line is kept only up to `maxLineBytes`; past that only a short head is kept
 * and the rest is counted and dropped until the next newline.
 */
export async function* splitLines(path: string, opts: SplitOptions): AsyncGenerator<RawLine[]> {
  const max = opts.maxLineBytes;
  let chunkStart = opts.start;
  let line = opts.startLine;
  let pieces: Buffer[] = [];
  let pendingLen = 0;
  let head: Buffer | null = null; // set once the unfinished line is known to be over the limit
  let lastByte = 0;
  let quotes = 0; // '"' bytes of an over-long line, counted as it is dropped
  let atFileStart = opts.start === 0;
  let lineStart = opts.start;

  const finish = (tail: Buffer, end: number): RawLine => {
    line++;
    let out: RawLine;
    if (head === null) {
      let bytes = pendingLen === 0 ? tail : Buffer.concat([...pieces, tail], pendingLen + tail.length);
      if (bytes.length > 0 && bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, bytes.length - 1);
      if (atFileStart && hasBom(bytes)) bytes = bytes.subarray(3);
      out =
        bytes.length > max
          ? { bytes: Buffer.from(bytes.subarray(0, HEAD_BYTES)), line, start: lineStart, end, overLimit: bytes.length, oddQuotes: countQuotes(bytes) % 2 === 1 }
          : { bytes, line, start: lineStart, end, overLimit: 0 };
    } else {
      let total = pendingLen + tail.length;
      if ((tail.length > 0 ? tail[tail.length - 1] : lastByte) === 13) total--;
      let h = head;
      if (atFileStart && hasBom(h)) {
        h = h.subarray(3);
        total -= 3;
      }
      out = { bytes: h, line, start: lineStart, end, overLimit: total, oddQuotes: (quotes + countQuotes(tail)) % 2 === 1 };
    }
    lineStart = end;
    pieces = [];
    pendingLen = 0;
    head = null;
    quotes = 0;
    atFileStart = false;
    return out;
  };

  const keep = (part: Buffer): void => {
    if (part.length === 0) return;
    lastByte = part[part.length - 1];
    pendingLen += part.length;
    if (head !== null) {
      quotes += countQuotes(part);
      return;
    }
    pieces.push(part);
    // +4: a trailing \r and a BOM do not count towards the limit
    if (pendingLen > max + 4) {
      const all = Buffer.concat(pieces);
      head = Buffer.from(all.subarray(0, HEAD_BYTES));
      quotes = countQuotes(all);
      pieces = [];
    }
  };

  for await (const chunk of textBytes(path, opts.start)) {
    const batch: RawLine[] = [];
    let pos = 0;
    for (;;) {
      const nl = chunk.indexOf(10, pos);
      if (nl === -1) break;
      batch.push(finish(chunk.subarray(pos, nl), chunkStart + nl + 1));
      pos = nl + 1;
    }
    keep(chunk.subarray(pos));
    chunkStart += chunk.length;
    if (batch.length > 0) yield batch;
  }
  if (pendingLen > 0) yield [finish(EMPTY, chunkStart)];
}
