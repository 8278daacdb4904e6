/**
 * What the dataset versions API answers (GET/POST /datasets/versions[/:id], …/exclusions, …/diff/:b) and its lists:
 * dependency-free, so the admin UI imports these types (type-only) instead of restating them.
 */
import type { ReviewMode } from '../synthesis/synthesis-contract';
import type { Split } from '../items/item-views';

/** Which accepted items a version (or a split assignment) draws from; every field narrows it. */
export interface VersionFilter {
  /** Ability keys. */
  abilities?: string[];
  sourceIds?: string[];
  /** Accepted at or after / before (ISO date-time). */
  acceptedFrom?: string;
  acceptedTo?: string;
}

/** Items per ability held out for the valid and test splits, and the seed that picks them. */
export interface SplitConfig {
  valid: number;
  test: number;
  seed: string;
}

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
  progress: VersionProgressView;
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
export interface VersionProgressView {
  id: number;
  name: string;
  status: VersionStatus;
  phase: FreezePhase;
  done: number;
  total: number;
  percent: number;
  included: number;
  excluded: number;
  contaminated: number;
}

/**
 * What a flagged train item matched: an evaluation item of this corpus, or a benchmark item; the shared n-gram, how
 * many documents of the pooled corpus hold it, and the cut-off above which it would have been boilerplate.
 */
export interface ContaminationEvidence {
  ngram: string;
  documentFrequency: number;
  cutoff: number;
  matchedItemId: number;
  matchedSplit: 'valid' | 'test' | null;
  benchmark: { sourceId: string; sourceName: string } | null;
}

export type ExclusionReason = 'contaminated' | 'not_ppl_ready';

/** GET /datasets/versions/:id/exclusions: an item a freeze left out, and whether a lead has since overruled it. */
export interface ExclusionView {
  id: number;
  itemId: number;
  ability: string;
  split: Split;
  reason: ExclusionReason;
  /** Versions frozen before the document frequencies were kept lack `documentFrequency` and `cutoff`. */
  evidence: (Omit<ContaminationEvidence, 'documentFrequency' | 'cutoff'> & Partial<Pick<ContaminationEvidence, 'documentFrequency' | 'cutoff'>>) | null;
  overruled: boolean;
  overrule: { reason: string; at: Date; by: string | null } | null;
}

export const DIFF_KINDS = ['added', 'removed', 'changed', 'moved'] as const;
export type DiffKind = (typeof DIFF_KINDS)[number];

export interface AbilityDiff {
  ability: string;
  added: number;
  removed: number;
  changed: number;
  movedIn: number;
  movedOut: number;
}

/** One item of a diff page; `textDiff` (changed items only) is a character diff of the rendered snapshots. */
export interface DiffRowView {
  itemId: number;
  abilityA: string | null;
  abilityB: string | null;
  splitA: string | null;
  splitB: string | null;
  hashA: string | null;
  hashB: string | null;
  /** The item's review mode: dual, or single/none for a synthetic source's item reviewed once or not at all. */
  reviewMode: ReviewMode;
  textDiff?: { value: string; added?: boolean; removed?: boolean }[];
}

/** GET /datasets/versions/:a/diff/:b: per-ability counts, and one page of one kind of change. */
export interface VersionDiffView {
  a: { id: number; name: string; itemCount: number | null; counts: SplitCounts | null };
  b: { id: number; name: string; itemCount: number | null; counts: SplitCounts | null };
  summary: {
    added: number;
    removed: number;
    changed: number;
    moved: number;
    unchanged: number;
    splitChanged: number;
    byAbility: AbilityDiff[];
  };
  list: { kind: DiffKind; offset: number; total: number; rows: DiffRowView[] };
}
