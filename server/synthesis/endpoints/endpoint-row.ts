import { Budget, ChatClient, DEFAULT_PRICES, resolveApiKey, type ApiKeyRef, type ModelPrice, type PriceTable, type SamplingParams } from '../llm';

/** An `llm_endpoints` row as the synthesis jobs use it (migrations/1764020000000-CreateSynthesis.ts). */
export interface EndpointRow {
  id: string;
  name: string;
  baseUrl: string;
  model: string;
  apiKeyRef: ApiKeyRef;
  maxConcurrency: number;
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
  /** USD per million tokens; null: the built-in price table's entry for the model, if any. */
  inputPer1M: number | null;
  outputPer1M: number | null;
}

/** The SQL select list that reads an EndpointRow from `llm_endpoints e`. */
export const ENDPOINT_COLUMNS = `e.id, e.name, e.base_url AS "baseUrl", e.model, e.api_key_ref AS "apiKeyRef",
  e.max_concurrency AS "maxConcurrency", e.requests_per_minute AS "requestsPerMinute", e.tokens_per_minute AS "tokensPerMinute",
  e.input_per_1m::float8 AS "inputPer1M", e.output_per_1m::float8 AS "outputPer1M"`;

/** The context an endpoint's key is encrypted with: a value copied to another endpoint's row does not decrypt. */
export const endpointKeyContext = (endpointId: string) => `llm_endpoints:${endpointId}`;

/** The endpoint's own price, when both halves are set. */
export function endpointPrice(row: EndpointRow): ModelPrice | undefined {
  return row.inputPer1M !== null && row.outputPer1M !== null ? { inputPer1M: row.inputPer1M, outputPer1M: row.outputPer1M } : undefined;
}

/** The built-in prices with the endpoints' own prices on top (an endpoint's price is its model's price). */
export function priceTableFor(rows: readonly EndpointRow[], base: PriceTable = DEFAULT_PRICES): PriceTable {
  const table: Record<string, ModelPrice> = { ...base };
  for (const row of rows) {
    const price = endpointPrice(row);
    if (price) table[row.model] = price;
  }
  return table;
}

export interface ClientOptions {
  budget?: Budget;
  defaults?: SamplingParams;
  defaultMaxTokens?: number;
  env?: NodeJS.ProcessEnv;
  /** Tests: shorter rate-limit windows and backoff. */
  windowMs?: number;
  retry?: ConstructorParameters<typeof ChatClient>[0]['retry'];
  timeoutMs?: number;
}

/** A ChatClient for the endpoint: its key resolved (env variable or decrypted with PACE_SECRET_KEY), its limits applied. */
export function chatClientFor(row: EndpointRow, opts: ClientOptions = {}): ChatClient {
  const apiKey = resolveApiKey(row.apiKeyRef, { env: opts.env, context: endpointKeyContext(row.id) });
  return new ChatClient({
    baseUrl: row.baseUrl,
    model: row.model,
    apiKey,
    defaults: opts.defaults,
    defaultMaxTokens: opts.defaultMaxTokens,
    limits: {
      concurrency: row.maxConcurrency,
      requestsPerWindow: row.requestsPerMinute ?? undefined,
      tokensPerWindow: row.tokensPerMinute ?? undefined,
      windowMs: opts.windowMs,
    },
    retry: opts.retry,
    timeoutMs: opts.timeoutMs,
    budget: opts.budget,
  });
}
