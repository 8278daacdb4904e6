import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AnswerType, ChatMessage, QuestionFormat } from '../imports/import-types';

import type { ReviewMode } from '../synthesis/synthesis-contract';
import type { DuplicateKind, ItemStatus, ItemView, Split } from './item-views';

export { DUPLICATE_KINDS, ITEM_STATUSES, SPLITS, type DuplicateKind, type ItemStatus, type ItemView, type Split } from './item-views';

const id = { to: (v: number | null) => v, from: (v: string | null) => (v == null ? null : Number(v)) };

@Entity('items')
export class Item implements ItemView {
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

  /** dual (two blind reviews), single or none: the latter two only for a synthetic source's items (a trigger checks). */
  @Column({ name: 'review_mode', type: 'text', default: 'dual' })
  reviewMode: ReviewMode;

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
