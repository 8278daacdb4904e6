/**
 * Optional in-memory signatures keyed by ordinal, packed in one Uint32Array (numPerm × 4 bytes per
 * slot: 256 MB for 1M ordinals at 64 permutations). Meant for dense ordinals 0..N-1: the store is
 * as long as the largest ordinal seen.
 */
export class SignatureStore {
  private values: Uint32Array;
  private present: Uint8Array;

  constructor(private readonly numPerm: number, initialCapacity = 1024) {
    const capacity = Math.max(16, initialCapacity);
    this.values = new Uint32Array(capacity * numPerm);
    this.present = new Uint8Array(capacity);
  }

  set(ordinal: number, sig: Uint32Array): void {
    if (!Number.isInteger(ordinal) || ordinal < 0) throw new RangeError(`ordinal must be ≥ 0 to keep its signature`);
    if (sig.length !== this.numPerm) throw new RangeError(`expected ${this.numPerm} values, got ${sig.length}`);
    if (ordinal >= this.present.length) this.grow(ordinal + 1);
    this.values.set(sig, ordinal * this.numPerm);
    this.present[ordinal] = 1;
  }

  /** A view into the store, not a copy. */
  get(ordinal: number): Uint32Array | undefined {
    if (!(ordinal >= 0 && ordinal < this.present.length) || this.present[ordinal] === 0) return undefined;
    return this.values.subarray(ordinal * this.numPerm, (ordinal + 1) * this.numPerm);
  }

  memoryBytes(): number {
    return this.values.byteLength + this.present.byteLength;
  }

  private grow(minCapacity: number): void {
    let capacity = this.present.length;
    while (capacity < minCapacity) capacity *= 2;
    const values = new Uint32Array(capacity * this.numPerm);
    values.set(this.values);
    const present = new Uint8Array(capacity);
    present.set(this.present);
    this.values = values;
    this.present = present;
  }
}
