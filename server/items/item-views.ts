/** What the items API answers and its status, split and duplicate lists: dependency-free, shared with the admin UI. */
import type { AnswerType, ChatMessage, QuestionFormat, ReviewMode } from '../imports/import-types';

export { ANSWER_TYPES, REVIEW_MODES, type ReviewMode } from '../imports/import-types';

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
export type ItemStatus = (typeof ITEM_STATUSES)[number];
/**
 * The statuses a lead's revision actions take items from: send_to_revision and reopen in item-lifecycle.ts are built
 * on these, and the admin UI plans its bulk actions (which items move, which are skipped) with the same lists.
 */
export const SEND_TO_REVISION_FROM = ['rejected', 'needs_answer'] as const satisfies readonly ItemStatus[];
export const REOPEN_FROM = ['accepted'] as const satisfies readonly ItemStatus[];
export const SPLITS = ['train', 'valid', 'test'] as const;
export type Split = (typeof SPLITS)[number];
export const DUPLICATE_KINDS = ['exact', 'near'] as const;
export type DuplicateKind = (typeof DUPLICATE_KINDS)[number];

/** GET /items[/:id] (the entity's columns the API reads; hashes and MinHash signatures stay in the database). */
export interface ItemView {
  id: number;
  abilityId: number;
  sourceId: string;
  importId: string;
  /** The file and 1-based line the item was imported from. */
  rawFile: string;
  rawLine: number;
  /** A bigint column: the driver gives it as a string. */
  rawOffset: string;
  subIndex: number;
  sourceRecordId: string | null;
  messages: ChatMessage[];
  questionFormat: QuestionFormat;
  answerType: AnswerType;
  gold: string | null;
  choices: string[] | null;
  meta: Record<string, unknown>;
  status: ItemStatus;
  split: Split | null;
  /** How the item is reviewed: two blind reviews (`dual`), one (`single`) or none; not dual only for synthetic sources. */
  reviewMode: ReviewMode;
  pplReady: boolean;
  duplicateOf: number | null;
  duplicateKind: DuplicateKind | null;
  duplicateSimilarity: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What a reviewer or reviser sees of an item: its content, none of its bookkeeping. */
export type ItemContentView = Pick<ItemView, 'id' | 'messages' | 'gold' | 'choices' | 'questionFormat' | 'answerType'>;

/** GET /items/:id: a duplicate also carries the item it duplicates. */
export type ItemDetailView = ItemView & { duplicate?: ItemView | null };

/**
 * POST /items/split. `itemIds` (the items whose split changed) and `skipped` (items asked for whose split may not
 * change, with the reason) come with `skipFrozen: true`; without it a frozen item refuses the whole request (409).
 */
export interface SplitAssigned {
  updated: number;
  itemIds?: number[];
  skipped?: { itemId: number; reason: string }[];
}
