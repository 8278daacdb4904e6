import { BudgetReached, LlmCancelled, LlmError, type ChatClient, type ChatMessage } from '../llm';
import {
  getTemplate,
  nameKey,
  nodeKey,
  parseClassSessions,
  parseSubjectLines,
  promptLanguage,
  questionContext,
  questionVariables,
  renderTemplate,
  templateRef,
  retryInstruction,
  rootParentKey,
  sampleConceptCombinations,
  type ClassSession,
  type ParseOutcome,
  type PromptLanguage,
  type SubjectRecord,
  type TemplateKind,
} from '../glan';
import type { GenerationSettings, PairTags, SynthesisNodeKind } from '../synthesis-contract';
import type { GenerationProgress, WorkStage } from './generation-progress';
import { Slots, type NodeWriter } from './node-writer';
import type { FailureInsert, NodeInsert, PairInsert, StoredNode } from './pipeline.repository';

export interface PipelineEndpoint {
  client: ChatClient;
  slots: Slots;
}

export interface PipelineDiscipline {
  id: string;
  path: [string, string, string];
  abilityKey?: string;
}

export type StopReason = 'budget' | 'pause' | 'cancel';

export interface PipelineContext {
  runId: string;
  taxonomyRevision: string;
  settings: GenerationSettings;
  disciplines: PipelineDiscipline[];
  question: PipelineEndpoint;
  answer: PipelineEndpoint;
  /** The committed nodes the run may reuse (its own, and its revision's other runs'): their keys are skipped. */
  stored: StoredNode[];
  /** Answer keys that already have their pair in this run. */
  pairKeys: Set<string>;
  writer: NodeWriter;
  progress: GenerationProgress;
  signal: AbortSignal;
  /** Stops the run (aborting the calls in flight) for a reason. */
  stop(reason: StopReason): void;
}

interface CallSpec<T> {
  kind: SynthesisNodeKind;
  stage: WorkStage;
  template: TemplateKind;
  language: PromptLanguage;
  /** A function for prompts built from much context (questions): built only once a slot is held. */
  vars: Record<string, string> | (() => Record<string, string>);
  endpoint: PipelineEndpoint;
  sampling: { temperature: number; topP?: number };
  parent: string;
  sampleIndex: number;
  input?: string;
  discipline: string;
  meta?: Record<string, unknown>;
  /** For JSON stages: repaired by the parser, else retried once with the error; what still fails is kept as a failure. */
  parse?: (text: string) => ParseOutcome<T>;
  /** Rows committed with the node (an answer's pair; added for a reused answer that has none in this run). */
  pair?: (node: { key: string; completion: string }) => PairInsert;
}

/** A node's value: its completion and, for JSON stages, its parsed records (null when they could not be parsed). */
interface NodeValue<T> {
  key: string;
  completion: string;
  records: T[] | null;
  meta: Record<string, unknown>;
}

/**
 * The GLAN generation flow (issue 15 item 2) over one run: per discipline, k subject listings → subject JSON lines;
 * per subject a syllabus → its class sessions; per subject `questionsPerSubject` sampled concept combinations →
 * questions; per question an answer and its pair. Work flows through the tree: a subject's syllabus starts as soon as
 * its discipline's subjects are known, a question's answer as soon as the question is stored, bounded by each
 * endpoint's slots. Every call is a node keyed by its inputs; a stored key is never called again.
 */
export class GenerationPipeline {
  private readonly byKey = new Map<string, StoredNode>();
  private readonly byParent = new Map<string, StoredNode[]>();

  constructor(private readonly ctx: PipelineContext) {
    for (const n of ctx.stored) {
      this.byKey.set(n.key, n);
      if (n.parentKey) {
        const list = this.byParent.get(n.parentKey) ?? [];
        list.push(n);
        this.byParent.set(n.parentKey, list);
      }
    }
  }

  async run(): Promise<void> {
    await Promise.all(this.ctx.disciplines.map((d) => this.discipline(d)));
  }

  private async discipline(d: PipelineDiscipline): Promise<void> {
    const { settings } = this.ctx;
    const [field, subField, discipline] = d.path;
    const language = promptLanguage(discipline);
    const k = settings.subjectSamples;
    this.ctx.progress.plan('subjects', 2 * k);
    const root = rootParentKey(this.ctx.taxonomyRevision, d.path);
    const samples = await Promise.all(
      Array.from({ length: k }, async (_, i) => {
        const list = await this.node<never>({
          kind: 'subject-list', stage: 'subjects', template: 'subject-list', language, vars: { discipline, field, subfield: subField },
          endpoint: this.ctx.question, sampling: { temperature: settings.subjectTemperature, topP: settings.subjectTopP }, parent: root, sampleIndex: i, discipline,
        });
        if (!list) return { key: null, records: [] as SubjectRecord[] };
        const jsonl = await this.node<SubjectRecord>({
          kind: 'subjects', stage: 'subjects', template: 'subject-jsonl', language, vars: { subject_list: list.completion },
          endpoint: this.ctx.question, sampling: { temperature: 0 }, parent: list.key, sampleIndex: 0, discipline, parse: (t) => parseSubjectLines(t, language),
        });
        return { key: jsonl?.key ?? null, records: jsonl?.records ?? [] };
      }),
    );
    if (this.ctx.signal.aborted) return;
    // the k listings merged: a subject named twice (by nameKey) is taken once, from the first listing that has it
    const seen = new Set<string>();
    let subjects: { parent: string; record: SubjectRecord }[] = [];
    for (const s of samples) {
      for (const record of s.records) {
        const id = nameKey(record.subject_name);
        if (s.key && !seen.has(id)) {
          seen.add(id);
          subjects.push({ parent: s.key, record });
        }
      }
    }
    if (settings.maxSubjectsPerDiscipline !== undefined) subjects = subjects.slice(0, settings.maxSubjectsPerDiscipline);
    this.ctx.progress.plan('syllabi', 2 * subjects.length);
    await Promise.all(subjects.map((s) => this.subject(d, language, s.parent, s.record)));
  }

  private async subject(d: PipelineDiscipline, language: PromptLanguage, parent: string, subject: SubjectRecord): Promise<void> {
    const { settings } = this.ctx;
    const discipline = d.path[2];
    const sep = language === 'zh' ? '、' : ', ';
    const syllabus = await this.node<never>({
      kind: 'syllabus', stage: 'syllabi', template: 'syllabus', language,
      vars: { discipline, subject: subject.subject_name, level: subject.level, subtopics: subject.subtopics.join(sep) },
      endpoint: this.ctx.question, sampling: { temperature: settings.questionTemperature }, parent, sampleIndex: 0, input: subject.subject_name, discipline,
      meta: { subject: subject.subject_name, level: subject.level },
    });
    if (!syllabus) return;
    const sessionsNode = await this.node<ClassSession & { line: number }>({
      kind: 'sessions', stage: 'syllabi', template: 'class-sessions', language, vars: { syllabus: syllabus.completion },
      endpoint: this.ctx.question, sampling: { temperature: 0 }, parent: syllabus.key, sampleIndex: 0, discipline, parse: (t) => parseClassSessions(t, language),
    });
    if (!sessionsNode?.records?.length) return;
    const sessions: ClassSession[] = sessionsNode.records.map((r) => ({ title: r.title, concepts: r.concepts }));

    // the questions stored before (a resumed run) and new draws that avoid their combinations
    const stored = (this.byParent.get(sessionsNode.key) ?? []).filter((n) => n.kind === 'question');
    const want = Math.max(0, settings.questionsPerSubject - stored.length);
    const { draws } = sampleConceptCombinations(sessions, { count: want, pairRatio: settings.pairRatio, seed: `${settings.seed}:${sessionsNode.key}`, alreadyDrawn: stored.map((n) => String(n.meta.combo)) });
    const jobs = [
      ...stored.map((n) => ({ sampleIndex: n.sampleIndex, draw: null as null | (typeof draws)[number], storedCombo: String(n.meta.combo), strategy: n.meta.strategy as 'single' | 'pair' })),
      ...draws.map((draw, i) => ({ sampleIndex: stored.length + i, draw, storedCombo: draw.key, strategy: draw.strategy })),
    ];
    this.ctx.progress.plan('questions', jobs.length);
    const base = { discipline, subject: subject.subject_name, level: subject.level };
    await Promise.all(
      jobs.map(async (job) => {
        const storedNode = job.draw ? undefined : stored.find((n) => n.sampleIndex === job.sampleIndex && n.meta.combo === job.storedCombo);
        const meta = storedNode?.meta ?? this.questionMeta(sessions, job.draw!);
        const question = storedNode
          ? await this.node<never>({ kind: 'question', stage: 'questions', template: 'question-single', language, vars: {}, endpoint: this.ctx.question, sampling: { temperature: 0 }, parent: sessionsNode.key, sampleIndex: job.sampleIndex, discipline, existing: storedNode } as CallSpec<never> & { existing: StoredNode })
          : await this.node<never>({
              kind: 'question', stage: 'questions', template: job.strategy === 'pair' ? 'question-pair' : 'question-single', language,
              vars: () => questionVariables(base, questionContext(sessions, job.draw!), language), endpoint: this.ctx.question,
              sampling: { temperature: settings.questionTemperature }, parent: sessionsNode.key, sampleIndex: job.sampleIndex, input: job.draw!.key, discipline, meta,
            });
        if (!question) return;
        this.ctx.progress.plan('answers', 1);
        const tags: PairTags = {
          field: d.path[0], subField: d.path[1], discipline, disciplineId: d.id, abilityKey: d.abilityKey ?? null,
          subject: subject.subject_name, level: subject.level, sessions: meta.sessions as string[], concepts: meta.concepts as string[],
          strategy: meta.strategy as 'single' | 'pair', combo: String(meta.combo), taxonomyRevision: this.ctx.taxonomyRevision,
        };
        await this.node<never>({
          kind: 'answer', stage: 'answers', template: 'answer', language, vars: { question: question.completion }, endpoint: this.ctx.answer,
          sampling: { temperature: settings.answerTemperature }, parent: question.key, sampleIndex: 0, discipline,
          pair: (n) => ({ runId: this.ctx.runId, questionKey: question.key, answerKey: n.key, question: question.completion, answer: n.completion, tags }),
        });
      }),
    );
  }

  private questionMeta(sessions: ClassSession[], draw: ReturnType<typeof sampleConceptCombinations>['draws'][number]): Record<string, unknown> {
    const c = questionContext(sessions, draw);
    return { combo: draw.key, strategy: draw.strategy, sessions: c.sampled.map((s) => s.title), concepts: c.sampled.flatMap((s) => s.concepts) };
  }

  /**
   * One node: the stored one when its key exists, else the call (holding a slot of its endpoint until the node is
   * committed), a JSON retry when parsing fails, and the commit. Null when it could not be made (the failure is
   * stored) or the run is stopping.
   */
  private async node<T>(spec: CallSpec<T> & { existing?: StoredNode }): Promise<NodeValue<T> | null> {
    const { ctx } = this;
    const existing = spec.existing;
    const template = getTemplate(spec.template, spec.language);
    const model = spec.endpoint.client.model;
    const params = { temperature: spec.sampling.temperature, top_p: spec.sampling.topP, max_tokens: ctx.settings.maxTokens };
    const key = existing?.key ?? nodeKey({ template: templateRef(template), model, params, parent: spec.parent, sampleIndex: spec.sampleIndex, input: spec.input });
    const found = existing ?? this.byKey.get(key);
    if (found) {
      if (spec.pair && !ctx.pairKeys.has(key)) {
        // an answer another run of this revision made: this run gets its pair without a call
        await ctx.writer.add({ pairs: [spec.pair({ key, completion: found.completion })] });
        ctx.pairKeys.add(key);
      }
      if (spec.parse && found.parsed === null) ctx.progress.failed(spec.stage);
      else ctx.progress.done(spec.stage);
      return { key, completion: found.completion, records: (found.parsed as T[] | null) ?? null, meta: found.meta };
    }
    if (!(await spec.endpoint.slots.acquire(ctx.signal))) return null;
    // rendered once a slot is held: thousands of queued nodes do not each hold their prompt
    const prompt = renderTemplate(template, typeof spec.vars === 'function' ? spec.vars() : spec.vars);
    ctx.progress.progress.inFlight = (ctx.progress.progress.inFlight ?? 0) + 1;
    const failure = (code: string, message: string, raw: string | null): FailureInsert => ({ runId: ctx.runId, stage: spec.stage, nodeKey: key, parentKey: spec.parent, discipline: spec.discipline, code, message, raw });
    try {
      const messages = prompt.messages as ChatMessage[];
      const sampling = { temperature: spec.sampling.temperature, topP: spec.sampling.topP, maxTokens: ctx.settings.maxTokens };
      const headers = { 'x-pace-sample-index': String(spec.sampleIndex) };
      const first = await spec.endpoint.client.chat({ messages, sampling }, { signal: ctx.signal, headers });
      let text = first.text;
      let spent = { calls: first.attempts, promptTokens: first.usage.promptTokens, completionTokens: first.usage.completionTokens, costUsd: first.costUsd ?? 0 };
      let attempts = 1;
      let outcome = spec.parse?.(text);
      const meta: Record<string, unknown> = { ...spec.meta };
      if (outcome && !outcome.ok) {
        // retried once with the error; both completions are kept
        meta.firstCompletion = text;
        meta.firstError = outcome.error;
        const retry = [...messages, { role: 'assistant' as const, content: text }, { role: 'user' as const, content: retryInstruction(outcome.error, spec.language) }];
        const second = await spec.endpoint.client.chat({ messages: retry, sampling }, { signal: ctx.signal, headers });
        attempts = 2;
        text = second.text;
        spent = { calls: spent.calls + second.attempts, promptTokens: spent.promptTokens + second.usage.promptTokens, completionTokens: spent.completionTokens + second.usage.completionTokens, costUsd: spent.costUsd + (second.costUsd ?? 0) };
        outcome = spec.parse!(text);
      }
      const failures: FailureInsert[] = [];
      if (outcome && !outcome.ok) failures.push(failure('unparseable', outcome.error, outcome.raw));
      for (const p of outcome?.problems ?? []) failures.push(failure('record_rejected', p.message, p.raw));
      if (outcome?.ok && outcome.notes.length) meta.notes = outcome.notes;
      const records = outcome ? (outcome.ok ? (outcome.records as T[]) : null) : null;
      const row: NodeInsert = {
        key, runId: ctx.runId, kind: spec.kind, parentKey: spec.parent, sampleIndex: spec.sampleIndex, template: prompt.template, model, params,
        prompt: messages, completion: text, parsed: records, meta, promptTokens: spent.promptTokens, completionTokens: spent.completionTokens, costUsd: spent.costUsd, attempts,
      };
      await ctx.writer.add({ nodes: [row], failures, pairs: spec.pair ? [spec.pair(row)] : [] });
      if (outcome && !outcome.ok) ctx.progress.failed(spec.stage, spent);
      else ctx.progress.done(spec.stage, spent);
      return { key, completion: text, records, meta };
    } catch (e) {
      if (e instanceof LlmCancelled || ctx.signal.aborted) return null;
      if (e instanceof BudgetReached) {
        ctx.stop('budget');
        return null;
      }
      if (!(e instanceof LlmError)) throw e;
      // the call failed for good (after the client's retries): listed with the reason, the rest goes on
      await ctx.writer.add({ failures: [failure(e.code, e.message, null)] });
      ctx.progress.failed(spec.stage);
      return null;
    } finally {
      ctx.progress.progress.inFlight!--;
      spec.endpoint.slots.release();
    }
  }
}

export { Slots };
