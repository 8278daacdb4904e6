/** The exports API's answers: the server's view types (type-only) as they arrive over JSON (`Wire`), and its format list. */
import type { Wire } from '../../../server/common/wire';
import type { ExportView } from '../../../server/exports/export-views';
import type { ExportStatus } from '../../../server/exports/export-types';

export { EXPORT_FORMATS as FORMATS } from '../../../server/exports/export-types';
export type { ExportFormat } from '../../../server/exports/export-types';
/** The `export.progress` event and an export's `progress` in the API: the same object. */
export type { ExportProgressView } from '../../../server/exports/export-views';

export type ExportRecord = Wire<ExportView>;

export const isActive = (e: { status: ExportStatus }) => e.status === 'queued' || e.status === 'running' || e.status === 'cancelling';
