import type { AnswerType, ChatMessage, QuestionFormat } from '../../imports/import-types';
import { canonicalJson, sha256Canonical } from '../canonical-json';

/**
 * An item's content as frozen. `distractors` (the approved fine and coarse texts) only for open-ended
 * validation/test items, so an export can write `choices: [gold, fine, coarse]`.
 */
export interface SnapshotContent {
  messages: ChatMessage[];
  questionFormat: QuestionFormat;
  answerType: AnswerType;
  gold: string | null;
  choices: string[] | null;
  distractors?: { fine: string; coarse: string };
  /**
   * Only for an item of a synthetic source reviewed once or not at all (`single`, `none`): absent for dual-reviewed
   * items, so their snapshots (and the hashes, manifests and exports built on them) stay byte for byte as before.
   */
  reviewMode?: 'single' | 'none';
}

export interface Snapshot {
  hash: Buffer;
  /** The canonical serialization that `hash` is the SHA-256 of; stored as the snapshot's content. */
  json: string;
  content: SnapshotContent;
}

export function snapshotOf(content: SnapshotContent): Snapshot {
  return { hash: sha256Canonical(content), json: canonicalJson(content), content };
}
