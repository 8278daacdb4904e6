import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { SnapshotContent } from './export-types';

const SIGNATURE_BYTES = 11 + 4 + 4; // "PGCOPY\n\377\r\n\0", flags, header extension length

/**
 * Streams `SELECT <bigint id>, <jsonb content> …` as a binary COPY and yields its rows in pages: one query for a
 * whole file segment instead of a query per page, which is what makes exports run at disk speed. The stream is read
 * page by page, so memory stays bounded by the page size.
 */
export async function* copyRows(client: PoolClient, select: string, pageRows: number): AsyncGenerator<Array<{ id: string; content: SnapshotContent }>> {
  const stream = client.query(copyTo(`COPY (${select}) TO STDOUT (FORMAT binary)`));
  let pending: Buffer = Buffer.alloc(0);
  let header = SIGNATURE_BYTES;
  let page: Array<{ id: string; content: SnapshotContent }> = [];
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      let at = Math.min(header, pending.length);
      header -= at;
      for (let row = readRow(pending, at); row?.value; row = readRow(pending, at)) {
        at = row.next;
        page.push(row.value);
        if (page.length >= pageRows) {
          yield page;
          page = [];
        }
      }
      pending = pending.subarray(at);
    }
    if (page.length) yield page;
  } finally {
    stream.destroy();
  }
}

/** One tuple at `at`: (int16 2)(int32 8)(int64 id)(int32 n)(1)(json text); null value for the trailer; null when incomplete. */
function readRow(buf: Buffer, at: number): { value: { id: string; content: SnapshotContent } | null; next: number } | null {
  if (at + 2 > buf.length) return null;
  const fields = buf.readInt16BE(at);
  if (fields === -1) return { value: null, next: at + 2 };
  if (at + 2 + 4 + 8 + 4 > buf.length) return null;
  const id = buf.readBigInt64BE(at + 6).toString();
  const len = buf.readInt32BE(at + 14);
  const end = at + 18 + len;
  if (end > buf.length) return null;
  // jsonb's binary form is a version byte (1) and the text
  const content = JSON.parse(buf.toString('utf8', at + 19, end)) as SnapshotContent;
  return { value: { id, content }, next: end };
}
