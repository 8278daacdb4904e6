import { createReadStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { PairRow } from './ingest.repository';

/** One line of the file the glan adapter (server/imports/adapters/specs/glan.adapter.ts) reads. */
export interface PairLine {
  pairId: number;
  runId: string;
  answerKey: string;
  question: string;
  answer: string;
  tags: PairRow['tags'];
}

/** Writes the pairs as JSON lines, line i + 1 being pairs[i]. */
export async function writePairsFile(path: string, runId: string, pairs: PairRow[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const lines = pairs.map((p) => JSON.stringify({ pairId: p.id, runId, answerKey: p.answerKey, question: p.question, answer: p.answer, tags: p.tags } satisfies PairLine));
  await writeFile(path, lines.join('\n') + '\n');
}

/** Line number → pair id, read back from a pairs file (so that a resumed ingestion maps an import's errors to pairs). */
export async function linesToPairs(path: string): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
    line++;
    const m = /^\{"pairId":(\d+),/.exec(text);
    if (m) out.set(line, Number(m[1]));
  }
  return out;
}
