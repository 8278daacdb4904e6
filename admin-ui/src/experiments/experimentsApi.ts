import { downloadFile } from '../download';
import { apiGet as get, apiList, apiSend, httpClient } from '../httpClient';
import { API_URL } from '../session';
import type { ResultsFilter } from '../../../server/evaluations/evaluation-views';
import type {
  BaseModelView,
  CheckpointView,
  EvaluationView,
  ExperimentScoresView,
  ExperimentView,
  HyperParams,
  EvaluationBackendKind,
  ItemAnswerView,
  ItemResultView,
  PolicyView,
  TrainingStepView,
} from './experimentTypes';

/** The files GET /experiments/:id/charts/:file serves (server/experiments/experiment-charts.service.ts). */
export type ExperimentChartFile = 'loss.svg' | 'loss.png';

export interface CreateExperimentRequest {
  baseModelId: number;
  versionId: number;
  recipe?: string;
  hyperParams?: Partial<HyperParams>;
  seed?: number;
  name?: string;
}

export interface CreateBaseModelRequest {
  name: string;
  path: string;
  parameters?: number;
  notes?: string;
}

export interface PolicyRequest {
  name: string;
  baseModelId: number;
  recipes: string[];
  hyperParams?: Partial<HyperParams>;
  seed?: number;
  enabled?: boolean;
}

const send = <T>(path: string, method: 'POST' | 'PATCH' | 'DELETE', body?: unknown) => apiSend<T>(method, path, body);
const list = (range: [number, number]) => `range=${encodeURIComponent(JSON.stringify(range))}&sort=${encodeURIComponent(JSON.stringify(['createdAt', 'DESC']))}`;

/** What `GET /experiments` filters on (react-admin's `filter` query); an absent key is not filtered. */
export interface ExperimentFilter {
  status?: string;
  versionId?: number;
  baseModelId?: number;
}

/** What `GET /evaluations/:id/results` filters on: the server's type. */
export type { ResultsFilter } from '../../../server/evaluations/evaluation-views';

/** A page of results and the total (from Content-Range). */
export type ResultsPage = Awaited<ReturnType<typeof apiList<ItemResultView>>>;

/** The experiments, base-models, policies and evaluations routes (server/experiments/experiment-views.ts). */
export const experimentsApi = {
  list: (filter: ExperimentFilter = {}) =>
    get<ExperimentView[]>(`/experiments?${list([0, 199])}${Object.keys(filter).length ? `&filter=${encodeURIComponent(JSON.stringify(filter))}` : ''}`),
  get: (id: string) => get<ExperimentView>(`/experiments/${id}`),
  create: (body: CreateExperimentRequest) => send<ExperimentView>('/experiments', 'POST', body),
  action: (id: string, action: 'cancel' | 'resume') => send<ExperimentView>(`/experiments/${id}/${action}`, 'POST'),
  steps: (id: string, after?: number) => get<TrainingStepView[]>(`/experiments/${id}/steps${after === undefined ? '' : `?after=${after}`}`),
  checkpoints: (id: string) => get<CheckpointView[]>(`/experiments/${id}/checkpoints`),
  evaluations: (id: string) => get<EvaluationView[]>(`/experiments/${id}/evaluations`),
  scores: (id: string) => get<ExperimentScoresView>(`/experiments/${id}/scores`),
  log: async (id: string) => (await fetchText(`${API_URL}/experiments/${id}/log`)) ?? '',
  /** Saves the chart the server draws from the same spec as the page (text in `locale`, Chinese drawn from its own font). */
  downloadChart: (id: string, file: ExperimentChartFile, locale: string) =>
    downloadFile(`${API_URL}/experiments/${id}/charts/${file}?locale=${encodeURIComponent(locale)}`, `experiment-${id}-${file}`),

  baseModels: () => get<BaseModelView[]>(`/base-models?${list([0, 999])}`),
  createBaseModel: (body: CreateBaseModelRequest) => send<BaseModelView>('/base-models', 'POST', body),
  deleteBaseModel: (id: number) => send<unknown>(`/base-models/${id}`, 'DELETE'),

  policies: () => get<PolicyView[]>(`/experiment-policies?${list([0, 999])}`),
  createPolicy: (body: PolicyRequest) => send<PolicyView>('/experiment-policies', 'POST', body),
  updatePolicy: (id: number, body: Partial<PolicyRequest>) => send<PolicyView>(`/experiment-policies/${id}`, 'PATCH', body),
  deletePolicy: (id: number) => send<unknown>(`/experiment-policies/${id}`, 'DELETE'),

  evaluation: (id: string) => get<EvaluationView>(`/evaluations/${id}`),
  results: (id: string, filter: ResultsFilter, range: [number, number]): Promise<ResultsPage> => {
    const q = new URLSearchParams({ range: JSON.stringify(range), filter: JSON.stringify(filter) });
    return apiList<ItemResultView>(`/evaluations/${id}/results?${q}`);
  },
  /** Evaluates one checkpoint again from scratch (epoch 0: the base model); `backend` defaults to the experiment's. */
  rerunEvaluation: (body: { experimentId: string; epoch: number; backend?: EvaluationBackendKind }) => send<EvaluationView>('/evaluations', 'POST', body),
  evaluationAction: (id: string, action: 'cancel' | 'resume') => send<EvaluationView>(`/evaluations/${id}/${action}`, 'POST'),

  itemAnswers: (itemId: number | string) => get<ItemAnswerView[]>(`/items/${itemId}/model-answers`),
};

/** The log is text/plain: fetchJson would try to parse it, so its raw body is read instead. */
async function fetchText(url: string): Promise<string | null> {
  const res = await httpClient(url, { headers: new Headers({ Accept: 'text/plain' }) });
  return res.body;
}
