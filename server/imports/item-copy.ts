import { endianness } from 'node:os';
import { finished } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { CopyBinaryWriter } from './copy-binary-writer';
import { signatureToBuffer } from './dedup';
import type { StandardizedItem } from './import-types';

/** Known once a record is standardized and fingerprinted (encoded off the main thread). */
const STAGED_COLUMNS = [
  'ability_id', 'source_id', 'import_id', 'raw_file', 'raw_line', 'raw_offset', 'sub_index', 'source_record_id', 'messages',
  'question_format', 'answer_type', 'gold', 'choices', 'meta', 'content_hash', 'minhash', 'lsh_keys',
  'qa_minhash', 'context_minhash',
];
/** Known once the item is compared with the corpus. */
const RESOLVED_COLUMNS = ['id', 'status', 'duplicate_of', 'duplicate_kind', 'duplicate_similarity', 'review_mode'];
const COLUMN_COUNT = STAGED_COLUMNS.length + RESOLVED_COLUMNS.length;
const COPY_ITEMS = `COPY items (${[...STAGED_COLUMNS, ...RESOLVED_COLUMNS].join(', ')}) FROM STDIN (FORMAT binary)`;
/** Sent in pieces so Postgres starts on the first rows while the rest is in transit. */
const MESSAGE_BYTES = 256 * 1024;

export interface StagedItem {
  abilityId: number;
  rawFile: string;
  rawLine: number;
  rawOffset: number;
  subIndex: number;
  item: StandardizedItem;
  contentHash: Uint8Array;
  signature: Uint32Array;
  keys: Int32Array;
  /** Both or neither: the signatures without and of the item's shared context. */
  qaSignature: Uint32Array | null;
  contextSignature: Uint32Array | null;
}

export interface ResolvedItem {
  id: number;
  status: string;
  duplicateOf: number | null;
  duplicateKind: 'exact' | 'near' | null;
  duplicateSimilarity: number | null;
  /** The import's review mode (dual, single, none), copied onto every item it creates. */
  reviewMode: string;
}

const LITTLE_ENDIAN = endianness() === 'LE';

/** A signature's bytes as signatureToBuffer lays them out (uint32 little-endian); a view where the host agrees. */
function signatureBytes(sig: Uint32Array): Uint8Array {
  return LITTLE_ENDIAN ? new Uint8Array(sig.buffer, sig.byteOffset, sig.byteLength) : signatureToBuffer(sig);
}

export function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

/** Appends an item's STAGED_COLUMNS fields. */
export function encodeStagedFields(w: CopyBinaryWriter, importUuid: Uint8Array, sourceUuid: Uint8Array, s: StagedItem): void {
  const { item } = s;
  w.int4(s.abilityId).bytes(sourceUuid).bytes(importUuid).text(s.rawFile).int4(s.rawLine).int8(s.rawOffset).int4(s.subIndex);
  if (item.sourceRecordId == null) w.null();
  else w.text(item.sourceRecordId);
  w.jsonb(item.messages).int2(item.questionFormat).text(item.answerType);
  if (item.gold == null) w.null();
  else w.text(item.gold);
  if (item.choices == null) w.null();
  else w.jsonb(item.choices);
  w.jsonb(item.meta ?? {}).bytes(s.contentHash).bytes(signatureBytes(s.signature)).int4Array(s.keys);
  if (s.qaSignature && s.contextSignature) w.bytes(signatureBytes(s.qaSignature)).bytes(signatureBytes(s.contextSignature));
  else w.null().null();
}

/**
 * COPY body for a batch: item i is its staged fields (`fields` up to `ends[i]`) followed by `resolved[i]`; written
 * into `memory` (a body no longer needed) when it is large enough.
 */
export function encodeItemRows(fields: Uint8Array, ends: Uint32Array, resolved: ResolvedItem[], memory?: ArrayBuffer): Buffer {
  const bytes = fields.length + resolved.length * 80;
  const w = new CopyBinaryWriter(memory && memory.byteLength >= bytes ? memory : bytes);
  let start = 0;
  for (let i = 0; i < resolved.length; i++) {
    const r = resolved[i];
    w.row(COLUMN_COUNT).raw(fields.subarray(start, ends[i])).int8(r.id).text(r.status);
    start = ends[i];
    if (r.duplicateOf == null) w.null();
    else w.int8(r.duplicateOf);
    if (r.duplicateKind == null) w.null();
    else w.text(r.duplicateKind);
    if (r.duplicateSimilarity == null) w.null();
    else w.float4(r.duplicateSimilarity);
    w.text(r.reviewMode);
  }
  return w.finish();
}

/** Writes a batch of items with COPY, several times faster than a multi-row INSERT. */
export async function copyItems(client: PoolClient, body: Buffer): Promise<void> {
  const stream = client.query(copyFrom(COPY_ITEMS));
  for (let at = 0; at < body.length; at += MESSAGE_BYTES) stream.write(body.subarray(at, at + MESSAGE_BYTES));
  stream.end();
  await finished(stream);
}
