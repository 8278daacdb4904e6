import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventsService } from '../../events/events.service';
import { chatClientFor, priceTableFor } from '../endpoints/endpoint-row';
import { LlmEndpointsRepository } from '../endpoints/llm-endpoints.repository';
import { parseTaxonomyDraft } from '../glan/completion-parse';
import { nodeKey, rootParentKey } from '../glan/node-key';
import { getTemplate, renderTemplate, templateRef } from '../glan/prompt-templates';
import { type DraftNode, mergeTaxonomyDrafts } from '../glan/taxonomy-review';
import { Budget, type ChatClient, LlmError } from '../llm';
import { TaxonomiesService } from './taxonomies.service';
import { TaxonomyDraftsRepository } from './taxonomy-drafts.repository';
import { SYNTHESIS_PROGRESS, type DraftProgress, type DraftRunView, type DraftSettings } from './taxonomy-views';

const HEARTBEAT_MS = 15_000;

export const SYNTHESIS_ROOM = 'synthesis';
export const synthesisRoom = (runId: string) => `synthesis:${runId}`;

/**
 * The parent key of a draft's calls: rootParentKey over `draft:<runId>` and the path ['taxonomy-draft', language]. A
 * draft's calls are its own (the run id is in the key), so a resumed draft finds exactly the completions it stored and
 * another draft with the same settings asks the model afresh (a new draft is asked for to get new answers).
 */
export const draftParentKey = (runId: string, language: string) => rootParentKey(`draft:${runId}`, ['taxonomy-draft', language]);

interface PlannedCall {
  key: string;
  prompt: number;
  sampleIndex: number;
  template: string;
  messages: { role: 'system' | 'user'; content: string }[];
}

/**
 * Runs a taxonomy draft (issue 15 item 1): one call per (prompt, sample) with the versioned drafting templates, each
 * completion stored as a synthesis_nodes row the moment it completes (a resumed draft skips every stored key), parsed
 * with parseTaxonomyDraft (repair included; an unusable completion is listed in synthesis_failures with its raw text),
 * then the parsed drafts merged (mergeTaxonomyDrafts, de-duplicated) into a new taxonomy named as the request said.
 * A call that fails (after the client's retries) is listed too and leaves the draft failed: resuming it asks only for
 * the calls not yet stored.
 */
@Injectable()
export class TaxonomyDraftRunner {
  private readonly logger = new Logger(TaxonomyDraftRunner.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: TaxonomyDraftsRepository,
    private readonly endpoints: LlmEndpointsRepository,
    private readonly taxonomies: TaxonomiesService,
    private readonly events: EventsService,
  ) {}

  async run(runId: string): Promise<void> {
    if (!(await this.repo.claim(runId))) return; // cancelled, finished or unknown: nothing to do
    const run = (await this.repo.find(runId))!;
    // a call can outlast the stale sweep's 60 s of silence: keep the row fresh while one is in flight
    const beat = setInterval(() => void this.repo.heartbeat(runId).catch(() => undefined), HEARTBEAT_MS);
    try {
      await this.work(run);
    } catch (e) {
      this.logger.warn(`taxonomy draft ${runId} failed: ${(e as Error).message}`);
      await this.repo.finish(runId, 'failed', { failureReason: (e as Error).message });
    } finally {
      clearInterval(beat);
    }
    await this.publish(runId);
  }

  private async work(run: Omit<DraftRunView, 'failures'>): Promise<void> {
    const settings = run.settings;
    const endpoint = run.endpointId ? await this.endpoints.findRow(run.endpointId) : null;
    if (!endpoint) throw new Error('the draft\'s LLM endpoint no longer exists; start a new draft with another endpoint');
    const client = chatClientFor(endpoint, { budget: new Budget({}, priceTableFor([endpoint])), defaultMaxTokens: settings.maxTokens });
    const parent = draftParentKey(run.id, settings.language);
    const params = { temperature: settings.temperature, max_tokens: settings.maxTokens };
    const plan: PlannedCall[] = settings.prompts.flatMap((kind, prompt) => {
      const template = getTemplate(kind, settings.language);
      const rendered = renderTemplate(template, { scope: '' });
      return Array.from({ length: settings.samplesPerPrompt }, (_, sampleIndex) => ({
        key: nodeKey({ template: templateRef(template), model: endpoint.model, params, parent, sampleIndex }),
        prompt,
        sampleIndex,
        template: templateRef(template),
        messages: rendered.messages,
      }));
    });
    await this.repo.clearCallFailures(run.id);
    const stored = await this.repo.nodeKeys(plan.map((c) => c.key));
    const progress: DraftProgress = { planned: plan.length, done: stored.size, failed: (await this.repo.failures(run.id)).length };
    let callFailures = 0;
    for (const call of plan.filter((c) => !stored.has(c.key))) {
      if ((await this.saveProgress(run.id, progress)) === 'cancelling') {
        await this.repo.finish(run.id, 'cancelled');
        return;
      }
      const ok = await this.call(client, run.id, parent, call, params, settings.language);
      if (ok === 'call-failed') callFailures++;
      if (ok === 'stored') progress.done++;
      else if (ok === 'unparseable') {
        progress.done++;
        progress.failed++;
      } else progress.failed++;
    }
    if ((await this.saveProgress(run.id, progress)) === 'cancelling') {
      await this.repo.finish(run.id, 'cancelled');
      return;
    }
    if (callFailures > 0) throw new Error(`${callFailures} of ${plan.length} calls failed (listed in the draft's failures); resume the draft to retry them`);
    await this.complete(run, plan, progress);
  }

  /** One call, stored as soon as it completes. */
  private async call(client: ChatClient, runId: string, parent: string, call: PlannedCall, params: Record<string, number>, language: DraftSettings['language']) {
    let result;
    try {
      result = await client.chat({ messages: call.messages, sampling: { temperature: params.temperature, maxTokens: params.max_tokens } }, { headers: { 'x-pace-sample-index': String(call.sampleIndex) } });
    } catch (e) {
      if (!(e instanceof LlmError)) throw e;
      await this.repo.insertFailure(this.db, runId, { stage: 'taxonomy-draft', nodeKey: call.key, parentKey: parent, code: 'call-failed', message: `${call.template} sample ${call.sampleIndex}: ${e.message}` });
      return 'call-failed' as const;
    }
    const parsed = parseTaxonomyDraft(result.text, language);
    await this.repo.storeNode(
      {
        key: call.key,
        runId,
        parentKey: parent,
        sampleIndex: call.sampleIndex,
        template: call.template,
        model: client.model,
        params,
        prompt: call.messages,
        completion: result.text,
        parsed: parsed.ok ? parsed.records[0] : null,
        meta: parsed.ok ? { notes: parsed.notes, problems: parsed.problems, finishReason: result.finishReason } : { error: parsed.error, problems: parsed.problems, finishReason: result.finishReason },
        promptTokens: result.usage.promptTokens,
        completionTokens: result.usage.completionTokens,
        costUsd: result.costUsd ?? 0,
        attempts: result.attempts,
      },
      parsed.ok ? undefined : { code: 'unparseable', message: `${call.template} sample ${call.sampleIndex}: ${parsed.error}` },
    );
    return parsed.ok ? ('stored' as const) : ('unparseable' as const);
  }

  /** Merges the parsed drafts (in prompt, then sample order) into the new taxonomy. */
  private async complete(run: Omit<DraftRunView, 'failures'>, plan: PlannedCall[], progress: DraftProgress): Promise<void> {
    const nodes = new Map((await this.repo.nodes(run.id)).map((n) => [n.key, n]));
    const drafts = plan.map((c) => nodes.get(c.key)?.parsed).filter((p): p is { fields: DraftNode[] } => p !== null && p !== undefined);
    if (drafts.length === 0) throw new Error('no completion held a usable taxonomy draft (see the failures)');
    const merged = mergeTaxonomyDrafts(drafts);
    if (merged.taxonomy.fields.length === 0) throw new Error('the drafts held no usable node (see the failures)');
    const taxonomy = await this.db.transaction(async (m) => {
      for (const issue of merged.issues) await this.repo.insertFailure(m, run.id, { stage: 'merge', code: 'unusable-node', message: `${issue.path}: ${issue.message}` });
      const created = await this.taxonomies.create({ name: run.name, language: run.settings.language, json: merged.taxonomy }, (run as { createdBy?: string | null }).createdBy ?? null, m);
      const merge = { drafts: drafts.length, nodes: merged.support.size, elsewhere: merged.elsewhere };
      await this.repo.finish(run.id, 'completed', { taxonomyId: created.id, taxonomyRevision: created.revision, progress: { ...progress, merge } }, m);
      return created;
    });
    await this.taxonomies.publish(taxonomy.id, taxonomy.revision, 'draft');
  }

  private async saveProgress(runId: string, progress: DraftProgress) {
    const nodes = await this.repo.nodes(runId);
    const usage = {
      calls: nodes.length,
      promptTokens: nodes.reduce((s, n) => s + n.promptTokens, 0),
      completionTokens: nodes.reduce((s, n) => s + n.completionTokens, 0),
      costUsd: nodes.reduce((s, n) => s + n.costUsd, 0),
    };
    const status = await this.repo.saveProgress(runId, progress, usage);
    await this.publish(runId);
    return status;
  }

  async publish(runId: string): Promise<void> {
    const run = await this.repo.find(runId);
    if (!run) return;
    const event = { id: run.id, kind: 'taxonomy-draft', status: run.status, progress: run.progress, usage: run.usage, taxonomyId: run.taxonomyId, failureReason: run.failureReason };
    await this.events.publish(SYNTHESIS_ROOM, SYNTHESIS_PROGRESS, event);
    await this.events.publish(synthesisRoom(runId), SYNTHESIS_PROGRESS, event);
  }
}
