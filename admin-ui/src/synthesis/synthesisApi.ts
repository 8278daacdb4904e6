import { apiGet, apiList, apiSend } from '../httpClient';
import type { GenerationSettings, GenerationStage, PauseReason, ReviewMode, RunProgress, RunUsage, SynthesisRunStatus } from '../../../server/synthesis/synthesis-contract';

/**
 * The synthesis API's views. The JSON shapes come from the dependency-free contract; the row views below mirror
 * server/synthesis/endpoints/endpoint-views.ts and runs/synthesis-runs.repository.ts, whose modules import the
 * server's LLM client and cannot be imported here.
 */
export type ApiKeyView = { kind: 'none' } | { kind: 'env'; name: string } | { kind: 'encrypted'; set: true };

export interface EndpointView {
  id: string;
  name: string;
  baseUrl: string;
  model: string;
  apiKey: ApiKeyView;
  maxConcurrency: number;
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
  inputPer1M: number | null;
  outputPer1M: number | null;
}

export interface EstimateLine {
  label: string;
  model: string;
  calls: number;
  totalTokens: number;
  costUsd: number | null;
}

export interface Estimate {
  lines: EstimateLine[];
  calls: number;
  totalTokens: number;
  costUsd: number;
  unpricedModels: string[];
}

export interface RunView {
  id: string;
  name: string;
  taxonomyRevision: string;
  reviewMode: ReviewMode;
  settings: GenerationSettings;
  status: SynthesisRunStatus;
  stage: GenerationStage | null;
  progress: RunProgress;
  usage: Partial<RunUsage>;
  pauseReason: PauseReason | null;
  failureReason: string | null;
  failures: number;
  createdAt: string;
  estimate: Estimate | null;
}

export interface FailureView {
  id: number;
  stage: string;
  discipline: string | null;
  code: string;
  message: string;
  raw: string | null;
}

export type EndpointBody = Partial<Omit<EndpointView, 'id' | 'apiKey'>> & { apiKey?: string; apiKeyEnv?: string; clearApiKey?: boolean };
export interface RunBody {
  name: string;
  taxonomyId: string;
  endpointId: string;
  answerEndpointId?: string;
  reviewMode: ReviewMode;
  settings: Partial<GenerationSettings>;
}

/** Every synthesis call the UI makes, through the one fetch path (httpClient). */
export const synthesisApi = {
  endpoints: () => apiList<EndpointView>('/llm-endpoints?range=[0,199]'),
  createEndpoint: (body: EndpointBody) => apiSend<EndpointView>('POST', '/llm-endpoints', body),
  updateEndpoint: (id: string, body: EndpointBody) => apiSend<EndpointView>('PUT', `/llm-endpoints/${id}`, body),
  deleteEndpoint: (id: string) => apiSend<void>('DELETE', `/llm-endpoints/${id}`),
  testEndpoint: (id: string) => apiSend<{ ok: true; model: string; latencyMs: number } | { ok: false; error: string; code: string }>('POST', `/llm-endpoints/${id}/test`),
  runs: () => apiList<RunView>('/synthesis/runs?range=[0,99]'),
  run: (id: string) => apiGet<RunView>(`/synthesis/runs/${id}`),
  dryRun: (body: RunBody) => apiSend<{ dryRun: true; estimate: Estimate }>('POST', '/synthesis/runs', { ...body, dryRun: true }),
  createRun: (body: RunBody) => apiSend<RunView>('POST', '/synthesis/runs', body),
  act: (id: string, action: 'pause' | 'resume' | 'cancel') => apiSend<RunView>('POST', `/synthesis/runs/${id}/${action}`),
  failures: (id: string) => apiList<FailureView>(`/synthesis/runs/${id}/failures?range=[0,199]`),
  taxonomies: () => apiList<{ id: string; name: string }>('/taxonomies?range=[0,199]').catch(() => ({ rows: [], total: 0 })),
};

export const STAGES = ['subjects', 'syllabi', 'questions', 'answers'] as const;
