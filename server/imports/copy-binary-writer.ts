const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const INT4_OID = 23;
/** jsonb's binary form: a version byte, then the JSON text. */
const JSONB_VERSION = 1;

/**
 * Builds the body of a `COPY … FROM STDIN (FORMAT binary)` into one growing buffer: per row a field count, per
 * field its length (-1 for NULL) and bytes. Postgres reads it without the text format's escape scanning and hex
 * decoding, and the rows are written without the escaping. Field types must match the columns exactly.
 * Without the header, it encodes loose fields, to be copied into rows later with `raw`.
 */
export class CopyBinaryWriter {
  private buf: Buffer;
  private at = 0;

  /**
   * `memory`: a size to allocate, or memory to write into (a spent writer's `.buffer`): several megabytes per batch,
   * allocated anew each time, made V8 run a full collection every few batches.
   */
  constructor(memory: number | ArrayBuffer, { header = true } = {}) {
    // never from Buffer's shared pool, so the memory can be moved to another thread
    this.buf = typeof memory === 'number' ? Buffer.allocUnsafeSlow(Math.max(64, memory)) : Buffer.from(memory);
    if (header) {
      this.ensure(SIGNATURE.length + 8);
      SIGNATURE.copy(this.buf, 0);
      this.buf.writeInt32BE(0, SIGNATURE.length); // flags
      this.buf.writeInt32BE(0, SIGNATURE.length + 4); // header extension length
      this.at = SIGNATURE.length + 8;
    }
  }

  /** Bytes written so far. */
  get length(): number {
    return this.at;
  }

  row(fields: number): this {
    this.ensure(2);
    this.at = this.buf.writeInt16BE(fields, this.at);
    return this;
  }

  null(): this {
    this.ensure(4);
    this.at = this.buf.writeInt32BE(-1, this.at);
    return this;
  }

  int2(v: number): this {
    this.ensure(6);
    this.at = this.buf.writeInt32BE(2, this.at);
    this.at = this.buf.writeInt16BE(v, this.at);
    return this;
  }

  int4(v: number): this {
    this.ensure(8);
    this.at = this.buf.writeInt32BE(4, this.at);
    this.at = this.buf.writeInt32BE(v, this.at);
    return this;
  }

  int8(v: number): this {
    this.ensure(12);
    this.at = this.buf.writeInt32BE(8, this.at);
    this.at = this.buf.writeBigInt64BE(BigInt(v), this.at);
    return this;
  }

  float4(v: number): this {
    this.ensure(8);
    this.at = this.buf.writeInt32BE(4, this.at);
    this.at = this.buf.writeFloatBE(v, this.at);
    return this;
  }

  /** text, and any other type whose binary form is its UTF-8 text (uuid is not: see `bytes`). */
  text(v: string): this {
    this.ensure(4 + v.length * 3);
    const bytes = this.buf.write(v, this.at + 4, 'utf8');
    this.buf.writeInt32BE(bytes, this.at);
    this.at += 4 + bytes;
    return this;
  }

  jsonb(v: unknown): this {
    const json = JSON.stringify(v);
    this.ensure(5 + json.length * 3);
    this.buf[this.at + 4] = JSONB_VERSION;
    const bytes = this.buf.write(json, this.at + 5, 'utf8');
    this.buf.writeInt32BE(bytes + 1, this.at);
    this.at += 5 + bytes;
    return this;
  }

  /** bytea, or a uuid as its 16 bytes. */
  bytes(v: Uint8Array): this {
    this.ensure(4 + v.length);
    this.at = this.buf.writeInt32BE(v.length, this.at);
    this.buf.set(v, this.at);
    this.at += v.length;
    return this;
  }

  /** Fields encoded by another writer. */
  raw(fields: Uint8Array): this {
    this.ensure(fields.length);
    this.buf.set(fields, this.at);
    this.at += fields.length;
    return this;
  }

  int4Array(values: ArrayLike<number>): this {
    const n = values.length;
    this.ensure(24 + n * 8);
    const b = this.buf;
    let at = b.writeInt32BE(20 + n * 8, this.at);
    at = b.writeInt32BE(1, at); // dimensions
    at = b.writeInt32BE(0, at); // no NULLs
    at = b.writeInt32BE(INT4_OID, at);
    at = b.writeInt32BE(n, at);
    at = b.writeInt32BE(1, at); // lower bound
    for (let i = 0; i < n; i++) {
      at = b.writeInt32BE(4, at);
      at = b.writeInt32BE(values[i], at);
    }
    this.at = at;
    return this;
  }

  /** The whole COPY body, trailer included; the writer is spent. */
  finish(): Buffer {
    this.ensure(2);
    this.at = this.buf.writeInt16BE(-1, this.at);
    return this.buf.subarray(0, this.at);
  }

  /** What was written, without a trailer; the writer is spent. */
  written(): Buffer {
    return this.buf.subarray(0, this.at);
  }

  private ensure(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.at + bytes));
    this.buf.copy(grown, 0, 0, this.at);
    this.buf = grown;
  }
}
