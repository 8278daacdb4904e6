import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AnswerType, ChatMessage, QuestionFormat } from '../imports/import-types';

/**
 * pending_review → in_review → accepted | rejected; rejected/needs_answer (or any, by id) → in_revision → revising →
 * validating → accepted | rejected. duplicate items stay out of review until a lead overrules. reference items (those of
 * a benchmark source) are evaluation and decontamination material only: never reviewed, revised or put in a version.
 */
export const ITEM_STATUSES = [
  'pending_review',
  'in_review',
  'accepted',
  'rejected',
  'needs_answer',
  'in_revision',
  'revising',
  'validating',
  'duplicate',
  'reference',
] as const;
export const SPLITS = ['train', 'valid', 'test'] as const;
export type Split = (typeof SPLITS)[number];
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export type DuplicateKind = 'exact' | 'near';

const id = { to: (v: number | null) => v, from: (v: string | null) => (v == null ? null : Number(v)) };

@Entity('items')
export class Item {
  /** Drawn from items_id_seq; imports allocate ids a batch at a time. */
  @PrimaryColumn({ type: 'bigint', transformer: id })
  id: number;

  @Column({ name: 'ability_id', type: 'int' })
  abilityId: number;

  @Column({ name: 'source_id', type: 'uuid' })
  sourceId: string;

  @Column({ name: 'import_id', type: 'uuid' })
  importId: string;

  @Column({ name: 'raw_file', type: 'text' })
  rawFile: string;

  @Column({ name: 'raw_line', type: 'int' })
  rawLine: number;

  /** Byte offset where the raw record starts in its file's text: tells apart records that share a line. */
  @Column({ name: 'raw_offset', type: 'bigint', default: 0 })
  rawOffset: string;

  @Column({ name: 'sub_index', type: 'int', default: 0 })
  subIndex: number;

  @Column({ name: 'source_record_id', type: 'text', nullable: true })
  sourceRecordId: string | null;

  @Column({ type: 'jsonb' })
  messages: ChatMessage[];

  @Column({ name: 'question_format', type: 'smallint' })
  questionFormat: QuestionFormat;

  @Column({ name: 'answer_type', type: 'text' })
  answerType: AnswerType;

  @Column({ type: 'text', nullable: true })
  gold: string | null;

  @Column({ type: 'jsonb', nullable: true })
  choices: string[] | null;

  @Column({ type: 'jsonb', default: {} })
  meta: Record<string, unknown>;

  @Column({ type: 'text' })
  status: ItemStatus;

  @Column({ type: 'text', nullable: true })
  split: Split | null;

  /** Has an approved fine and coarse distractor: usable for perplexity scoring. */
  @Column({ name: 'ppl_ready', type: 'boolean', default: false })
  pplReady: boolean;

  @Column({ name: 'content_hash', type: 'bytea', select: false })
  contentHash: Buffer;

  @Column({ type: 'bytea', select: false })
  minhash: Buffer;

  @Column({ name: 'lsh_keys', type: 'int', array: true, select: false })
  lshKeys: number[];

  /** MinHash of the text without its shared context, and of the context; NULL when the item has none. */
  @Column({ name: 'qa_minhash', type: 'bytea', nullable: true, select: false })
  qaMinhash: Buffer | null;

  @Column({ name: 'context_minhash', type: 'bytea', nullable: true, select: false })
  contextMinhash: Buffer | null;

  @Column({ name: 'duplicate_of', type: 'bigint', nullable: true, transformer: id })
  duplicateOf: number | null;

  @Column({ name: 'duplicate_kind', type: 'text', nullable: true })
  duplicateKind: DuplicateKind | null;

  @Column({ name: 'duplicate_similarity', type: 'real', nullable: true })
  duplicateSimilarity: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
