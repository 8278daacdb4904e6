const MAX_LOAD = 0.75;
const EMPTY = -1;
const GOLDEN = 0x9e3779b1 | 0;

/** One band's open-addressing table: interleaved [key, head] int32 pairs, head = EMPTY when free. */
interface BandTable {
  slots: Int32Array;
  /** log2 of the slot count. */
  bits: number;
  used: number;
  /** next[entry] = the previous entry with the same key in this band, or EMPTY. */
  next: Int32Array;
}

/**
 * Banded LSH index over int32 band keys, in typed arrays only (no per-item objects): per band an
 * open-addressing hash table (linear probing) from key to the newest entry, and a singly linked
 * list of entries through `next`. Entry e is the e-th add; ordinals[e] is the caller's ordinal.
 * Tables are per band so that each grows (doubles) on its own and the transient peak stays small.
 */
export class LshIndex {
  readonly bands: number;
  private readonly tables: BandTable[];
  private ordinals: Int32Array;
  private count = 0;

  constructor(bands: number, initialCapacity = 1024) {
    if (!Number.isInteger(bands) || bands < 1) throw new RangeError(`bands must be a positive integer, got ${bands}`);
    if (!(initialCapacity >= 0)) throw new RangeError(`initialCapacity must be ≥ 0, got ${initialCapacity}`);
    this.bands = bands;
    const entries = Math.max(16, Math.ceil(initialCapacity));
    const bits = Math.max(4, Math.ceil(Math.log2(entries / MAX_LOAD)));
    this.ordinals = new Int32Array(entries);
    this.tables = Array.from({ length: bands }, () => ({
      slots: new Int32Array(2 * 2 ** bits).fill(EMPTY),
      bits,
      used: 0,
      next: new Int32Array(entries),
    }));
  }

  /** Number of items added. */
  get size(): number {
    return this.count;
  }

  add(ordinal: number, keys: Int32Array): void {
    if ((ordinal | 0) !== ordinal) throw new RangeError(`ordinal must be an int32, got ${ordinal}`);
    this.checkKeys(keys);
    const entry = this.count;
    if (entry === this.ordinals.length) this.growEntries();
    this.ordinals[entry] = ordinal;
    for (let band = 0; band < this.bands; band++) this.insert(this.tables[band], keys[band], entry);
    this.count++;
  }

  /**
   * Distinct ordinals sharing at least one band key, those sharing the most bands first.
   * `limit` caps the answer for pathological buckets (boilerplate shared by thousands of items).
   */
  candidates(keys: Int32Array, limit = Infinity): number[] {
    this.checkKeys(keys);
    let shared: Map<number, number> | null = null;
    for (let band = 0; band < this.bands; band++) {
      const table = this.tables[band];
      const slot = this.find(table, keys[band]);
      if (slot < 0) continue;
      shared ??= new Map();
      for (let entry = table.slots[slot + 1]; entry !== EMPTY; entry = table.next[entry]) {
        const ordinal = this.ordinals[entry];
        shared.set(ordinal, (shared.get(ordinal) ?? 0) + 1);
      }
    }
    if (!shared) return [];
    const found = [...shared.keys()];
    if (found.length > 1) {
      const counts = shared;
      // Map keeps first-seen order (newest first within a band) and sort is stable.
      found.sort((a, b) => (counts.get(b) as number) - (counts.get(a) as number));
    }
    return found.length > limit ? found.slice(0, limit) : found;
  }

  /** Bytes held by the typed arrays (the index's whole footprint, give or take a few hundred bytes). */
  memoryBytes(): number {
    let bytes = this.ordinals.byteLength;
    for (const table of this.tables) bytes += table.slots.byteLength + table.next.byteLength;
    return bytes;
  }

  private checkKeys(keys: Int32Array): void {
    if (keys.length !== this.bands) throw new RangeError(`expected ${this.bands} band keys, got ${keys.length}`);
  }

  /** Slot index (even, into `slots`) holding `key`, or -1. */
  private find(table: BandTable, key: number): number {
    const { slots, bits } = table;
    const mask = (1 << bits) - 1;
    for (let i = Math.imul(key, GOLDEN) >>> (32 - bits); ; i = (i + 1) & mask) {
      const at = i << 1;
      if (slots[at + 1] === EMPTY) return -1;
      if (slots[at] === key) return at;
    }
  }

  private insert(table: BandTable, key: number, entry: number): void {
    const { slots, bits } = table;
    const mask = (1 << bits) - 1;
    for (let i = Math.imul(key, GOLDEN) >>> (32 - bits); ; i = (i + 1) & mask) {
      const at = i << 1;
      const head = slots[at + 1];
      if (head === EMPTY) {
        slots[at] = key;
        slots[at + 1] = entry;
        table.next[entry] = EMPTY;
        if (++table.used > MAX_LOAD * (1 << bits)) this.growTable(table);
        return;
      }
      if (slots[at] === key) {
        table.next[entry] = head;
        slots[at + 1] = entry;
        return;
      }
    }
  }

  private growTable(table: BandTable): void {
    const old = table.slots;
    const bits = table.bits + 1;
    const slots = new Int32Array(2 * 2 ** bits).fill(EMPTY);
    const mask = (1 << bits) - 1;
    for (let at = 0; at < old.length; at += 2) {
      if (old[at + 1] === EMPTY) continue;
      let i = Math.imul(old[at], GOLDEN) >>> (32 - bits);
      while (slots[(i << 1) + 1] !== EMPTY) i = (i + 1) & mask;
      slots[i << 1] = old[at];
      slots[(i << 1) + 1] = old[at + 1];
    }
    table.slots = slots;
    table.bits = bits;
  }

  private growEntries(): void {
    const capacity = this.ordinals.length * 2;
    this.ordinals = grow(this.ordinals, capacity);
    for (const table of this.tables) table.next = grow(table.next, capacity);
  }
}

function grow(array: Int32Array, capacity: number): Int32Array {
  const grown = new Int32Array(capacity);
  grown.set(array);
  return grown;
}
