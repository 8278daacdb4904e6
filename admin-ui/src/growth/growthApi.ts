import { downloadFile } from '../download';
import { apiGet as get, apiSend } from '../httpClient';
import { API_URL } from '../session';
import type {
  ApplyQuotasRequest,
  ApplyQuotasResult,
  EpochScoresView,
  ForecastAccuracyView,
  ForecastView,
  GrowthChartName,
  GrowthCsvName,
  GrowthView,
  HoursGuidanceView,
  PaceQueueRequest,
  PaceQueueView,
  ProbeView,
  QuotaProposalView,
  QuotaRequest,
  RecipeComparisonView,
} from '../../../server/growth/growth-views';
import type { StageOrderRequest, StageOrderView } from '../../../server/reviews/review-views';

/** Which runs the growth page reads: a study, or any set of experiments (the API's `studyId` / `experimentIds`). */
export type GrowthSelection = { studyId: number } | { experimentIds: readonly string[] };

/** The selection as the query string every growth route takes (`studyId=…` or `experimentIds=a,b`), plus `extra`. */
export function selectionQuery(selection: GrowthSelection, extra: Record<string, string | number | undefined> = {}): string {
  const q = new URLSearchParams();
  if ('studyId' in selection) q.set('studyId', String(selection.studyId));
  else q.set('experimentIds', selection.experimentIds.join(','));
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== '') q.set(k, String(v));
  return q.toString();
}

/** What the chart download asks the server to draw (GET /growth/charts/:name.(svg|png)). */
export interface ChartQuery {
  locale: string;
  ability?: string;
  suite?: string;
  parameters?: number;
  source?: string;
  experimentId?: string;
}

/** The growth-pace routes (server/growth/growth-views.ts): curves, epochs, probe, forecasts, guidance, pace queue. */
export const growthApi = {
  curves: (selection: GrowthSelection, minEpoch?: number) => get<GrowthView>(`/growth?${selectionQuery(selection, { minEpoch })}`),
  epochs: (experimentId: string, split: 'valid' | 'test' = 'test') => get<EpochScoresView>(`/growth/runs/${experimentId}/epochs?split=${split}`),
  probe: (studyId: number) => get<ProbeView>(`/growth/probe?studyId=${studyId}`),
  compare: (selection: GrowthSelection, baseline?: string) => get<RecipeComparisonView>(`/growth/compare?${selectionQuery(selection, { baseline })}`),
  forecasts: (selection: GrowthSelection) =>
    get<ForecastView[]>(`/forecasts?${'studyId' in selection ? `studyId=${selection.studyId}` : ''}`),
  forecastAccuracy: (selection: GrowthSelection) =>
    get<ForecastAccuracyView[]>(`/forecasts/accuracy${'studyId' in selection ? `?studyId=${selection.studyId}` : ''}`),
  quotas: (body: QuotaRequest) => apiSend<QuotaProposalView>('POST', '/guidance/quotas', body),
  applyQuotas: (body: ApplyQuotasRequest) => apiSend<ApplyQuotasResult>('POST', '/guidance/quotas/apply', body),
  hours: (hours: number, studyId?: number | null) => get<HoursGuidanceView>(`/guidance/hours?hours=${hours}${studyId ? `&studyId=${studyId}` : ''}`),
  paceQueue: () => get<PaceQueueView>('/reviews/pace'),
  setPaceQueue: (body: PaceQueueRequest) => apiSend<PaceQueueView>('PUT', '/reviews/pace', body),
  stageOrder: () => get<StageOrderView>('/reviews/stage-order'),
  setStageOrder: (body: StageOrderRequest) => apiSend<StageOrderView>('PUT', '/reviews/stage-order', body),
  /** The chart as the server draws it for publishing (same spec as the page), in the page's language. */
  downloadChart: (name: GrowthChartName, format: 'svg' | 'png', selection: GrowthSelection, query: ChartQuery) =>
    downloadFile(`${API_URL}/growth/charts/${name}.${format}?${selectionQuery(selection, { ...query })}`, `${name}.${format}`),
  downloadCsv: (name: GrowthCsvName, selection: GrowthSelection) => downloadFile(`${API_URL}/growth/export/${name}.csv?${selectionQuery(selection)}`, `${name}.csv`),
};
