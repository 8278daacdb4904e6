import type { AnswerType } from '../../imports/import-types';
import type { BackendRequest, BackendResult } from '../backends/backend.types';
import type { ChatMessage } from '../backends/chat-format';
import type { EvaluationSuite } from '../evaluation-views';

/** An item as an evaluation sees it: an in-domain validation/test item of a frozen version, or a benchmark item. */
export interface EvalItem {
  itemId: number;
  /** ability key (in-domain) or benchmark subset (e.g. chinese_history) */
  ability: string;
  split: 'valid' | 'test' | null;
  messages: ChatMessage[];
  questionFormat: 0 | 1;
  answerType: AnswerType;
  gold: string | null;
  /** format 1: [gold, fine distractor, coarse distractor] */
  choices: string[] | null;
  meta: Record<string, unknown>;
}

/** One item's verdict, as stored in evaluation_results. */
export interface ScoredResult {
  itemId: number;
  suite: EvaluationSuite;
  ability: string;
  split: 'valid' | 'test' | null;
  shots: number;
  answer: string | null;
  parsed: string | null;
  score: number;
  expected: number;
  details: Record<string, unknown>;
}

export interface SkippedItem {
  itemId: number;
  ability: string;
  reason: string;
}

/** The requests a suite needs answered, and how it turns the answers into verdicts. */
export interface SuitePlan {
  suite: EvaluationSuite;
  requests: BackendRequest[];
  /** Items the suite cannot score (e.g. an open-ended item without its two distractors), each with why; none of their requests are planned. */
  skipped?: SkippedItem[];
  /** `results` holds every request's answer by request id; throws naming the request when one is missing. */
  score(results: ReadonlyMap<string, BackendResult>): ScoredResult[];
}
