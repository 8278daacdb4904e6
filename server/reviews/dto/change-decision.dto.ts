import { PickType } from '@nestjs/swagger';
import { SubmitReviewDto } from './submit-review.dto';

/** PUT /reviews/:leaseId/decision: the reviewer's new decision on a round that is still open (a submit's fields). */
export class ChangeDecisionDto extends PickType(SubmitReviewDto, ['decision', 'reasons', 'comment'] as const) {}
