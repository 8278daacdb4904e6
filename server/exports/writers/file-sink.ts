import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FileEntry } from '../export-types';

/**
 * A file being written: bytes go to `<path>.partial` through a stream (waiting for it to drain, so memory stays
 * bounded) and into a SHA-256 as they pass; `close()` renames it into place. An aborted file leaves nothing behind.
 */
export class FileSink {
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;

  private constructor(
    private readonly path: string,
    private readonly stream: WriteStream,
    private readonly onBytes: (n: number) => void,
  ) {}

  static async open(path: string, onBytes: (n: number) => void = () => undefined): Promise<FileSink> {
    await mkdir(dirname(path), { recursive: true });
    const stream = createWriteStream(`${path}.partial`, { highWaterMark: 1 << 20 });
    await new Promise<void>((resolve, reject) => stream.once('open', () => resolve()).once('error', reject));
    return new FileSink(path, stream, onBytes);
  }

  get written(): number {
    return this.bytes;
  }

  async write(chunk: Buffer | Uint8Array | string): Promise<void> {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (buf.length === 0) return;
    this.hash.update(buf);
    this.bytes += buf.length;
    this.onBytes(buf.length);
    if (!this.stream.write(buf)) await drained(this.stream);
  }

  async close(relativePath: string, rows?: number): Promise<FileEntry> {
    await new Promise<void>((resolve, reject) => this.stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
    await rename(`${this.path}.partial`, this.path);
    const entry: FileEntry = { path: relativePath, bytes: this.bytes, sha256: this.hash.digest('hex') };
    if (rows !== undefined) entry.rows = rows;
    return entry;
  }

  async abort(): Promise<void> {
    this.stream.destroy();
    await rm(`${this.path}.partial`, { force: true });
  }
}

function drained(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => {
      stream.off('drain', onDrain);
      reject(e);
    };
    const onDrain = () => {
      stream.off('error', onError);
      resolve();
    };
    stream.once('drain', onDrain).once('error', onError);
  });
}

/** SHA-256 and size of a file on disk, or null when it is missing. */
export async function hashFile(path: string): Promise<{ bytes: number; sha256: string } | null> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) return null;
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return { bytes: info.size, sha256: hash.digest('hex') };
}

/** `entry` when the file on disk still has its recorded size and SHA-256 (a finished file kept on resume). */
export async function verified(dir: string, entry: FileEntry | undefined): Promise<FileEntry | null> {
  if (!entry) return null;
  const actual = await hashFile(join(dir, entry.path));
  return actual && actual.bytes === entry.bytes && actual.sha256 === entry.sha256 ? entry : null;
}

/** Writes a small text file (the dataset card, the manifest) the same way as the data files. */
export async function writeText(dir: string, path: string, text: string, counter: { addBytes(n: number): void }): Promise<FileEntry> {
  const sink = await FileSink.open(join(dir, path), (n) => counter.addBytes(n));
  await sink.write(text);
  return sink.close(path);
}
