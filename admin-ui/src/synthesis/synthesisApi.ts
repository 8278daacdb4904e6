import { apiGet, apiList, apiSend } from '../httpClient';
import type { GenerationSettings, ReviewMode } from '../../../server/synthesis/synthesis-contract';
import type { TaxonomySummary } from '../../../server/synthesis/taxonomies/taxonomy-views';
import type { DryRunView, EndpointTestResult, EndpointView, FailureView, IngestCancelled, IngestRequested, RunView } from '../../../server/synthesis/synthesis-views';

/** The synthesis API's views: the server's (server/synthesis/synthesis-views.ts), type-only. */
export type { ApiKeyView, DryRunEstimate as Estimate, EndpointView, FailureView, PlanLineEstimate as EstimateLine, RunProgressEvent, RunView } from '../../../server/synthesis/synthesis-views';

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
  testEndpoint: (id: string) => apiSend<EndpointTestResult>('POST', `/llm-endpoints/${id}/test`),
  runs: () => apiList<RunView>('/synthesis/runs?range=[0,99]'),
  run: (id: string) => apiGet<RunView>(`/synthesis/runs/${id}`),
  dryRun: (body: RunBody) => apiSend<DryRunView>('POST', '/synthesis/runs', { ...body, dryRun: true }),
  createRun: (body: RunBody) => apiSend<RunView>('POST', '/synthesis/runs', body),
  act: (id: string, action: 'pause' | 'resume' | 'cancel') => apiSend<RunView>('POST', `/synthesis/runs/${id}/${action}`),
  /** The run's pairs into items (decontamination, then import); again after a stop or a failure resumes. */
  ingest: (id: string) => apiSend<IngestRequested>('POST', `/synthesis/runs/${id}/ingest`, {}),
  stopIngest: (id: string) => apiSend<IngestCancelled>('POST', `/synthesis/runs/${id}/ingest/cancel`),
  failures: (id: string) => apiList<FailureView>(`/synthesis/runs/${id}/failures?range=[0,199]`),
  taxonomies: () => apiList<TaxonomySummary>('/taxonomies?range=[0,199]').catch(() => ({ rows: [], total: 0, totalIsLowerBound: false })),
};

export const STAGES = ['subjects', 'syllabi', 'questions', 'answers'] as const;
