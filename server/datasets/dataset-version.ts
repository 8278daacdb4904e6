import type { Split } from '../items/item.entity';
import type { SplitConfig } from './splits/splits.service';
import type { VersionFilter } from './version-filter';

export const VERSION_STATUSES = ['freezing', 'frozen', 'failed', 'cancelled'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export type FreezePhase = 'queued' | 'splits' | 'snapshot' | 'finalize' | 'done';

/** What a running freeze writes to `dataset_versions.progress` with each batch. */
export interface FreezeProgress {
  phase: FreezePhase;
  /** Candidate items walked so far, in id order, and the last one (the resume point). */
  done: number;
  total: number;
  lastItemId: number;
  included: number;
  excluded: number;
  contaminated: number;
}

export interface DecontaminationConfig {
  ngram: number;
  /** Written when the version is frozen. */
  flagged?: number;
  overruled?: number;
  excluded?: number;
  evalItems?: number;
  benchmarkItems?: number;
  /** Distinct documents pooled for n-gram document frequencies, and the frequency above which an n-gram was boilerplate. */
  documents?: number;
  boilerplateCutoff?: number;
}

/** Items per ability key and split; `total` per ability. */
export type SplitCounts = Record<string, Partial<Record<Split | 'total', number>>>;

export interface DatasetVersionView {
  id: number;
  name: string;
  parentId: number | null;
  parentName: string | null;
  notes: string;
  filter: VersionFilter;
  splitConfig: SplitConfig;
  decontamination: DecontaminationConfig;
  status: VersionStatus;
  progress: ReturnType<typeof progressView>;
  failureReason: string | null;
  itemCount: number | null;
  counts: SplitCounts | null;
  missingPpl: SplitCounts | null;
  contentHash: string | null;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
  frozenAt: string | null;
}

/** The progress clients see — in the API and in `dataset.progress` events alike. */
export function progressView(v: { id: number; name: string; status: VersionStatus; progress: Partial<FreezeProgress> }) {
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
