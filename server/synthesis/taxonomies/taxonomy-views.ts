/**
 * The taxonomy API's answers (issue 15 item 1). Dependency-free but for type imports, so the admin UI imports them
 * type-only.
 */
import type { Taxonomy } from '../glan/taxonomy';
import type { NodeOutcome, VoteDecision } from '../glan/taxonomy-review';
import type { SynthesisRunStatus } from '../synthesis-contract';

export type TaxonomyLanguage = 'en' | 'zh';
export const TAXONOMY_LANGUAGES: readonly TaxonomyLanguage[] = ['en', 'zh'];

export interface TaxonomySummary {
  id: string;
  name: string;
  language: TaxonomyLanguage;
  revision: string;
  fieldCount: number;
  disciplineCount: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Per node id: how many voters said keep and remove, and the caller's own vote. */
export type VoteTallies = Record<string, { keep: number; remove: number; mine: VoteDecision | null }>;

export interface TaxonomyDetail extends TaxonomySummary {
  tree: Taxonomy;
  votes: VoteTallies;
}

/** What an edit of the tree answers: the taxonomy after it, and what the edit did (the audit entry's detail). */
export type TaxonomyEdited = TaxonomyDetail & { change: Record<string, unknown> };

/** What deleting a taxonomy answers. */
export interface TaxonomyDeleted {
  id: string;
}

export interface TaxonomyRevisionSummary {
  revision: string;
  createdBy: string | null;
  createdAt: string;
  fieldCount: number;
  disciplineCount: number;
}

export interface TaxonomyRevisionView extends TaxonomyRevisionSummary {
  tree: Taxonomy;
}

/** What `apply-votes` did: the new revision, each node's outcome, the ids removed. */
export interface ApplyVotesResult {
  taxonomy: TaxonomyDetail;
  previousRevision: string;
  removed: string[];
  outcomes: NodeOutcome[];
}

/** synthesis_runs.progress of a taxonomy draft: one call per (prompt, sample). */
export interface DraftProgress {
  planned: number;
  /** Calls whose completion is stored (parsed or not). */
  done: number;
  /** Calls or completions that failed (listed in `failures`). */
  failed: number;
  /** Once merged: how many drafts went in, the merged tree's node count, and names placed in more than one spot. */
  merge?: { drafts: number; nodes: number; elsewhere: { name: string; paths: string[][] }[] };
}

/** synthesis_runs.settings of a taxonomy draft. */
export interface DraftSettings {
  language: TaxonomyLanguage;
  prompts: DraftPromptKind[];
  samplesPerPrompt: number;
  temperature: number;
  maxTokens: number;
}

export const DRAFT_PROMPT_KINDS = ['taxonomy-draft-academic', 'taxonomy-draft-curriculum', 'taxonomy-draft-professions'] as const;
export type DraftPromptKind = (typeof DRAFT_PROMPT_KINDS)[number];

export interface DraftFailure {
  id: number;
  stage: string;
  nodeKey: string | null;
  code: string;
  message: string;
  raw: string | null;
  createdAt: string;
}

export interface DraftRunView {
  id: string;
  name: string;
  status: SynthesisRunStatus;
  endpointId: string | null;
  settings: DraftSettings;
  progress: DraftProgress;
  usage: { calls?: number; promptTokens?: number; completionTokens?: number; costUsd?: number };
  taxonomyId: string | null;
  taxonomyRevision: string | null;
  failureReason: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  failures: DraftFailure[];
}

/** Socket event names (rooms `taxonomies`/`taxonomy:<id>`, `synthesis`/`synthesis:<runId>`). */
export const TAXONOMY_UPDATED = 'taxonomy.updated';
export const SYNTHESIS_PROGRESS = 'synthesis.progress';

export interface TaxonomyUpdatedEvent {
  id: string;
  revision: string | null;
  /** What changed: create, rename, node.create, vote, apply-votes, delete … */
  action: string;
}
