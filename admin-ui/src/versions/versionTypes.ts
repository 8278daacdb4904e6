/** A dataset version as GET /api/datasets/versions[/:id] returns it. */
export type VersionStatus = 'freezing' | 'frozen' | 'failed' | 'cancelled';
export type SplitName = 'train' | 'valid' | 'test';
export type SplitCounts = Record<string, Partial<Record<SplitName | 'total', number>>>;

export interface VersionProgress {
  id: number;
  name: string;
  status: VersionStatus;
  phase: 'queued' | 'splits' | 'snapshot' | 'finalize' | 'done';
  done: number;
  total: number;
  percent: number;
  included: number;
  excluded: number;
  contaminated: number;
}

export interface VersionFilter {
  abilities?: string[];
  sourceIds?: string[];
  acceptedFrom?: string;
  acceptedTo?: string;
}

export interface VersionRecord {
  id: number;
  name: string;
  parentId: number | null;
  parentName: string | null;
  notes: string;
  filter: VersionFilter;
  splitConfig: { valid: number; test: number; seed: string };
  decontamination: {
    ngram: number;
    flagged?: number;
    overruled?: number;
    excluded?: number;
    evalItems?: number;
    benchmarkItems?: number;
    /** Distinct documents pooled for n-gram document frequencies, and the frequency above which an n-gram is boilerplate. */
    documents?: number;
    boilerplateCutoff?: number;
  };
  status: VersionStatus;
  progress: VersionProgress;
  failureReason: string | null;
  itemCount: number | null;
  counts: SplitCounts | null;
  missingPpl: SplitCounts | null;
  contentHash: string | null;
  createdByName: string | null;
  createdAt: string;
  frozenAt: string | null;
}

export interface Exclusion {
  id: number;
  itemId: number;
  ability: string;
  split: SplitName;
  reason: 'contaminated' | 'not_ppl_ready';
  evidence: {
    ngram: string;
    /** Documents of the pooled corpus holding the n-gram, and the boilerplate cut-off (absent in versions frozen before they were kept). */
    documentFrequency?: number;
    cutoff?: number;
    matchedItemId: number;
    matchedSplit: 'valid' | 'test' | null;
    benchmark: { sourceId: string; sourceName: string } | null;
  } | null;
  overruled: boolean;
  overrule: { reason: string; at: string; by: string | null } | null;
}

export type DiffKind = 'added' | 'removed' | 'changed' | 'moved';

export interface DiffRow {
  itemId: number;
  abilityA: string | null;
  abilityB: string | null;
  splitA: string | null;
  splitB: string | null;
  textDiff?: Array<{ value: string; added?: boolean; removed?: boolean }>;
}

export interface VersionDiff {
  a: { id: number; name: string; itemCount: number | null };
  b: { id: number; name: string; itemCount: number | null };
  summary: {
    added: number;
    removed: number;
    changed: number;
    moved: number;
    unchanged: number;
    splitChanged: number;
    byAbility: Array<{ ability: string; added: number; removed: number; changed: number; movedIn: number; movedOut: number }>;
  };
  list: { kind: DiffKind; offset: number; total: number; rows: DiffRow[] };
}

export const isFreezing = (v: { status: VersionStatus }) => v.status === 'freezing';
