/** Signature ↔ little-endian uint32 bytes, for a Postgres bytea column. */
export function signatureToBuffer(sig: Uint32Array): Buffer {
  const buffer = Buffer.allocUnsafe(sig.length * 4);
  for (let i = 0; i < sig.length; i++) buffer.writeUInt32LE(sig[i], i * 4);
  return buffer;
}

export function signatureFromBuffer(bytes: Uint8Array): Uint32Array {
  if (bytes.length % 4 !== 0) throw new RangeError(`signature bytes must be a multiple of 4, got ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sig = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < sig.length; i++) sig[i] = view.getUint32(i * 4, true);
  return sig;
}

/** Band keys as plain numbers, for a Postgres int4[] column. */
export function keysToArray(keys: Int32Array): number[] {
  return Array.from(keys);
}

/** Band keys read back from an int4[] column. */
export function keysFromArray(values: readonly number[]): Int32Array {
  const keys = Int32Array.from(values);
  for (let i = 0; i < values.length; i++) {
    if (keys[i] !== values[i]) throw new RangeError(`band key ${values[i]} is not an int32`);
  }
  return keys;
}
