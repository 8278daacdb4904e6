import type { Wire } from '../../../server/common/wire';
import type { SourceView } from '../../../server/sources/source-views';

/** GET /api/sources[/:id] as it arrives over JSON: the server's view type. */
export type SourceRecord = Wire<SourceView>;
