import type { ExportItem } from '../export-types';
import type { FileSink } from './file-sink';

/** Writes one JSON line per item, a page at a time; returns the number of lines. */
export async function writeJsonl(
  sink: FileSink,
  pages: AsyncIterable<ExportItem[]>,
  toRecord: (item: ExportItem) => unknown,
): Promise<number> {
  let rows = 0;
  for await (const page of pages) {
    let text = '';
    for (const item of page) text += JSON.stringify(toRecord(item)) + '\n';
    await sink.write(text);
    rows += page.length;
  }
  return rows;
}
