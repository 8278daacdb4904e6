import { CopyBinaryWriter } from '../copy-binary-writer';
import type { ResumePoint } from '../import-types';
import type { ErrorRow } from '../imports.repository';
import { encodeStagedFields, uuidBytes } from '../item-copy';
import type { Fingerprint, Fingerprinter } from './fingerprinter';
import type { StandardizedRecord } from './record-standardizer';

const HASH_BYTES = 16;

/**
 * A batch of standardized, fingerprinted items as the standardize worker hands it to the import runner: flat typed
 * arrays (moved between threads, not copied) and each item's COPY fields ready to send.
 */
export interface StagedBatch {
  count: number;
  /** Item i's staged COPY fields end at fieldEnds[i] (and start where item i-1's end). */
  fields: Uint8Array;
  fieldEnds: Uint32Array;
  hashes: Uint8Array;
  signatures: Uint32Array;
  keys: Int32Array;
  /** 1 where the item has no usable answer yet. */
  needsAnswer: Uint8Array;
  errors: ErrorRow[];
  /** Reader outputs (lines, rows, files) consumed by this batch, and records the adapter skipped. */
  linesRead: number;
  skipped: number;
  /** Where a resumed import continues after this batch. */
  checkpoint: ResumePoint;
}

export function transferListOf(b: StagedBatch): ArrayBuffer[] {
  return [b.fields, b.fieldEnds, b.hashes, b.signatures, b.keys, b.needsAnswer].map((a) => a.buffer as ArrayBuffer);
}

/** Views of item i's fingerprint inside the batch. */
export function fingerprintAt(b: StagedBatch, i: number): Fingerprint {
  const sigLength = b.signatures.length / b.count;
  const bands = b.keys.length / b.count;
  return {
    hash: Buffer.from(b.hashes.buffer, b.hashes.byteOffset + i * HASH_BYTES, HASH_BYTES),
    signature: b.signatures.subarray(i * sigLength, (i + 1) * sigLength),
    keys: b.keys.subarray(i * bands, (i + 1) * bands),
  };
}

/** Collects one batch: fingerprints and encodes each item as it comes, so no item object outlives its record. */
export class BatchStager {
  private readonly importUuid: Buffer;
  private readonly sourceUuid: Buffer;
  private fields: CopyBinaryWriter | null = null;
  /** Memory of batches the runner is done with, to encode the next ones into. */
  private spare: ArrayBuffer[] = [];
  private ends: number[] = [];
  private fingerprints: Fingerprint[] = [];
  private needsAnswer: number[] = [];
  private errors: ErrorRow[] = [];
  private linesRead = 0;
  private skipped = 0;
  private checkpoint: ResumePoint;

  constructor(
    importId: string,
    sourceId: string,
    private readonly fingerprinter: Fingerprinter,
    from: ResumePoint,
    private readonly expectedItems: number,
  ) {
    this.importUuid = uuidBytes(importId);
    this.sourceUuid = uuidBytes(sourceId);
    this.checkpoint = from;
    this.reset();
  }

  /** Takes back the memory of a batch's `fields` once the runner has copied them. */
  recycle(memory: ArrayBuffer): void {
    if (memory.byteLength > 0 && this.spare.length < 2) this.spare.push(memory);
  }

  /** Items and errors so far: a batch is full when this reaches the batch size. */
  get size(): number {
    return this.ends.length + this.errors.length;
  }

  consumed(next: ResumePoint): void {
    this.linesRead++;
    this.checkpoint = next;
  }

  skip(): void {
    this.skipped++;
  }

  error(e: ErrorRow): void {
    this.errors.push(e);
  }

  add(r: StandardizedRecord): void {
    const fp = this.fingerprinter.of(r.item.messages);
    this.fields ??= new CopyBinaryWriter(this.spare.pop() ?? this.expectedItems * 2048, { header: false });
    encodeStagedFields(this.fields, this.importUuid, this.sourceUuid, {
      abilityId: r.abilityId,
      rawFile: r.rawFile,
      rawLine: r.rawLine,
      subIndex: r.subIndex,
      item: r.item,
      contentHash: fp.hash,
      signature: fp.signature,
      keys: fp.keys,
    });
    this.ends.push(this.fields.length);
    this.fingerprints.push(fp);
    this.needsAnswer.push(r.item.needsAnswer ? 1 : 0);
  }

  take(): StagedBatch {
    const count = this.ends.length;
    const sigLength = this.fingerprints[0]?.signature.length ?? 0;
    const bands = this.fingerprints[0]?.keys.length ?? 0;
    const batch: StagedBatch = {
      count,
      fields: this.fields?.written() ?? new Uint8Array(0),
      fieldEnds: Uint32Array.from(this.ends),
      hashes: new Uint8Array(count * HASH_BYTES),
      signatures: new Uint32Array(count * sigLength),
      keys: new Int32Array(count * bands),
      needsAnswer: Uint8Array.from(this.needsAnswer),
      errors: this.errors,
      linesRead: this.linesRead,
      skipped: this.skipped,
      checkpoint: this.checkpoint,
    };
    this.fingerprints.forEach((fp, i) => {
      batch.hashes.set(fp.hash, i * HASH_BYTES);
      batch.signatures.set(fp.signature, i * sigLength);
      batch.keys.set(fp.keys, i * bands);
    });
    this.reset();
    return batch;
  }

  private reset(): void {
    this.fields = null;
    this.ends = [];
    this.fingerprints = [];
    this.needsAnswer = [];
    this.errors = [];
    this.linesRead = 0;
    this.skipped = 0;
  }
}
