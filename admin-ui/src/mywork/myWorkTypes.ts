/** The "My work" API's answers: the server's view types (type-only) as they arrive over JSON (`Wire`). */
import type { Wire } from '../../../server/common/wire';
import type * as views from '../../../server/reviews/review-views';

export { MY_WORK_KINDS, MY_WORK_OUTCOMES } from '../../../server/reviews/review-views';
export type { MyWorkKind, MyWorkOutcome } from '../../../server/reviews/review-views';

export type MyWorkEntry = Wire<views.MyWorkEntry>;
export type MyWorkItem = Wire<views.MyWorkItemView>;
export type DecisionChanged = Wire<views.DecisionChanged>;

/** The list's resource: GET /reviews/mine/history through the dataProvider. */
export const MY_WORK_RESOURCE = 'reviews/mine/history';
