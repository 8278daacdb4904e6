/** Shapes shared by the import pipeline: readers → adapters → de-duplication → storage. */
import type { ImportErrorCode } from './import-error-codes';

/**
 * How the items an import creates are reviewed (DESIGN.md invariant 1): two blind reviews (every source), one, or
 * none (accepted without review); the last two only for synthetic sources. Dependency-free: the admin UI and the
 * synthesis contract re-export it.
 */
export const REVIEW_MODES = ['dual', 'single', 'none'] as const;
export type ReviewMode = (typeof REVIEW_MODES)[number];

/** How an item's answer is checked (DESIGN.md §1, the per-type parsers). Dependency-free: the admin UI names them. */
export const ANSWER_TYPES = ['single_choice', 'multi_choice', 'true_false', 'cloze', 'math', 'open'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

/** 0 = exact-match (choice, true/false, cloze, math); 1 = open-ended (scored by perplexity). */
export type QuestionFormat = 0 | 1;

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Where a raw record sits in its file; `line` is 1-based, `subIndex` numbers records exploded from one raw record. */
export interface RawPosition {
  file: string;
  line: number;
}

/** One raw record as a reader yields it. */
export interface RawRecord {
  kind: 'record';
  file: string;
  /** 1-based line where the record starts. */
  line: number;
  /**
   * Byte offset where the record starts in the file's text (after any decompression or transcoding to UTF-8):
   * with the line it is the record's position, unique even when several records share a line, and the same
   * when a resumed read yields the record again. Markdown files are one record each: 0.
   */
  offset: number;
  /** Parsed value: a JSON value, a CSV row object (header → cell), or `{ path, text }` for a Markdown file. */
  value: unknown;
  /** Reader position just after this record; passing it back as `resumeFrom` yields the records after it. */
  next: ResumePoint;
}

/** A line the reader could not turn into a record (bad UTF-8, malformed JSON, over-long line, …). */
export interface LineError {
  kind: 'error';
  file: string;
  line: number;
  /** Field path inside the record (`options[2]`, `messages[1].content`), or null for whole-line problems. */
  field: string | null;
  code: ImportErrorCode;
  reason: string;
  /** First ~200 characters of the offending line, for the report. */
  excerpt?: string;
  next: ResumePoint;
}

export interface ResumePoint {
  /** Byte offset into the file (or index of the file, for a folder of Markdown files). */
  offset: number;
  /** Number of the last line consumed (1-based); records after it start at a later line. */
  line: number;
}

export type ReaderOutput = RawRecord | LineError;

/** The standardized form of one instruction item, before it is stored. */
export interface StandardizedItem {
  messages: ChatMessage[];
  /** Ability key from the record (e.g. a `type` field or a domain mapping); null = use the import's default ability. */
  ability: string | null;
  questionFormat: QuestionFormat;
  answerType: AnswerType;
  /** Gold answer for exact-match items: 'B', 'ACD', '正确'/'错误', a cloze text, a math final answer. Null when open-ended. */
  gold: string | null;
  /** DoIT format-1 choices [gold, fine distractor, coarse distractor] when the input carries them. */
  choices?: string[];
  /** The source's own id for the record (`example_id`, doc id + question index, problem number…). */
  sourceRecordId: string | null;
  /**
   * The passage this item shares with others (as the adapter's `context` declares it), also part of the user turn.
   * De-duplication compares it apart from what the item asks and answers; it is not stored on its own.
   */
  context?: string;
  /** Free extra facts kept with the item (difficulty, tags, class, subject…). */
  meta?: Record<string, unknown>;
  /** True when the source has no usable answer (e.g. open BELLE classes): the item goes to revision, not review. */
  needsAnswer?: boolean;
}

/** What an adapter makes of one raw record. */
export type AdapterResult =
  | { kind: 'items'; items: StandardizedItem[] }
  | { kind: 'skipped'; reason: string }
  | { kind: 'invalid'; errors: Array<{ field: string | null; code: ImportErrorCode; reason: string }> };
