import { ConflictException, Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { ListQuery } from '../../common/list-query';
import { encryptSecret, LlmError, serverKeyFromEnv, SERVER_KEY_VARIABLE, type ApiKeyRef } from '../llm';
import { chatClientFor, endpointKeyContext } from './endpoint-row';
import { endpointView, type EndpointTestResult, type EndpointView } from './endpoint-views';
import type { CreateEndpointDto, UpdateEndpointDto } from './dto/endpoint.dto';
import { LlmEndpointsRepository, type EndpointFields, type StoredEndpoint } from './llm-endpoints.repository';

/**
 * OpenAI-compatible endpoints (issue 15 item 3). The API key goes in and never comes out: stored encrypted at rest
 * (AES-256-GCM with PACE_SECRET_KEY, bound to the endpoint's id) or as the name of an environment variable; views
 * show only which. Nothing here logs a request body.
 */
@Injectable()
export class LlmEndpointsService {
  private readonly logger = new Logger(LlmEndpointsService.name);

  constructor(private readonly repo: LlmEndpointsRepository) {}

  async list(q: ListQuery): Promise<[EndpointView[], number]> {
    const [rows, total] = await this.repo.list(q);
    return [rows.map(endpointView), total];
  }

  async get(id: string): Promise<EndpointView> {
    return endpointView(await this.mustFind(id));
  }

  async create(dto: CreateEndpointDto, actorId: string | null): Promise<EndpointView> {
    const fields: EndpointFields = {
      name: dto.name.trim(),
      baseUrl: dto.baseUrl,
      model: dto.model.trim(),
      maxConcurrency: dto.maxConcurrency ?? 8,
      requestsPerMinute: dto.requestsPerMinute ?? null,
      tokensPerMinute: dto.tokensPerMinute ?? null,
      inputPer1M: dto.inputPer1M ?? null,
      outputPer1M: dto.outputPer1M ?? null,
    };
    await this.checkName(fields.name);
    const id = randomUUID();
    const ref = keyRef(dto, id) ?? { kind: 'none' };
    await this.repo.create(id, fields, ref, actorId);
    this.logger.log(`endpoint ${fields.name} (${fields.model}) created, key: ${ref.kind}`);
    return this.get(id);
  }

  async update(id: string, dto: UpdateEndpointDto): Promise<EndpointView> {
    const row = await this.mustFind(id);
    const fields: EndpointFields = {
      name: dto.name?.trim() ?? row.name,
      baseUrl: dto.baseUrl ?? row.baseUrl,
      model: dto.model?.trim() ?? row.model,
      maxConcurrency: dto.maxConcurrency ?? row.maxConcurrency,
      requestsPerMinute: dto.requestsPerMinute === undefined ? row.requestsPerMinute : dto.requestsPerMinute,
      tokensPerMinute: dto.tokensPerMinute === undefined ? row.tokensPerMinute : dto.tokensPerMinute,
      inputPer1M: dto.inputPer1M === undefined ? row.inputPer1M : dto.inputPer1M,
      outputPer1M: dto.outputPer1M === undefined ? row.outputPer1M : dto.outputPer1M,
    };
    if (fields.name !== row.name) await this.checkName(fields.name, id);
    if (dto.clearApiKey && (dto.apiKey || dto.apiKeyEnv)) throw invalid('clearApiKey', 'give either clearApiKey or a new key, not both');
    const ref: ApiKeyRef = dto.clearApiKey ? { kind: 'none' } : (keyRef(dto, id) ?? row.apiKeyRef);
    await this.repo.update(id, fields, ref);
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    if (!(await this.repo.delete(id))) throw new NotFoundException(`LLM endpoint ${id} not found`);
  }

  /** One tiny call (max_tokens 1, no retries): which model answered and how fast, or why not (the key redacted). */
  async test(id: string): Promise<EndpointTestResult> {
    const row = await this.mustFind(id);
    const started = Date.now();
    try {
      const client = chatClientFor(row, { retry: { maxAttempts: 1 }, timeoutMs: 30_000 });
      const res = await client.chat({ messages: [{ role: 'user', content: 'ping' }], sampling: { maxTokens: 1, temperature: 0 } });
      return { ok: true, model: res.model, latencyMs: Date.now() - started };
    } catch (e) {
      if (e instanceof LlmError) return { ok: false, code: e.code, error: e.message };
      throw e;
    }
  }

  private async mustFind(id: string): Promise<StoredEndpoint> {
    const row = await this.repo.findStored(id);
    if (!row) throw new NotFoundException(`LLM endpoint ${id} not found`);
    return row;
  }

  private async checkName(name: string, exceptId?: string): Promise<void> {
    if (await this.repo.nameTaken(name, exceptId)) throw new ConflictException(`an LLM endpoint named "${name}" already exists`);
  }
}

function invalid(field: string, message: string): UnprocessableEntityException {
  return new UnprocessableEntityException({ message: `${field}: ${message}`, errors: [{ field, message }] });
}

/** The stored reference for a key given in the request, or undefined when none was given. */
function keyRef(dto: { apiKey?: string; apiKeyEnv?: string }, id: string): ApiKeyRef | undefined {
  if (dto.apiKey !== undefined && dto.apiKeyEnv !== undefined) throw invalid('apiKey', 'give either apiKey (stored encrypted) or apiKeyEnv (a variable name), not both');
  if (dto.apiKeyEnv !== undefined) return { kind: 'env', name: dto.apiKeyEnv };
  if (dto.apiKey === undefined) return undefined;
  let serverKey: Buffer;
  try {
    serverKey = serverKeyFromEnv();
  } catch (e) {
    // the message names the variable and what is wrong with it, never its value
    throw invalid('apiKey', `cannot store the key encrypted: ${(e as Error).message}. Set ${SERVER_KEY_VARIABLE} on the server, or give apiKeyEnv instead`);
  }
  return { kind: 'encrypted', value: encryptSecret(dto.apiKey.trim(), serverKey, endpointKeyContext(id)) };
}
