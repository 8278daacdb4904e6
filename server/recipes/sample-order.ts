import { createHash } from 'node:crypto';

/**
 * The seeded order items are sampled in: ascending SHA-256 of `${seed}:${itemId}` (the id in decimal), ties by id.
 * Taking the first q of an ability in this order makes a smaller quota's sample a prefix of a larger one's for the
 * same seed, and keeps the relative order of the same items across versions. The SQL and Node forms agree.
 */
export function sampleKeySql(seedParam: string, itemIdColumn: string): string {
  return `sha256(convert_to(${seedParam}::text || ':' || ${itemIdColumn}::text, 'UTF8'))`;
}

export function sampleKey(seed: number, itemId: string | number | bigint): Buffer {
  return createHash('sha256').update(`${seed}:${itemId}`).digest();
}

/** `itemIds` in sample order, as the database orders them. */
export function sampleOrder(seed: number, itemIds: readonly string[]): string[] {
  const keyed = itemIds.map((id) => ({ id, key: sampleKey(seed, id) }));
  keyed.sort((a, b) => Buffer.compare(a.key, b.key) || (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0));
  return keyed.map((k) => k.id);
}
