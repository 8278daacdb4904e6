import { HttpError } from 'react-admin';
import { apiGet, apiSend } from '../httpClient';
import { API_URL } from '../session';
import { downloadFile } from '../download';
import type {
  ApplyVotesResult,
  DraftPromptKind,
  DraftRunView,
  TaxonomyDeleted,
  TaxonomyDetail,
  TaxonomyEdited,
  TaxonomyLanguage,
  TaxonomyRevisionSummary,
  TaxonomyRevisionView,
  VoteTallies,
} from '../../../server/synthesis/taxonomies/taxonomy-views';
import type { EndpointView } from '../../../server/synthesis/synthesis-views';

export type {
  ApplyVotesResult,
  DraftPromptKind,
  DraftRunView,
  TaxonomyDetail,
  TaxonomyLanguage,
  TaxonomyRevisionSummary,
  TaxonomySummary,
  TaxonomyUpdatedEvent,
} from '../../../server/synthesis/taxonomies/taxonomy-views';
export type { Taxonomy, TaxonomyNode } from '../../../server/synthesis/glan/taxonomy';
export { DRAFT_PROMPT_KINDS } from '../../../server/synthesis/taxonomies/taxonomy-views';

/** An LLM endpoint as the draft dialog lists it (GET /api/llm-endpoints). */
export type EndpointOption = Pick<EndpointView, 'id' | 'name' | 'model'>;
const t = (id: string) => `/taxonomies/${encodeURIComponent(id)}`;
const n = (id: string, nodeId: string) => `${t(id)}/nodes/${encodeURIComponent(nodeId)}`;

/** The taxonomy calls other than the list: every edit names the revision it was made on. */
export const taxonomiesApi = {
  get: (id: string) => apiGet<TaxonomyDetail>(t(id)),
  create: (body: { name: string; language: TaxonomyLanguage; json?: string }) => apiSend<TaxonomyDetail>('POST', body.json === undefined ? '/taxonomies' : '/taxonomies/import', body),
  remove: (id: string) => apiSend<TaxonomyDeleted>('DELETE', t(id)),
  addNode: (id: string, baseRevision: string, parentId: string | null, name: string) => apiSend<TaxonomyEdited>('POST', `${t(id)}/nodes`, { baseRevision, parentId, name }),
  rename: (id: string, baseRevision: string, nodeId: string, name: string) => apiSend<TaxonomyEdited>('PUT', n(id, nodeId), { baseRevision, name }),
  move: (id: string, baseRevision: string, nodeId: string, parentId: string | null) => apiSend<TaxonomyEdited>('POST', `${n(id, nodeId)}/move`, { baseRevision, parentId }),
  removeNode: (id: string, baseRevision: string, nodeId: string) => apiSend<TaxonomyEdited>('DELETE', `${n(id, nodeId)}?baseRevision=${baseRevision}`),
  setAbility: (id: string, baseRevision: string, nodeId: string, abilityKey: string | null) => apiSend<TaxonomyEdited>('PUT', `${n(id, nodeId)}/ability`, { baseRevision, abilityKey }),
  vote: (id: string, nodeId: string, decision: 'keep' | 'remove') => apiSend<VoteTallies[string]>('PUT', `${n(id, nodeId)}/vote`, { decision }),
  withdraw: (id: string, nodeId: string) => apiSend<VoteTallies[string]>('DELETE', `${n(id, nodeId)}/vote`),
  applyVotes: (id: string, baseRevision: string) => apiSend<ApplyVotesResult>('POST', `${t(id)}/apply-votes`, { baseRevision }),
  revisions: (id: string) => apiGet<TaxonomyRevisionSummary[]>(`${t(id)}/revisions`),
  revision: (id: string, revision: string) => apiGet<TaxonomyRevisionView>(`${t(id)}/revisions/${revision}`),
  exportJson: (id: string) => downloadFile(`${API_URL}${t(id)}/export`, 'taxonomy.json'),
  draft: (body: { name: string; language: TaxonomyLanguage; endpointId: string; prompts: DraftPromptKind[]; samplesPerPrompt: number; temperature: number }) =>
    apiSend<DraftRunView>('POST', '/taxonomies/draft', body),
  getDraft: (runId: string) => apiGet<DraftRunView>(`/taxonomies/drafts/${runId}`),
  cancelDraft: (runId: string) => apiSend<DraftRunView>('POST', `/taxonomies/drafts/${runId}/cancel`),
  resumeDraft: (runId: string) => apiSend<DraftRunView>('POST', `/taxonomies/drafts/${runId}/resume`),
  /** The endpoints to draft with; none (or, on a server without the endpoints API, a 404) is an empty list. */
  endpoints: async (): Promise<EndpointOption[]> => {
    try {
      const rows = await apiGet<EndpointView[]>('/llm-endpoints?range=[0,999]');
      return Array.isArray(rows) ? rows : [];
    } catch (e) {
      if (e instanceof HttpError && e.status === 404) return [];
      throw e;
    }
  },
};
