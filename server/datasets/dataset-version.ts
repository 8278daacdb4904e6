import type { FreezeProgress, VersionProgressView, VersionStatus } from './dataset-views';

export {
  VERSION_STATUSES,
  type DatasetVersionView,
  type DecontaminationConfig,
  type FreezePhase,
  type FreezeProgress,
  type SplitCounts,
  type VersionProgressView,
  type VersionStatus,
} from './dataset-views';

/** The progress clients see — in the API and in `dataset.progress` events alike. */
export function progressView(v: { id: number; name: string; status: VersionStatus; progress: Partial<FreezeProgress> }): VersionProgressView {
  const p = v.progress;
  const total = p.total ?? 0;
  const done = p.done ?? 0;
  const percent = v.status === 'frozen' ? 100 : total > 0 ? Math.min(99, Math.floor((done * 100) / total)) : 0;
  return {
    id: v.id,
    name: v.name,
    status: v.status,
    phase: p.phase ?? 'queued',
    done,
    total,
    percent,
    included: p.included ?? 0,
    excluded: p.excluded ?? 0,
    contaminated: p.contaminated ?? 0,
  };
}
