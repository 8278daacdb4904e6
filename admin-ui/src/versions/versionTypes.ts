/** The dataset versions API's answers: the server's view types (type-only) as they arrive over JSON (`Wire`). */
import type { Wire } from '../../../server/common/wire';
import type * as views from '../../../server/datasets/dataset-views';
import type { VersionStatus } from '../../../server/datasets/dataset-views';

export type { DiffKind, SplitCounts, VersionFilter, VersionStatus } from '../../../server/datasets/dataset-views';
export type { Split as SplitName } from '../../../server/items/item-views';

export type VersionProgress = views.VersionProgressView;
export type VersionRecord = Wire<views.DatasetVersionView>;
export type Exclusion = Wire<views.ExclusionView>;
export type DiffRow = views.DiffRowView;
export type VersionDiff = views.VersionDiffView;

export const isFreezing = (v: { status: VersionStatus }) => v.status === 'freezing';
