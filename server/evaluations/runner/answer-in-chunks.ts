import type { BackendProgress, BackendResult, GenerateRequest, LoglikelihoodRequest, ModelBackend } from '../backends/backend.types';
import type { EvaluationSuite } from '../evaluation-views';
import { storedKey } from '../evaluation-results.repository';
import type { EvalItem, ScoredResult, SkippedItem, SuitePlan } from '../suites/suite.types';

/** One suite at one number of shots over its items, and how to plan requests for any subset of them. */
export interface EvalUnit {
  suite: EvaluationSuite;
  shots: number;
  items: EvalItem[];
  plan(items: EvalItem[]): SuitePlan;
}

export interface ChunkProgress {
  requestsDone: number;
  requestsTotal: number;
  itemsScored: number;
  /** Items the suites cannot score (e.g. benchmark exemplars, an open-ended item without distractors) */
  itemsSkipped: number;
}

export interface AnswerInChunksOptions {
  units: EvalUnit[];
  backend: ModelBackend;
  /** `storedKey`s of the verdicts a previous run stored: those items are not asked again. */
  stored: ReadonlySet<string>;
  /** Items per chunk: one chunk's verdicts are stored together, so an interrupted run loses at most one chunk. */
  chunkItems: number;
  /** Stores a chunk's verdicts with the progress after it (one transaction). */
  onChunk(results: ScoredResult[], progress: ChunkProgress): Promise<void>;
  /** Progress within a chunk, as the back-end reports it. */
  onProgress(progress: ChunkProgress): Promise<void> | void;
  signal?: AbortSignal;
}

export class EvaluationCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/**
 * Plans and answers every unit a chunk of items at a time, skipping the items already stored. The total counts the
 * requests of every item (stored ones included, as already done), so a resumed run's bar starts where the last
 * one stopped.
 */
export async function answerInChunks(o: AnswerInChunksOptions): Promise<ChunkProgress> {
  const pending = o.units.map((u) => ({ unit: u, items: u.items.filter((i) => !o.stored.has(storedKey({ suite: u.suite, itemId: i.itemId, shots: u.shots }))) }));
  const progress: ChunkProgress = { requestsDone: 0, requestsTotal: 0, itemsScored: 0, itemsSkipped: 0 };
  for (const { unit, items } of pending) {
    const total = unit.items.length ? unit.plan(unit.items).requests.length : 0;
    const left = items.length ? unit.plan(items).requests.length : 0;
    progress.requestsTotal += total;
    progress.requestsDone += total - left;
    progress.itemsScored += unit.items.length - items.length;
  }
  await o.onProgress({ ...progress });

  for (const { unit, items } of pending) {
    for (let at = 0; at < items.length; at += o.chunkItems) {
      if (o.signal?.aborted) throw new EvaluationCancelled();
      const chunk = items.slice(at, at + o.chunkItems);
      const plan = unit.plan(chunk);
      const answers = await answer(o.backend, plan, o.signal, (done) => o.onProgress({ ...progress, requestsDone: progress.requestsDone + done }));
      const results = plan.score(answers);
      const skipped = checkVerdicts(unit, chunk, results, plan.skipped ?? []);
      progress.requestsDone += plan.requests.length;
      progress.itemsScored += results.length;
      progress.itemsSkipped += skipped;
      await o.onChunk(results, { ...progress });
    }
  }
  return progress;
}

/** Sends a plan's requests (log-likelihoods, then generations) and returns every answer by request id. */
async function answer(backend: ModelBackend, plan: SuitePlan, signal: AbortSignal | undefined, onDone: (done: number) => Promise<void> | void): Promise<Map<string, BackendResult>> {
  const ll = plan.requests.filter((r): r is LoglikelihoodRequest => r.kind === 'loglikelihood');
  const gen = plan.requests.filter((r): r is GenerateRequest => r.kind === 'generate');
  const report = (before: number) => (p: BackendProgress) => void onDone(before + p.done);
  const results: BackendResult[] = [];
  try {
    if (ll.length) results.push(...checked('loglikelihood', ll, await backend.loglikelihood(ll, report(0), signal)));
    if (signal?.aborted) throw new EvaluationCancelled();
    if (gen.length) results.push(...checked('generate', gen, await backend.generate(gen, report(ll.length), signal)));
  } catch (e) {
    if (signal?.aborted) throw new EvaluationCancelled();
    throw e;
  }
  return new Map(results.map((r) => [r.id, r]));
}

function checked<R extends { id: string }>(kind: string, requests: Array<{ id: string }>, results: R[]): R[] {
  if (results.length !== requests.length) throw new Error(`the back-end answered ${results.length} of ${requests.length} ${kind} requests`);
  results.forEach((r, i) => {
    if (r.id !== requests[i].id) throw new Error(`the back-end answered ${kind} request ${requests[i].id} with the answer of ${r.id}`);
  });
  return results;
}

/**
 * A planner that scored other items or another suite would store wrong verdicts: refuse it loudly. Every item of the
 * chunk is scored or skipped (a plan may also skip items beside the chunk: a benchmark's exemplars). Returns how many
 * of the chunk's items were skipped.
 */
function checkVerdicts(unit: EvalUnit, chunk: EvalItem[], results: ScoredResult[], skipped: SkippedItem[]): number {
  const ids = new Set(chunk.map((i) => i.itemId));
  for (const r of results) {
    if (!ids.has(r.itemId) || r.suite !== unit.suite || r.shots !== unit.shots) {
      throw new Error(`the ${unit.suite} ${unit.shots}-shot planner returned a verdict for item ${r.itemId} (${r.suite}, ${r.shots}-shot) outside its chunk`);
    }
  }
  const skippedHere = new Set(skipped.filter((s) => ids.has(s.itemId)).map((s) => s.itemId)).size;
  if (results.length + skippedHere !== chunk.length) {
    throw new Error(`the ${unit.suite} ${unit.shots}-shot planner scored ${results.length} and skipped ${skippedHere} of ${chunk.length} items`);
  }
  return skippedHere;
}
