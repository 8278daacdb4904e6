import * as ort from 'onnxruntime-node';
import { argmax, logSoftmaxRow, topK } from './log-softmax';
import { BackendRequestError } from './request-checks';

/** One greedy continuation: the ids (stop token excluded), each one's log-probability, top-k per step if asked. */
export interface GreedyRun {
  ids: number[];
  logprobs: number[];
  top: [number, number][][];
  /** Log-softmax at the first generated position. */
  first: Float64Array;
  stopped: boolean;
}

/** A prompt being continued: its index in the caller's list and its token limit. */
export interface GreedyRow {
  i: number;
  limit: number;
}

/** pace-onnx.json's `kvCache`: the decoder-with-past graph's file and the shape of one layer's past keys/values. */
export interface KvCacheInfo {
  file: string;
  layers: number;
  kvHeads: number;
  headDim: number;
  /**
   * Whether the graph has the scoring head (a `targets` input; `target_logprobs`, `argmax` and `last_logprobs` outputs
   * over the last positions) instead of the whole `logits`; absent from exports made before it.
   */
  scores?: boolean;
}

/** The choice of each row's next token, the same with or without the KV cache. */
export class GreedyStep {
  readonly runs: GreedyRun[];

  constructor(
    private readonly stops: Set<number>,
    private readonly vocabSize: number,
    private readonly topLogprobs: number,
    rows: number,
  ) {
    this.runs = Array.from({ length: rows }, () => ({ ids: [], logprobs: [], top: [], first: new Float64Array(0), stopped: false }));
  }

  /** Records the token chosen from the logits at `offset`; returns it when the row goes on, null when it is done. */
  take(row: GreedyRow, logits: Float32Array, offset: number): number | null {
    const lp = logSoftmaxRow(logits, offset, this.vocabSize);
    return this.record(row, argmax(lp), lp, lp);
  }

  /**
   * Records `next`, the graph's argmax, given the graph's log-softmax at that position (`lastLogprobs` from `offset`):
   * the whole row is read only at a row's first step (candidates) and when top-k is asked for.
   */
  takeChosen(row: GreedyRow, next: number, lastLogprobs: Float32Array, offset: number): number | null {
    const lp = lastLogprobs.subarray(offset, offset + this.vocabSize);
    const needsRow = !this.runs[row.i].first.length || this.topLogprobs > 0;
    return this.record(row, next, lp, needsRow ? Float64Array.from(lp) : null);
  }

  private record(row: GreedyRow, next: number, lp: ArrayLike<number>, whole: Float64Array | null): number | null {
    const run = this.runs[row.i];
    if (!run.first.length) run.first = whole!;
    if (this.stops.has(next)) {
      run.stopped = true;
      return null;
    }
    run.ids.push(next);
    run.logprobs.push(lp[next]);
    if (this.topLogprobs > 0) run.top.push(topK(whole!, this.topLogprobs));
    return run.ids.length < row.limit ? next : null;
  }
}

const pastName = (layer: number, kind: 'key' | 'value') => `past_key_values.${layer}.${kind}`;
const presentName = (layer: number, kind: 'key' | 'value') => `present.${layer}.${kind}`;

/** Refuses a decoder-with-past graph whose inputs or outputs are not the ones export-onnx writes. */
export function checkWithPastGraph(session: ort.InferenceSession, kv: KvCacheInfo, file: string): void {
  const inputs = ['input_ids', 'attention_mask', 'position_ids', ...(kv.scores ? ['targets'] : [])];
  const outputs = kv.scores ? [...SCORE_OUTPUTS] : ['logits'];
  for (let l = 0; l < kv.layers; l++) {
    for (const k of ['key', 'value'] as const) {
      inputs.push(pastName(l, k));
      outputs.push(presentName(l, k));
    }
  }
  const missing = [...inputs.filter((n) => !session.inputNames.includes(n)), ...outputs.filter((n) => !session.outputNames.includes(n))];
  if (missing.length) throw new BackendRequestError(`${file} is not a decoder-with-past graph for ${kv.layers} layers: it lacks ${missing.join(', ')}`);
}

const SCORE_OUTPUTS = ['target_logprobs', 'argmax', 'last_logprobs'];

/** The scoring head's outputs and the presents: what a step of generation fetches. */
const presentNames = (kv: KvCacheInfo) => Array.from({ length: kv.layers }, (_, l) => [presentName(l, 'key'), presentName(l, 'value')]).flat();

/** Empty past keys/values (past length 0) for `rows` rows: the first run of a batch. */
export function emptyPast(kv: KvCacheInfo, rows: number): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  for (let l = 0; l < kv.layers; l++) {
    for (const k of ['key', 'value'] as const) feeds[pastName(l, k)] = new ort.Tensor('float32', new Float32Array(0), [rows, kv.kvHeads, 0, kv.headDim]);
  }
  return feeds;
}

/**
 * Log-likelihoods on the scoring head: one run over left-padded rows (past 0; position ids count each row's real
 * tokens from 0, the mask hides its padding), the targets right-aligned to the last positions. Returns each row's
 * per-token log-probabilities and whether every target was the argmax.
 */
export async function scoreWithKvGraph(
  session: ort.InferenceSession,
  kv: KvCacheInfo,
  padId: number,
  rows: { input: number[]; target: number[] }[],
): Promise<{ tokenLogprobs: number[]; greedy: boolean }[]> {
  const width = Math.max(...rows.map((r) => r.input.length));
  const kept = Math.max(...rows.map((r) => r.target.length));
  const ids = new BigInt64Array(rows.length * width).fill(BigInt(padId));
  const mask = new BigInt64Array(rows.length * width);
  const positions = new BigInt64Array(rows.length * width);
  const targets = new BigInt64Array(rows.length * kept);
  rows.forEach(({ input, target }, r) => {
    const pad = width - input.length;
    input.forEach((id, j) => {
      ids[r * width + pad + j] = BigInt(id);
      mask[r * width + pad + j] = 1n;
      positions[r * width + pad + j] = BigInt(j);
    });
    target.forEach((t, k) => (targets[(r + 1) * kept - target.length + k] = BigInt(t)));
  });
  const dims = [rows.length, width];
  const out = await session.run(
    {
      input_ids: new ort.Tensor('int64', ids, dims),
      attention_mask: new ort.Tensor('int64', mask, dims),
      position_ids: new ort.Tensor('int64', positions, dims),
      targets: new ort.Tensor('int64', targets, [rows.length, kept]),
      ...emptyPast(kv, rows.length),
    },
    ['target_logprobs', 'argmax'],
  );
  const logprobs = out.target_logprobs.data as Float32Array;
  const best = out.argmax.data as BigInt64Array;
  return rows.map(({ target }, r) => {
    const at = (r + 1) * kept - target.length;
    return {
      tokenLogprobs: target.map((_, k) => logprobs[at + k]),
      greedy: target.every((t, k) => best[at + k] === BigInt(t)),
    };
  });
}

const int64 = (values: number[], dims: number[]) => new ort.Tensor('int64', BigInt64Array.from(values, BigInt), dims);

/** Keeps the given batch rows of a [batch, heads, length, dim] tensor. */
function keepRows(t: ort.Tensor, rows: number[]): ort.Tensor {
  if (rows.length === t.dims[0]) return t;
  const data = t.data as Float32Array;
  const size = data.length / t.dims[0];
  const out = new Float32Array(rows.length * size);
  rows.forEach((r, k) => out.set(data.subarray(r * size, (r + 1) * size), k * size));
  return new ort.Tensor('float32', out, [rows.length, ...t.dims.slice(1)]);
}

/**
 * Greedy generation on the KV cache: one run over the left-padded prompts (past of length 0), then one token per live
 * row per run, the presents fed back as the next past. Position ids count each row's real tokens from 0 and the
 * attention mask hides its left padding, so a row's logits are those it has alone. Finished rows leave the batch.
 */
export async function greedyWithKvCache(
  session: ort.InferenceSession,
  kv: KvCacheInfo,
  padId: number,
  seqs: number[][],
  rows: GreedyRow[],
  step: GreedyStep,
  signal?: AbortSignal,
): Promise<void> {
  const width = Math.max(...seqs.map((s) => s.length));
  let live = rows.map((row, k) => {
    const pad = width - seqs[k].length;
    return { ...row, mask: [...Array(pad).fill(0), ...Array(seqs[k].length).fill(1)], position: seqs[k].length };
  });
  const feeds: Record<string, ort.Tensor> = {
    input_ids: int64(seqs.flatMap((s) => [...Array(width - s.length).fill(padId), ...s]), [seqs.length, width]),
    position_ids: int64(seqs.flatMap((s) => [...Array(width - s.length).fill(0), ...s.keys()]), [seqs.length, width]),
    ...emptyPast(kv, seqs.length),
  };
  const fetches = kv.scores ? ['argmax', 'last_logprobs', ...presentNames(kv)] : undefined;
  let length = width;
  for (;;) {
    signal?.throwIfAborted();
    feeds.attention_mask = int64(live.flatMap((l) => l.mask), [live.length, live[0].mask.length]);
    if (kv.scores) feeds.targets = int64(Array(live.length).fill(0), [live.length, 1]); // only the argmax is read
    const out = fetches ? await session.run(feeds, fetches) : await session.run(feeds);
    const kept: number[] = [];
    const next: number[] = [];
    live.forEach((l, r) => {
      let id: number | null;
      if (kv.scores) {
        const last = out.last_logprobs;
        id = step.takeChosen(l, Number((out.argmax.data as BigInt64Array)[r]), last.data as Float32Array, r * last.dims[1]);
      } else {
        const logits = out.logits;
        id = step.take(l, logits.data as Float32Array, (r * length + length - 1) * logits.dims[2]);
      }
      if (id === null) return;
      kept.push(r);
      next.push(id);
    });
    if (!kept.length) return;
    live = kept.map((r) => live[r]);
    for (let l = 0; l < kv.layers; l++) {
      for (const k of ['key', 'value'] as const) feeds[pastName(l, k)] = keepRows(out[presentName(l, k)], kept);
    }
    feeds.input_ids = int64(next, [live.length, 1]);
    feeds.position_ids = int64(live.map((l) => l.position++), [live.length, 1]);
    for (const l of live) l.mask.push(1);
    length = 1;
  }
}
