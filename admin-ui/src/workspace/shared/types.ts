/**
 * The workspace's API answers: the server's view types (type-only, erased from the bundle) as they arrive over JSON
 * (`Wire`: Dates as ISO strings), and the reason codes as the server lists them.
 */
import type { Wire } from '../../../../server/common/wire';
import type * as distractors from '../../../../server/distractors/distractor-views';
import type * as reviews from '../../../../server/reviews/review-views';
import type * as revisions from '../../../../server/revisions/revision-views';

export { REASON_CODES } from '../../../../server/reviews/review-reasons';
export type { ReasonCode } from '../../../../server/reviews/review-reasons';
export type { AbilityRef } from '../../../../server/abilities/ability-views';
export type { ChatMessage } from '../../../../server/imports/import-types';
export { ROUND_KINDS } from '../../../../server/reviews/review-views';
export type { QueueDepth, RoundKind, ReviewTally as Tally } from '../../../../server/reviews/review-views';
export type { DistractorBounds, DistractorCheck, DistractorKind } from '../../../../server/distractors/distractor-views';
export type { PastDecision } from '../../../../server/revisions/revision-views';

export type ReviewLease = Wire<reviews.LeaseView>;
export type RevisionTask = Wire<revisions.RevisionTaskView>;
export type DistractorTask = Wire<distractors.DistractorTaskView>;
