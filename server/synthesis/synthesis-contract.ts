/**
 * The shapes the synthesis tables' JSON columns hold (migrations/1764020000000-CreateSynthesis.ts), shared by the
 * taxonomy, the generation pipeline, the ingestion into items and the coverage report. Dependency-free, so the admin
 * UI can import it type-only.
 */

/** How a synthetic source's items are reviewed (DESIGN.md invariant 1); the import owns the list. */
export { REVIEW_MODES, type ReviewMode } from '../imports/import-types';

export const SYNTHESIS_RUN_KINDS = ['taxonomy-draft', 'generation'] as const;
export type SynthesisRunKind = (typeof SYNTHESIS_RUN_KINDS)[number];

export const SYNTHESIS_RUN_STATUSES = ['queued', 'running', 'pausing', 'paused', 'cancelling', 'cancelled', 'completed', 'failed'] as const;
export type SynthesisRunStatus = (typeof SYNTHESIS_RUN_STATUSES)[number];

/** A generation run's stages, in order; `ingest` is the decontamination and import of its pairs. */
export const GENERATION_STAGES = ['subjects', 'syllabi', 'questions', 'answers', 'ingest', 'done'] as const;
export type GenerationStage = (typeof GENERATION_STAGES)[number];

/** synthesis_nodes.kind */
export const SYNTHESIS_NODE_KINDS = ['taxonomy-draft', 'subject-list', 'subjects', 'syllabus', 'sessions', 'question', 'answer'] as const;
export type SynthesisNodeKind = (typeof SYNTHESIS_NODE_KINDS)[number];

export type PauseReason = 'user' | 'budget';

/** synthesis_runs.settings of a generation run (defaults from the GLAN paper where it gives one). */
export interface GenerationSettings {
  /** Taxonomy node ids of the disciplines to generate for (default: every discipline of the revision). */
  disciplineIds?: string[];
  /** Subject-listing prompt repeated k times per discipline (default 10), temperature 1.0, top-p 0.95. */
  subjectSamples: number;
  subjectTemperature: number;
  subjectTopP: number;
  /** At most this many subjects per discipline are taken forward (default: all listed). */
  maxSubjectsPerDiscipline?: number;
  questionsPerSubject: number;
  /** Share of questions drawn with the two-session strategy, 0…1 (default 0.5). */
  pairRatio: number;
  questionTemperature: number;
  answerTemperature: number;
  /** Token bound of each call (default 2048). */
  maxTokens: number;
  seed: number;
  /** Budget caps; reaching one pauses the run (pause_reason 'budget'). */
  maxTotalTokens?: number;
  maxCostUsd?: number;
  /** The synthetic source's name when the run creates one (default `GLAN <run name>`). */
  sourceName?: string;
}

/** synthesis_runs.progress: per stage, what is planned, done (committed) and failed. */
export type RunProgress = Partial<Record<GenerationStage, { planned: number; done: number; failed: number }>> & {
  /** Calls in flight at the last save (at most the endpoint's concurrency). */
  inFlight?: number;
};

/** synthesis_runs.usage: what the run has spent (summed from its committed nodes). */
export interface RunUsage {
  calls: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

/** synthesis_pairs.tags: where a generated pair comes from in the taxonomy, copied onto its item's meta. */
export interface PairTags {
  field: string;
  subField: string;
  discipline: string;
  disciplineId: string;
  /** The Pace ability the discipline is mapped to (taxonomy), else null (the item then needs a default ability). */
  abilityKey: string | null;
  subject: string;
  level: string | null;
  /** The class sessions the question was conditioned on (one or two), by title. */
  sessions: string[];
  concepts: string[];
  strategy: 'single' | 'pair';
  /** The question's concept-combination key (concept-sampling.ts comboKey). */
  combo: string;
  taxonomyRevision: string;
}

/** synthesis_pairs.contamination of an excluded pair: the long n-grams it shares with an evaluation item. */
export interface ContaminationEvidence {
  /** n of the n-grams (the freeze's rule, server/datasets/decontamination/contamination-ngrams.ts). */
  n: number;
  matches: Array<{ itemId: number; source: string; split: string | null; ngram: string }>;
}
