/**
 * The server answers the dashboard reads: the server's own view types (type-only, erased from the bundle) as they
 * arrive over JSON (`Wire`: Dates as ISO strings). Nothing here restates a response shape.
 */
import type * as agreement from '../../../server/agreement/agreement-views';
import type { Wire } from '../../../server/common/wire';
import type * as reviewers from '../../../server/reviewers/reviewer-views';
import type * as reviews from '../../../server/reviews/review-views';
import type * as revisions from '../../../server/revisions/revision-views';

export { STAGES } from '../../../server/reviews/review-views';
export type { Stage, QueueDepth } from '../../../server/reviews/review-views';
export type { Estimate, GroupAgreement, PairAgreement, ReviewerFigures } from '../../../server/agreement/agreement-views';
export type { LeaseKind, PauseResult, Reassigned } from '../../../server/reviewers/reviewer-views';

export type AgreementSummary = Wire<agreement.AgreementSummary>;
export type Pairs = agreement.AgreementPairs;
export type PassRates = agreement.PassRates;
export type Reviewer = reviewers.ReviewerView;
export type ActiveLease = Wire<reviewers.ActiveLease>;
export type PublicDecision = Wire<reviews.PublicDecision>;
export type Disagreement = Wire<reviews.DisagreementView>;
/** POST /revisions/assign's answer. */
export type RevisionSent = revisions.AssignResult;
