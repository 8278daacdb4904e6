import type { DecisionRow } from './reviews.repository';

/** A decision as shown to those allowed to see it. */
export function publicDecision(d: DecisionRow) {
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
