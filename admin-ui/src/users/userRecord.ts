import type { Wire } from '../../../server/common/wire';
import type { UserView } from '../../../server/users/user-views';

/** GET /api/users[/:id] as it arrives over JSON: the server's view type. */
export type UserRecord = Wire<UserView>;
