import { createHash } from 'node:crypto';

/**
 * The canonical serialization that item snapshots and their hashes are made from: JSON with object keys sorted
 * by UTF-16 code unit (JavaScript's default sort), no whitespace, strings as stored (already NFC, see
 * normalizeText) and escaped as JSON.stringify escapes them, keys whose value is undefined left out. Arrays keep
 * their order. Anyone can recompute a hash from a snapshot's `content` with these rules.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`canonicalJson: ${value} is not JSON`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/** SHA-256 of the canonical serialization's UTF-8 bytes. */
export function sha256Canonical(value: unknown): Buffer {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest();
}
