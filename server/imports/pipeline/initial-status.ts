import type { ItemStatus } from '../../items/item-views';
import type { ReviewMode } from '../import-types';

/**
 * The status an import creates an item in: benchmark items are references; a duplicate stays a duplicate and an item
 * without an answer waits for one whatever the review mode; otherwise it waits for review, or, in review mode
 * `none` (synthetic sources only), is accepted without review. Always one of the item life-cycle's INITIAL_STATUSES
 * (server/items/item-lifecycle.ts); a trigger refuses an import's accepted item in any other review mode.
 */
export function initialStatus(o: { benchmark: boolean; duplicate: boolean; needsAnswer: boolean; reviewMode: ReviewMode }): ItemStatus {
  if (o.benchmark) return 'reference';
  if (o.duplicate) return 'duplicate';
  if (o.needsAnswer) return 'needs_answer';
  return o.reviewMode === 'none' ? 'accepted' : 'pending_review';
}
