/**
 * What the LLM endpoints and generation runs API answer (issue 15 items 2 and 3), as JSON: dependency-free, so the
 * admin UI takes its response types from here (type-only). The server's modules build these from their rows.
 */
import type { GenerationSettings, GenerationStage, PauseReason, ReviewMode, RunProgress, RunUsage, SynthesisRunStatus } from './synthesis-contract';

/** How the API shows an endpoint's key: where it comes from, never what it is. */
export type ApiKeyView = { kind: 'none' } | { kind: 'env'; name: string } | { kind: 'encrypted'; set: true };

/** An `llm_endpoints` row as GET /api/llm-endpoints answers it. */
export interface EndpointView {
  id: string;
  name: string;
  baseUrl: string;
  model: string;
  apiKey: ApiKeyView;
  maxConcurrency: number;
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
  /** USD per million tokens; null: the built-in price table's entry for the model, if any. */
  inputPer1M: number | null;
  outputPer1M: number | null;
  createdAt: string;
  updatedAt: string;
}

/** What `POST /llm-endpoints/:id/test` answers: the model that answered and the latency, or the (redacted) error. */
export type EndpointTestResult = { ok: true; model: string; latencyMs: number } | { ok: false; error: string; code: string };

export interface PlanLineEstimate {
  label: string;
  model: string;
  calls: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  costUsd: number | null;
  /** True when completions were counted at max_tokens. */
  upperBound: boolean;
}

export interface DryRunEstimate {
  lines: PlanLineEstimate[];
  calls: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** Over priced models; `unpricedModels` lists those counted as unknown. */
  costUsd: number;
  unpricedModels: string[];
  /** Against the budget's caps, after what it already spent; null where no cap is set. */
  fitsTokenCap: boolean | null;
  fitsCostCap: boolean | null;
}

/** A generation run as GET /api/synthesis/runs(/:id) answers it (timestamps as ISO strings). */
export interface RunView {
  id: string;
  kind: 'generation';
  name: string;
  taxonomyId: string | null;
  taxonomyRevision: string;
  endpointId: string | null;
  answerEndpointId: string | null;
  reviewMode: ReviewMode;
  settings: GenerationSettings;
  status: SynthesisRunStatus;
  stage: GenerationStage | null;
  progress: RunProgress;
  usage: Partial<RunUsage>;
  pauseReason: PauseReason | null;
  failureReason: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
  /** Failures kept for the run (GET …/failures lists them). */
  failures: number;
  /** The estimate made when the run was created. */
  estimate: DryRunEstimate | null;
}

/** What POST /api/synthesis/runs with `dryRun: true` answers. */
export interface DryRunView {
  dryRun: true;
  estimate: DryRunEstimate;
}

/** A call of the pipeline that could not be made or parsed, with its raw text (GET …/failures). */
export interface FailureView {
  id: number;
  stage: string;
  nodeKey: string | null;
  parentKey: string | null;
  discipline: string | null;
  code: string;
  message: string;
  raw: string | null;
  createdAt: string;
}

/** What became of a run's pairs so far. */
export interface PairCounts {
  total: number;
  /** Still to ingest. */
  generated: number;
  excluded: number;
  ingested: number;
  rejected: number;
}

/** What POST /api/synthesis/runs/:id/ingest answers: the ingestion is queued. */
export interface IngestRequested {
  runId: string;
  queued: true;
  stage: GenerationStage | null;
  pairs: PairCounts;
}

/** What POST /api/synthesis/runs/:id/ingest/cancel answers: the imports it cancelled (ingesting again resumes them). */
export interface IngestCancelled {
  runId: string;
  cancelled: string[];
}

/** The `synthesis.progress` event in the rooms `synthesis` and `synthesis:<id>`. */
export type RunProgressEvent = Pick<RunView, 'id' | 'status' | 'stage' | 'progress' | 'usage'>;
