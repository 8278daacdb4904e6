import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';

const SIGNATURE_BYTES = 11 + 4 + 4; // "PGCOPY\n\377\r\n\0", flags, header extension length

/** A row of `SELECT <bigint id>, <value>`: the id and the value's bytes as PostgreSQL sent them (binary format). */
export interface CopiedRow {
  id: string;
  value: Buffer;
}

/**
 * Streams `SELECT <bigint id>, <value> …` as a binary COPY and yields its rows in pages: one query for a whole file
 * segment instead of a query per page. The stream is read a page at a time, so memory stays bounded by the page
 * size. A NULL value is refused, naming the item.
 */
export async function* copyRows(client: PoolClient, select: string, pageRows: number): AsyncGenerator<CopiedRow[]> {
  const stream = client.query(copyTo(`COPY (${select}) TO STDOUT (FORMAT binary)`));
  let pending: Buffer = Buffer.alloc(0);
  let header = SIGNATURE_BYTES;
  let page: CopiedRow[] = [];
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

/** One tuple at `at`: (int16 2)(int32 8)(int64 id)(int32 n)(n bytes); a null value for the trailer; null when incomplete. */
function readRow(buf: Buffer, at: number): { value: CopiedRow | null; next: number } | null {
  if (at + 2 > buf.length) return null;
  if (buf.readInt16BE(at) === -1) return { value: null, next: at + 2 };
  if (at + 18 > buf.length) return null;
  const id = buf.readBigInt64BE(at + 6).toString();
  const len = buf.readInt32BE(at + 14);
  if (len < 0) throw new Error(unexportable(id));
  const end = at + 18 + len;
  if (end > buf.length) return null;
  return { value: { id, value: buf.subarray(at + 18, end) }, next: end };
}

/** Why an item's line is missing: the database rendered it as NULL (record-sql.ts). */
export function unexportable(id: string): string {
  return `item ${id}: its snapshot cannot be exported (a message without role or content, or no question format)`;
}
