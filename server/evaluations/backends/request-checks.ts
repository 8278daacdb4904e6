import { BackendRequest, GenerateRequest, LoglikelihoodRequest } from './backend.types';

/** A request a back-end refuses: names the request and the field. */
export class BackendRequestError extends Error {}

/** The same checks for every back-end, so a bad request fails before any model runs. */
export function checkRequests<T extends BackendRequest>(requests: readonly T[], kind: T['kind']): void {
  if (!Array.isArray(requests)) throw new BackendRequestError(`${kind} requests must be an array`);
  requests.forEach((r, i) => {
    const where = `${kind} request ${i} (id ${JSON.stringify((r as { id?: unknown })?.id)})`;
    if (!r || typeof r !== 'object') throw new BackendRequestError(`${kind} request ${i} is not an object`);
    if (r.kind !== kind) throw new BackendRequestError(`${where}: field "kind" must be "${kind}", got ${JSON.stringify(r.kind)}`);
    if (typeof r.id !== 'string' || !r.id) throw new BackendRequestError(`${where}: field "id" must be a non-empty string`);
    if (typeof r.context !== 'string') throw new BackendRequestError(`${where}: field "context" must be a string`);
    if (kind === 'loglikelihood') {
      const c = (r as LoglikelihoodRequest).continuation;
      if (typeof c !== 'string' || !c) throw new BackendRequestError(`${where}: field "continuation" must be a non-empty string`);
    } else {
      const g = r as GenerateRequest;
      if (!Number.isInteger(g.maxTokens) || g.maxTokens < 1) throw new BackendRequestError(`${where}: field "maxTokens" must be a positive integer, got ${JSON.stringify(g.maxTokens)}`);
      if (g.candidates !== undefined && (!Array.isArray(g.candidates) || !g.candidates.every((c) => typeof c === 'string' && c))) {
        throw new BackendRequestError(`${where}: field "candidates" must be a list of non-empty strings`);
      }
    }
  });
}
