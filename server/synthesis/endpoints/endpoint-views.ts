import type { ApiKeyRef } from '../llm';
import type { EndpointRow } from './endpoint-row';

/** How the API shows an endpoint's key: where it comes from, never what it is. */
export type ApiKeyView = { kind: 'none' } | { kind: 'env'; name: string } | { kind: 'encrypted'; set: true };

export interface EndpointView extends Omit<EndpointRow, 'apiKeyRef'> {
  apiKey: ApiKeyView;
  createdAt: string;
  updatedAt: string;
}

export function apiKeyView(ref: ApiKeyRef): ApiKeyView {
  if (ref.kind === 'env') return { kind: 'env', name: ref.name };
  if (ref.kind === 'encrypted') return { kind: 'encrypted', set: true };
  return { kind: 'none' };
}

export function endpointView(row: EndpointRow & { createdAt: Date | string; updatedAt: Date | string }): EndpointView {
  const { apiKeyRef, createdAt, updatedAt, ...rest } = row;
  return { ...rest, apiKey: apiKeyView(apiKeyRef), createdAt: new Date(createdAt).toISOString(), updatedAt: new Date(updatedAt).toISOString() };
}

/** What `POST /llm-endpoints/:id/test` answers: the model that answered and the latency, or the (redacted) error. */
export type EndpointTestResult = { ok: true; model: string; latencyMs: number } | { ok: false; error: string; code: string };
