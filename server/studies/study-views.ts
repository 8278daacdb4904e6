/**
 * Studies (issue 13 item 1): a named grid of experiments — base models × recipes × seeds on a frozen version, or on
 * every new version through an experiment policy. The API's answers and requests, shared with the admin UI
 * (dependency-free: type-only imports).
 *
 * Routes (researcher and admin): POST /api/studies, GET /api/studies, GET /api/studies/:id,
 * POST /api/studies/:id/base-models {baseModelId}, POST /api/studies/:id/recipes {recipe}, POST /api/studies/:id/cancel
 * (lead reads too). GET /api/studies answers StudyView[] with Content-Range (sort: createdAt, name). A bad request is a
 * 400 `{message, errors: [{field, message}]}` naming each field; a taken name a 409.
 * Live: `study.progress` (StudyView) in the room `study:<id>` and in `studies`.
 */
import type { ExperimentStatus, HyperParams } from '../experiments/experiment-views';

/** `custom`: the recipes given; `volume-grid`: the paper's curated-10 … curated-10000 (and synthetic-10 … synthetic-40960
 * when a synthetic source exists); `probe`: one run per ability on `probeItems` of its train items, plus an evaluation of
 * the untuned base model. */
export const STUDY_TEMPLATES = ['custom', 'volume-grid', 'probe'] as const;
export type StudyTemplate = (typeof STUDY_TEMPLATES)[number];

export interface StudyCreateRequest {
  name: string;
  template?: StudyTemplate;
  /** A frozen version; leave out with followVersions to run on every new frozen version (through a policy). */
  versionId?: number;
  followVersions?: boolean;
  baseModelIds: number[];
  /** Recipe names (`custom`; ignored by the templates, which choose their own). */
  recipes?: string[];
  /** Default [42]. */
  seeds?: number[];
  hyperParams?: Partial<HyperParams>;
  /** volume-grid: which sources' grids to run; default every source that exists. */
  sources?: ('curated' | 'synthetic')[];
  /** probe: train items per ability; default 64. */
  probeItems?: number;
}

export interface StudyRunView {
  experimentId: string;
  name: string;
  baseModel: { id: number; name: string; parameters: number | null };
  version: { id: number; name: string };
  recipe: { id: number; name: string; revision: number } | null;
  seed: number;
  status: ExperimentStatus;
  /** 0–100 over training steps */
  percent: number;
  /** true when an identical run (base model, version, recipe revision, hyper-parameters, seed) already existed and was reused */
  reused: boolean;
  /** probe studies: the ability the run is trained on alone */
  probeAbility: string | null;
}

/** The untuned base model's evaluation in a probe study. */
export interface StudyFoundationView {
  baseModelId: number;
  evaluationId: string;
  status: ExperimentStatus;
}

export interface StudyProgress {
  total: number;
  queued: number;
  running: number;
  completed: number;
  failed: number;
  cancelled: number;
  /** mean of the runs' percent */
  percent: number;
}

export interface StudyView {
  id: number;
  name: string;
  template: StudyTemplate;
  version: { id: number; name: string } | null;
  followVersions: boolean;
  /** the policy that queues the study's runs on each new frozen version (followVersions): the first of policyIds */
  policyId: number | null;
  /** every policy the study owns (followVersions): one per base model × seed */
  policyIds: number[];
  baseModels: { id: number; name: string; parameters: number | null }[];
  recipes: string[];
  seeds: number[];
  hyperParams: Partial<HyperParams>;
  probeItems: number | null;
  runs: StudyRunView[];
  foundation: StudyFoundationView[];
  progress: StudyProgress;
  createdAt: string;
  /** the creator's name; null from the CLI */
  createdBy: string | null;
}
