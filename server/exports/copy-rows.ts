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
      // a tuple: (int16 2)(int32 8)(int64 id)(int32 n)(n bytes); the trailer: (int16 -1)
      while (at + 18 <= pending.length && pending.readInt16BE(at) !== -1) {
        const len = pending.readInt32BE(at + 14);
        if (len < 0) throw new Error(unexportable(idAt(pending, at + 6)));
        const next = at + 18 + len;
        if (next > pending.length) break;
        page.push({ id: idAt(pending, at + 6), value: pending.subarray(at + 18, next) });
        at = next;
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

/** The bigint at `at` as decimal digits (without a BigInt while it fits in a double exactly, as ids do). */
export function idAt(buf: Buffer, at: number): string {
  const high = buf.readUInt32BE(at);
  return high < 0x200000 ? String(high * 0x100000000 + buf.readUInt32BE(at + 4)) : buf.readBigInt64BE(at).toString();
}

/** Why an item's line is missing: the database rendered it as NULL (record-sql.ts). */
export function unexportable(id: string): string {
  return `item ${id}: its snapshot cannot be exported (a message without role or content, or no question format)`;
}
