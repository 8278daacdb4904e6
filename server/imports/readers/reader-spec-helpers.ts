import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { LineError, RawRecord, ReaderOutput } from '../import-types';

/** Test support for the reader specs (temp files, collecting a reader's output). */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'pace-readers-'));
}

export function writeTemp(dir: string, name: string, content: string | Buffer | Array<string | Buffer>): string {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  const data = Array.isArray(content) ? Buffer.concat(content.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))) : content;
  writeFileSync(path, data);
  return path;
}

export async function collect(gen: AsyncIterable<ReaderOutput>): Promise<ReaderOutput[]> {
  const out: ReaderOutput[] = [];
  for await (const o of gen) out.push(o);
  return out;
}

export const records = (outs: ReaderOutput[]): RawRecord[] => outs.filter((o): o is RawRecord => o.kind === 'record');
export const errors = (outs: ReaderOutput[]): LineError[] => outs.filter((o): o is LineError => o.kind === 'error');

/** PACE_SHARED_DATA (the shared data folder) or '' when real-data tests should be skipped. */
export const sharedDataDir = process.env.PACE_SHARED_DATA ?? '';
