/**
 * Values computed from data that changes rarely, each kept with the version of the data it was computed from (a
 * fingerprint the caller reads first): a read with the same version gets the kept value, any other version computes
 * afresh and replaces it. Reading the version before computing means a value is never older than its version (under
 * READ COMMITTED each later statement sees at least what the version's did), so a change made meanwhile only costs a
 * recomputation on the next read, never a stale answer. Reads of one key and version while it is being computed share
 * that computation. A failed computation is not kept.
 */
export class VersionedCache {
  private readonly entries = new Map<string, { version: string; value: Promise<unknown> }>();

  /** `max` keys at most; the least recently computed goes first. */
  constructor(private readonly max = 64) {}

  get<T>(key: string, version: string, compute: () => Promise<T>): Promise<T> {
    const kept = this.entries.get(key);
    if (kept && kept.version === version) return kept.value as Promise<T>;
    const value = compute();
    this.entries.delete(key);
    this.entries.set(key, { version, value });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}
