import { describe, expect, it } from 'vitest';
import type { BackendProgress, BackendRequest, GenerateRequest, GenerateResult, LoglikelihoodRequest, LoglikelihoodResult, ModelBackend } from '../backends/backend.types';
import { storedKey } from '../evaluation-results.repository';
import type { EvalItem, ScoredResult, SuitePlan } from '../suites/suite.types';
import { answerInChunks, type ChunkProgress, EvaluationCancelled, type EvalUnit } from './answer-in-chunks';

/** A back-end that answers "A" (plus the item id) to every generation and -id to every log-likelihood, and records each call. */
class ScriptedBackend implements ModelBackend {
  readonly kind = 'scripted';
  calls: string[][] = [];
  constructor(private readonly tamper?: (ids: string[]) => string[]) {}

  async loglikelihood(requests: LoglikelihoodRequest[], onProgress?: (p: BackendProgress) => void): Promise<LoglikelihoodResult[]> {
    this.calls.push(requests.map((r) => r.id));
    onProgress?.({ done: requests.length, total: requests.length });
    return this.ids(requests).map((id) => ({ id, logprob: -Number(id.split(':')[0]), tokens: 1, greedy: true }));
  }

  async generate(requests: GenerateRequest[], onProgress?: (p: BackendProgress) => void): Promise<GenerateResult[]> {
    this.calls.push(requests.map((r) => r.id));
    onProgress?.({ done: requests.length, total: requests.length });
    return this.ids(requests).map((id) => ({ id, text: `A ${id}` }));
  }

  private ids(requests: Array<{ id: string }>): string[] {
    const ids = requests.map((r) => r.id);
    return this.tamper ? this.tamper(ids) : ids;
  }

  async close(): Promise<void> {}
}

const item = (itemId: number, questionFormat: 0 | 1 = 0): EvalItem => ({
  itemId,
  ability: itemId % 2 ? 'history' : 'chinese',
  split: 'valid',
  messages: [{ role: 'user', content: `问题 ${itemId}` }],
  questionFormat,
  answerType: questionFormat ? 'open' : 'single_choice',
  gold: 'A',
  choices: null,
  meta: {},
});

/** One generate request per format-0 item, two log-likelihoods per format-1 item; item 99 is skipped as unscorable. */
function plan(items: EvalItem[]): SuitePlan {
  const planned = items.filter((i) => i.itemId !== 99);
  return {
    suite: 'in-domain',
    requests: planned.flatMap((i): BackendRequest[] =>
      i.questionFormat === 0
        ? [{ kind: 'generate' as const, id: `${i.itemId}:0:generate`, context: 'c', maxTokens: 4 }]
        : ['gold', 'fine'].map((p) => ({ kind: 'loglikelihood' as const, id: `${i.itemId}:0:${p}`, context: 'c', continuation: p })),
    ),
    skipped: items.filter((i) => i.itemId === 99).map((i) => ({ itemId: i.itemId, ability: i.ability, reason: 'unscorable' })),
    score: (results) =>
      planned.map((i): ScoredResult => {
        const answer = i.questionFormat === 0 ? (results.get(`${i.itemId}:0:generate`) as GenerateResult).text : 'gold';
        if (answer === undefined) throw new Error(`no result for ${i.itemId}`);
        return { itemId: i.itemId, suite: 'in-domain', ability: i.ability, split: i.split, shots: 0, answer, parsed: 'A', score: 1, expected: 0.25, details: {} };
      }),
  };
}

const unit = (items: EvalItem[]): EvalUnit => ({ suite: 'in-domain', shots: 0, items, plan });

async function run(items: EvalItem[], opts: { stored?: Set<string>; chunkItems?: number; backend?: ScriptedBackend; cancelAfterChunks?: number } = {}) {
  const backend = opts.backend ?? new ScriptedBackend();
  const chunks: Array<{ results: ScoredResult[]; progress: ChunkProgress }> = [];
  const progress: ChunkProgress[] = [];
  const abort = new AbortController();
  const outcome = await answerInChunks({
    units: [unit(items)],
    backend,
    stored: opts.stored ?? new Set(),
    chunkItems: opts.chunkItems ?? 2,
    signal: abort.signal,
    onProgress: (p) => void progress.push(p),
    onChunk: async (results, p) => {
      chunks.push({ results, progress: p });
      if (chunks.length === opts.cancelAfterChunks) abort.abort();
    },
  }).catch((e: unknown) => e);
  return { backend, chunks, progress, outcome };
}

describe(answerInChunks.name, () => {
  it('answers a chunk of items at a time and hands each chunk its verdicts with the progress after it', async () => {
    const items = [1, 2, 3, 4, 5].map((n) => item(n, n === 4 ? 1 : 0));
    const { backend, chunks, progress, outcome } = await run(items);
    expect(backend.calls).toEqual([['1:0:generate', '2:0:generate'], ['4:0:gold', '4:0:fine'], ['3:0:generate'], ['5:0:generate']]);
    expect(chunks.map((c) => c.results.map((r) => r.itemId))).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks.map((c) => c.progress.requestsDone)).toEqual([2, 5, 6]);
    expect(chunks[0].results[0].answer).toBe('A 1:0:generate');
    expect(outcome).toEqual({ requestsDone: 6, requestsTotal: 6, itemsScored: 5, itemsSkipped: 0 });
    expect(progress[0]).toEqual({ requestsDone: 0, requestsTotal: 6, itemsScored: 0, itemsSkipped: 0 });
    expect(progress.every((p) => p.requestsTotal === 6)).toBe(true);
  });

  it('skips the items a previous run stored and starts its progress where that run stopped', async () => {
    const items = [1, 2, 3, 4, 5].map((n) => item(n));
    const stored = new Set([1, 2, 3].map((itemId) => storedKey({ suite: 'in-domain', itemId, shots: 0 })));
    const { backend, chunks, progress, outcome } = await run(items, { stored });
    expect(backend.calls).toEqual([['4:0:generate', '5:0:generate']]);
    expect(chunks.map((c) => c.results.map((r) => r.itemId))).toEqual([[4, 5]]);
    expect(progress[0]).toMatchObject({ requestsDone: 3, requestsTotal: 5, itemsScored: 3 });
    expect(outcome).toMatchObject({ requestsDone: 5, requestsTotal: 5, itemsScored: 5 });
  });

  it('stops between chunks once cancelled, keeping the chunks already handed over', async () => {
    const { backend, chunks, outcome } = await run([1, 2, 3, 4, 5].map((n) => item(n)), { cancelAfterChunks: 1 });
    expect(outcome).toBeInstanceOf(EvaluationCancelled);
    expect(chunks).toHaveLength(1);
    expect(backend.calls).toHaveLength(1);
  });

  it('counts items the planner skips and stores no verdict for them', async () => {
    const { chunks, outcome } = await run([item(1), item(99), item(3)]);
    expect(chunks.flatMap((c) => c.results.map((r) => r.itemId))).toEqual([1, 3]);
    expect(outcome).toMatchObject({ itemsScored: 2, itemsSkipped: 1, requestsTotal: 2 });
  });

  it('fails naming the request when the back-end answers out of order', async () => {
    const backend = new ScriptedBackend((ids) => [...ids].reverse());
    const { outcome, chunks } = await run([item(1), item(3)], { backend });
    expect(String(outcome)).toContain('answered generate request 1:0:generate with the answer of 3:0:generate');
    expect(chunks).toHaveLength(0);
  });

  it('refuses a planner verdict for an item outside its chunk', async () => {
    const stray: EvalUnit = {
      ...unit([item(1)]),
      plan: (items) => ({ ...plan(items), score: (r) => plan(items).score(r).map((v) => ({ ...v, itemId: 7 })) }),
    };
    const outcome = await answerInChunks({ units: [stray], backend: new ScriptedBackend(), stored: new Set(), chunkItems: 2, onProgress: () => {}, onChunk: async () => {} }).catch((e: Error) => e);
    expect(String(outcome)).toContain('returned a verdict for item 7');
  });
});
