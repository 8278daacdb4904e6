/**
 * What GET /synthesis/runs/:id/coverage and …/decontamination answer (issue 15 items 5 and 6): dependency-free,
 * shared with the admin UI and the chart specs.
 */
import type { ContaminationEvidence } from '../synthesis-contract';

/** What became of a group's pairs, and of the items the ingested ones became. */
export interface CoverageCounts {
  /** Every pair the run generated in the group, whatever became of it. */
  generated: number;
  /** Excluded by decontamination. */
  excluded: number;
  /** Imported as items. */
  ingested: number;
  /** Refused at import (the import's line error is on the pair). */
  rejected: number;
  itemsAccepted: number;
  /** Items still in review, revision or validation, or waiting for an answer. */
  itemsPending: number;
  itemsDuplicate: number;
}

/** A field's row (no discipline), a discipline's (no subject) or a subject's. */
export interface CoverageRow extends CoverageCounts {
  field: string;
  discipline?: string | null;
  subject?: string | null;
}

export interface LengthBin {
  from: number;
  /** Exclusive; null for the last, open bin. */
  to: number | null;
  count: number;
}

/** Lengths in characters (code points: a CJK character counts one); nearest-rank percentiles. */
export interface LengthStats {
  count: number;
  p50: number;
  p90: number;
  max: number;
  bins: LengthBin[];
}

export interface UsageRow {
  kind: string;
  calls: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

export interface CoverageReport {
  runId: string;
  name: string;
  totals: CoverageCounts;
  fields: CoverageRow[];
  disciplines: CoverageRow[];
  subjects: CoverageRow[];
  /** Questions of the run that are near duplicates of an earlier question of the run (the imports' MinHash/LSH). */
  nearDuplicates: { questions: number; duplicates: number; rate: number; threshold: number };
  lengths: { questions: LengthStats; answers: LengthStats };
  failures: Array<{ stage: string; code: string; count: number; example: string }>;
  usage: { calls: number; promptTokens: number; completionTokens: number; costUsd: number };
  /** Completed calls of the run by node kind. */
  usageByStage: UsageRow[];
}

export interface DecontaminationReport {
  runId: string;
  /** n of the n-gram rule the pairs were checked with. */
  n: number;
  /** Per discipline: pairs checked (every pair past decontamination) and excluded. */
  disciplines: Array<{ field: string; discipline: string; checked: number; excluded: number }>;
  /** Excluded pairs in all; `evidence` is one page of them. */
  total: number;
  evidence: Array<{ pairId: number; field: string; discipline: string; subject: string; question: string; contamination: ContaminationEvidence }>;
}
