import type { ApiKeyRef } from '../llm';
import type { EndpointRow } from './endpoint-row';

import type { ApiKeyView, EndpointView } from '../synthesis-views';

export type { ApiKeyView, EndpointTestResult, EndpointView } from '../synthesis-views';

export function apiKeyView(ref: ApiKeyRef): ApiKeyView {
  if (ref.kind === 'env') return { kind: 'env', name: ref.name };
  if (ref.kind === 'encrypted') return { kind: 'encrypted', set: true };
  return { kind: 'none' };
}

export function endpointView(row: EndpointRow & { createdAt: Date | string; updatedAt: Date | string }): EndpointView {
  const { apiKeyRef, createdAt, updatedAt, ...rest } = row;
  return { ...rest, apiKey: apiKeyView(apiKeyRef), createdAt: new Date(createdAt).toISOString(), updatedAt: new Date(updatedAt).toISOString() };
}
