import type { DecisionRow } from './reviews.repository';
import type { PublicDecision } from './review-views';

/** A decision as shown to those allowed to see it. */
export function publicDecision(d: DecisionRow): PublicDecision {
  return {
    reviewerId: d.reviewer_id,
    reviewerName: d.reviewer_name,
    decision: d.decision,
    reasons: d.reasons,
    comment: d.comment,
    timeSpentMs: d.time_spent_ms,
    submittedAt: d.submitted_at,
  };
}
