import { CopyBinaryWriter } from '../copy-binary-writer';
import type { ResumePoint } from '../import-types';
import type { ErrorRow } from '../imports.repository';
import { encodeStagedFields, uuidBytes } from '../item-copy';
import { fingerprintSlot, HASH_BYTES, type Fingerprint, type FingerprintArrays, type Fingerprinter } from './fingerprinter';
import type { StandardizedRecord } from './record-standardizer';

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
  hasContext: Uint8Array;
  qaSignatures: Uint32Array;
  contextSignatures: Uint32Array;
  /** 1 where the item has no usable answer yet. */
  needsAnswer: Uint8Array;
  errors: ErrorRow[];
  /** Records refused before the batch's first accepted (or skipped) one, and whether it has one: see StagedBatches. */
  leadingErrors: number;
  anyAccepted: boolean;
  /** Reader outputs (lines, rows, files) consumed by this batch, and records the adapter skipped. */
  linesRead: number;
  skipped: number;
  /** Where a resumed import continues after this batch. */
  checkpoint: ResumePoint;
  /** Milliseconds the worker spent on this batch, by stage (the import's stage breakdown adds them up). */
  timings: WorkerTimings;
}

export interface WorkerTimings {
  /** Reading, decoding and parsing the records (time between the reader's outputs). */
  read: number;
  /** Adapter, abilities, text normalization and policy. */
  standardize: number;
  /** Exact hash, MinHash signature and LSH keys. */
  fingerprint: number;
  /** The item's COPY fields. */
  encode: number;
}

export function noTimings(): WorkerTimings {
  return { read: 0, standardize: 0, fingerprint: 0, encode: 0 };
}

export function transferListOf(b: StagedBatch): ArrayBuffer[] {
  return [b.fields, b.fieldEnds, b.hashes, b.signatures, b.keys, b.hasContext, b.qaSignatures, b.contextSignatures, b.needsAnswer].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

/** Views of item i's fingerprint inside the batch. */
export function fingerprintAt(b: StagedBatch, i: number): Fingerprint {
  return fingerprintSlot(b, i, b.signatures.length / b.count, b.keys.length / b.count);
}

/** Collects one batch: fingerprints and encodes each item as it comes, so no item object outlives its record. */
export class BatchStager {
  private readonly importUuid: Buffer;
  private readonly sourceUuid: Buffer;
  private readonly signatureLength: number;
  private readonly bands: number;
  private fields: CopyBinaryWriter | null = null;
  /** Memory of batches the runner is done with, to encode the next ones into. */
  private spare: ArrayBuffer[] = [];
  private ends: number[] = [];
  private fingerprints!: FingerprintArrays;
  private needsAnswer: number[] = [];
  private errors: ErrorRow[] = [];
  private leadingErrors = 0;
  private anyAccepted = false;
  private linesRead = 0;
  private skipped = 0;
  private checkpoint: ResumePoint;
  /** Stage times of the batch being collected; the worker adds read and standardize, add() the rest. */
  timings: WorkerTimings = noTimings();

  constructor(
    importId: string,
    sourceId: string,
    private readonly fingerprinter: Fingerprinter,
    from: ResumePoint,
    private readonly expectedItems: number,
  ) {
    this.importUuid = uuidBytes(importId);
    this.sourceUuid = uuidBytes(sourceId);
    this.signatureLength = fingerprinter.signatureLength;
    this.bands = fingerprinter.bands;
    this.checkpoint = from;
    this.reset();
  }

  /** Takes back the memory of a batch's `fields` once the runner has copied them. */
  recycle(memory: ArrayBuffer): void {
    if (memory.byteLength > 0 && this.spare.length < 2) this.spare.push(memory);
  }

  /** Reader outputs consumed into this batch so far. */
  get outputs(): number {
    return this.linesRead;
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
    if (!this.anyAccepted) this.leadingErrors++;
  }

  /** A record was imported or skipped (not refused). */
  accepted(): void {
    this.anyAccepted = true;
  }

  add(r: StandardizedRecord): void {
    const i = this.ends.length;
    if ((i + 1) * HASH_BYTES > this.fingerprints.hashes.length) this.fingerprints = this.allocate(2 * i, this.fingerprints);
    const started = performance.now();
    this.fingerprinter.write(r.item, this.fingerprints, i);
    const fingerprinted = performance.now();
    this.timings.fingerprint += fingerprinted - started;
    const fp = fingerprintSlot(this.fingerprints, i, this.signatureLength, this.bands);
    this.fields ??= new CopyBinaryWriter(this.spare.pop() ?? this.expectedItems * 2048, { header: false });
    encodeStagedFields(this.fields, this.importUuid, this.sourceUuid, {
      abilityId: r.abilityId,
      rawFile: r.rawFile,
      rawLine: r.rawLine,
      rawOffset: r.rawOffset,
      subIndex: r.subIndex,
      item: r.item,
      contentHash: fp.hash,
      signature: fp.signature,
      keys: fp.keys,
      qaSignature: fp.qa,
      contextSignature: fp.context,
    });
    this.ends.push(this.fields.length);
    this.needsAnswer.push(r.item.needsAnswer ? 1 : 0);
    this.timings.encode += performance.now() - fingerprinted;
  }

  take(): StagedBatch {
    const count = this.ends.length;
    const batch: StagedBatch = {
      count,
      fields: this.fields?.written() ?? new Uint8Array(0),
      fieldEnds: Uint32Array.from(this.ends),
      hashes: this.fingerprints.hashes.subarray(0, count * HASH_BYTES),
      signatures: this.fingerprints.signatures.subarray(0, count * this.signatureLength),
      keys: this.fingerprints.keys.subarray(0, count * this.bands),
      hasContext: this.fingerprints.hasContext.subarray(0, count),
      qaSignatures: this.fingerprints.qaSignatures.subarray(0, count * this.signatureLength),
      contextSignatures: this.fingerprints.contextSignatures.subarray(0, count * this.signatureLength),
      needsAnswer: Uint8Array.from(this.needsAnswer),
      errors: this.errors,
      leadingErrors: this.leadingErrors,
      anyAccepted: this.anyAccepted,
      linesRead: this.linesRead,
      skipped: this.skipped,
      checkpoint: this.checkpoint,
      timings: this.timings,
    };
    this.reset();
    return batch;
  }

  /** Room for `items` fingerprints, holding those of `from`. */
  private allocate(items: number, from?: FingerprintArrays): FingerprintArrays {
    const to = {
      hashes: new Uint8Array(items * HASH_BYTES),
      signatures: new Uint32Array(items * this.signatureLength),
      keys: new Int32Array(items * this.bands),
      hasContext: new Uint8Array(items),
      qaSignatures: new Uint32Array(items * this.signatureLength),
      contextSignatures: new Uint32Array(items * this.signatureLength),
    };
    if (from) {
      to.hashes.set(from.hashes);
      to.signatures.set(from.signatures);
      to.keys.set(from.keys);
      to.hasContext.set(from.hasContext);
      to.qaSignatures.set(from.qaSignatures);
      to.contextSignatures.set(from.contextSignatures);
    }
    return to;
  }

  private reset(): void {
    this.fields = null;
    this.ends = [];
    this.fingerprints = this.allocate(Math.max(1, this.expectedItems));
    this.needsAnswer = [];
    this.errors = [];
    this.leadingErrors = 0;
    this.anyAccepted = false;
    this.linesRead = 0;
    this.skipped = 0;
    this.timings = noTimings();
  }
}
