import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { BackendProgress, GenerateRequest, GenerateResult, LoglikelihoodRequest, LoglikelihoodResult, ModelBackend } from './backend.types';
import { ChatTokenizer } from './chat-tokenizer';
import { argmax, logSoftmaxRow, topK } from './log-softmax';
import { BackendRequestError, checkRequests } from './request-checks';
import { checkWithPastGraph, GreedyRow, GreedyRun, GreedyStep, greedyWithKvCache, KvCacheInfo, scoreWithKvGraph } from './onnx-greedy';

export type { GreedyRun, KvCacheInfo } from './onnx-greedy';

/** pace-onnx.json, written by `python -m pace_trainer export-onnx`. */
export interface OnnxModelInfo {
  bosTokenId: number | null;
  eosTokenId: number | null;
  eotTokenId: number | null;
  padTokenId: number | null;
  vocabSize: number;
  maxLength: number | null;
  /** The decoder-with-past graph (KV cache), absent from exports made before it. */
  kvCache?: KvCacheInfo | null;
}

export interface OnnxBackendOptions {
  /** 'auto' tries the CUDA execution provider and falls back to the CPU; 'cuda' fails without it. */
  device?: 'auto' | 'cpu' | 'cuda';
  batchSize?: number;
  /** onnxruntime's intra-op threads (its own choice, one per physical core, when absent). */
  threads?: number;
  /** Generate with the export's KV-cache graph when it has one (default); false re-runs the whole sequence per token. */
  kvCache?: boolean;
}

function cudaProviderInstalled(): boolean {
  const bin = join(dirname(require.resolve('onnxruntime-node/package.json')), 'bin', 'napi-v6', process.platform, process.arch);
  return existsSync(join(bin, 'libonnxruntime_providers_cuda.so'));
}

/**
 * A checkpoint exported by `export-onnx`, run in process by onnxruntime-node. Log-likelihoods run the decoder-with-past
 * graph's scoring head (left-padded rows, log-softmax, the targets' gather and the argmax in the graph: two numbers per
 * token come out); an export made before the head scores right-padded batches of `model.onnx`'s whole logits here.
 * Greedy generation uses the decoder-with-past graph (see greedyWithKvCache); an export without one re-runs the whole
 * sequence per new token.
 */
export class OnnxBackend implements ModelBackend {
  readonly kind = 'onnx';

  private constructor(
    private readonly session: ort.InferenceSession,
    readonly tokenizer: ChatTokenizer,
    readonly info: OnnxModelInfo,
    /** Where the model runs: 'cuda' or 'cpu'. */
    readonly executionProvider: 'cuda' | 'cpu',
    private readonly batchSize: number,
    /** The decoder-with-past graph's session when generation uses the KV cache. */
    private readonly withPast: ort.InferenceSession | null,
  ) {}

  /** Whether greedy generation runs on the KV cache. */
  get usesKvCache(): boolean {
    return this.withPast !== null;
  }

  /**
   * Whether log-softmax, the targets' gather and the argmax run in the graph (the decoder-with-past graph's scoring
   * head), so only a few numbers per token reach JavaScript; else the whole logits come out and are scored here.
   */
  get scoresInGraph(): boolean {
    return this.withPast !== null && this.info.kvCache?.scores === true;
  }

  static async open(dir: string, opts: OnnxBackendOptions = {}): Promise<OnnxBackend> {
    for (const f of ['model.onnx', 'pace-onnx.json', 'tokenizer.json']) {
      if (!existsSync(join(dir, f))) throw new BackendRequestError(`ONNX model folder ${dir} lacks ${f} (export it with \`python -m pace_trainer export-onnx\`)`);
    }
    const info = JSON.parse(readFileSync(join(dir, 'pace-onnx.json'), 'utf8')) as OnnxModelInfo;
    const tokenizer = ChatTokenizer.load(dir, info);
    const device = opts.device ?? 'auto';
    const path = join(dir, 'model.onnx');
    // one graph run at a time, each spread over the intra-op threads; every graph optimisation (fusions, constant folding)
    const sessionOptions: ort.InferenceSession.SessionOptions = {
      graphOptimizationLevel: 'all',
      executionMode: 'sequential',
      interOpNumThreads: 1,
      ...(opts.threads ? { intraOpNumThreads: opts.threads } : {}),
    };
    let session: ort.InferenceSession | null = null;
    let provider: 'cuda' | 'cpu' = 'cpu';
    if (device === 'cuda' && !cudaProviderInstalled()) {
      throw new Error('the CUDA execution provider of onnxruntime-node is not installed (its install script fetches it on a CUDA host)');
    }
    if (device !== 'cpu' && cudaProviderInstalled()) {
      try {
        session = await ort.InferenceSession.create(path, { executionProviders: ['cuda'], ...sessionOptions });
        provider = 'cuda';
      } catch (e) {
        if (device === 'cuda') throw new Error(`the CUDA execution provider of onnxruntime-node is not available: ${(e as Error).message}`);
      }
    }
    session ??= await ort.InferenceSession.create(path, { executionProviders: ['cpu'], ...sessionOptions });
    let withPast: ort.InferenceSession | null = null;
    if (info.kvCache && opts.kvCache !== false) {
      const file = join(dir, info.kvCache.file);
      if (!existsSync(file)) throw new BackendRequestError(`ONNX model folder ${dir} lacks ${info.kvCache.file}, named by pace-onnx.json's kvCache (export it again)`);
      withPast = await ort.InferenceSession.create(file, { executionProviders: [provider], ...sessionOptions });
      checkWithPastGraph(withPast, info.kvCache, file);
    }
    return new OnnxBackend(session, tokenizer, info, provider, opts.batchSize ?? 8, withPast);
  }

  /** Logits of right-padded rows: [rows, width, vocab] in one Float32Array. */
  private async forward(rows: number[][]): Promise<{ logits: Float32Array; width: number }> {
    const width = Math.max(...rows.map((r) => r.length));
    const ids = new BigInt64Array(rows.length * width).fill(BigInt(this.info.padTokenId ?? 0));
    const mask = new BigInt64Array(rows.length * width);
    rows.forEach((row, r) => {
      row.forEach((id, j) => {
        ids[r * width + j] = BigInt(id);
        mask[r * width + j] = 1n;
      });
    });
    const dims = [rows.length, width];
    const out = await this.session.run({ input_ids: new ort.Tensor('int64', ids, dims), attention_mask: new ort.Tensor('int64', mask, dims) });
    return { logits: out.logits.data as Float32Array, width };
  }

  private batches(order: number[]): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < order.length; i += this.batchSize) out.push(order.slice(i, i + this.batchSize));
    return out;
  }

  private get window(): number {
    return this.info.maxLength ?? Number.MAX_SAFE_INTEGER;
  }

  private contextIds(r: { id: string; context: string }): number[] {
    const ids = this.tokenizer.encodeContext(r.context);
    if (!ids.length) throw new BackendRequestError(`request ${r.id}: empty context and the tokenizer has no BOS token to stand for it`);
    return ids;
  }

  async loglikelihood(requests: LoglikelihoodRequest[], onProgress?: (p: BackendProgress) => void, signal?: AbortSignal): Promise<LoglikelihoodResult[]> {
    checkRequests(requests, 'loglikelihood');
    const encoded = requests.map((r) => {
      const target = this.tokenizer.encode(r.continuation);
      if (target.length > this.window) throw new BackendRequestError(`request ${r.id}: the continuation has ${target.length} tokens, more than the model's ${this.window}`);
      const whole = [...this.contextIds(r), ...target].slice(-(this.window + 1));
      return { input: whole.slice(0, -1), target };
    });
    const results: LoglikelihoodResult[] = new Array(requests.length);
    const order = [...requests.keys()].sort((a, b) => encoded[b].input.length - encoded[a].input.length);
    let done = 0;
    for (const batch of this.batches(order)) {
      signal?.throwIfAborted();
      if (this.scoresInGraph) {
        const scored = await scoreWithKvGraph(this.withPast!, this.info.kvCache!, this.info.padTokenId ?? 0, batch.map((i) => encoded[i]));
        batch.forEach((i, row) => {
          const { tokenLogprobs, greedy } = scored[row];
          results[i] = { id: requests[i].id, logprob: tokenLogprobs.reduce((a, b) => a + b, 0), tokens: tokenLogprobs.length, greedy, tokenLogprobs };
        });
        done += batch.length;
        onProgress?.({ done, total: requests.length });
        continue;
      }
      const { logits, width } = await this.forward(batch.map((i) => encoded[i].input));
      const V = this.info.vocabSize;
      batch.forEach((i, row) => {
        const { input, target } = encoded[i];
        const tokenLogprobs: number[] = [];
        let greedy = true;
        target.forEach((t, k) => {
          const pos = input.length - target.length + k;
          const offset = (row * width + pos) * V;
          const lp = logSoftmaxRow(logits, offset, V);
          tokenLogprobs.push(lp[t]);
          if (argmax(lp) !== t) greedy = false;
        });
        results[i] = { id: requests[i].id, logprob: tokenLogprobs.reduce((a, b) => a + b, 0), tokens: target.length, greedy, tokenLogprobs };
      });
      done += batch.length;
      onProgress?.({ done, total: requests.length });
    }
    return results;
  }

  /** Greedy continuations of token-id prompts, batched; each row stops at `<eot>`/EOS or its own limit. */
  async greedy(prompts: number[][], limits: number[], topLogprobs = 0, signal?: AbortSignal, onRowsDone?: (n: number) => void): Promise<GreedyRun[]> {
    const step = new GreedyStep(this.tokenizer.stopIds(), this.info.vocabSize, topLogprobs, prompts.length);
    const order = [...prompts.keys()].sort((a, b) => prompts[b].length - prompts[a].length);
    for (const batch of this.batches(order)) {
      const seqs = batch.map((i) => prompts[i].slice(-Math.max(1, this.window - limits[i])));
      const rows = batch.map((i) => ({ i, limit: limits[i] }));
      if (this.withPast) await greedyWithKvCache(this.withPast, this.info.kvCache!, this.info.padTokenId ?? 0, seqs, rows, step, signal);
      else await this.greedyWithoutCache(seqs, rows, step, signal);
      onRowsDone?.(batch.length);
    }
    return step.runs;
  }

  /** Each step re-runs every live row's whole sequence (right-padded). */
  private async greedyWithoutCache(seqs: number[][], rows: GreedyRow[], step: GreedyStep, signal?: AbortSignal): Promise<void> {
    let live = rows.map((row, k) => ({ ...row, seq: seqs[k] }));
    while (live.length) {
      signal?.throwIfAborted();
      const { logits, width } = await this.forward(live.map((l) => l.seq));
      live = live.filter((l, r) => {
        const next = step.take(l, logits, (r * width + l.seq.length - 1) * this.info.vocabSize);
        if (next !== null) l.seq.push(next);
        return next !== null;
      });
    }
  }

  async generate(requests: GenerateRequest[], onProgress?: (p: BackendProgress) => void, signal?: AbortSignal): Promise<GenerateResult[]> {
    checkRequests(requests, 'generate');
    const prompts = requests.map((r) => this.contextIds(r));
    let done = 0;
    const runs = await this.greedy(prompts, requests.map((r) => r.maxTokens), 0, signal, (n) => {
      done += n;
      onProgress?.({ done, total: requests.length });
    });
    return requests.map((r, i) => {
      const result: GenerateResult = { id: r.id, text: this.tokenizer.decode(runs[i].ids) };
      if (r.candidates?.length) result.candidateLogprobs = Object.fromEntries(r.candidates.map((c) => [c, runs[i].first[this.firstToken(c)]]));
      return result;
    });
  }

  private firstToken(candidate: string): number {
    const ids = this.tokenizer.encode(candidate);
    if (!ids.length) throw new BackendRequestError(`candidate ${JSON.stringify(candidate)} encodes to no token`);
    return ids[0];
  }

  /** Each prompt token's log-probability given the ones before it (BOS first, so every text token has one), with top-k. */
  async promptLogprobs(ids: number[], k: number): Promise<{ logprobs: number[]; top: [number, number][][] }> {
    const { logits } = await this.forward([ids.slice(0, -1)]);
    const V = this.info.vocabSize;
    const logprobs: number[] = [];
    const top: [number, number][][] = [];
    for (let pos = 0; pos < ids.length - 1; pos++) {
      const lp = logSoftmaxRow(logits, pos * V, V);
      logprobs.push(lp[ids[pos + 1]]);
      top.push(k > 0 ? topK(lp, k) : []);
    }
    return { logprobs, top };
  }

  async close(): Promise<void> {
    await this.session.release();
    await this.withPast?.release();
  }
}
