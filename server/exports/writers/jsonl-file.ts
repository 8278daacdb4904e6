import type { FileSink } from './file-sink';

/** Writes JSON lines already rendered (by the database, see record-sql.ts) a page at a time; returns the line count. */
export async function writeJsonl(sink: FileSink, pages: AsyncIterable<{ rows: number; bytes: Buffer }>): Promise<number> {
  let rows = 0;
  for await (const page of pages) {
    await sink.write(page.bytes);
    rows += page.rows;
  }
  return rows;
}
