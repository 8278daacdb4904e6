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
    const run = this.runs[row.i];
    if (!run.first.length) run.first = lp;
    const next = argmax(lp);
    if (this.stops.has(next)) {
      run.stopped = true;
      return null;
    }
    run.ids.push(next);
    run.logprobs.push(lp[next]);
    if (this.topLogprobs > 0) run.top.push(topK(lp, this.topLogprobs));
    return run.ids.length < row.limit ? next : null;
  }
}

const pastName = (layer: number, kind: 'key' | 'value') => `past_key_values.${layer}.${kind}`;
const presentName = (layer: number, kind: 'key' | 'value') => `present.${layer}.${kind}`;

/** Refuses a decoder-with-past graph whose inputs or outputs are not the ones export-onnx writes. */
export function checkWithPastGraph(session: ort.InferenceSession, kv: KvCacheInfo, file: string): void {
  const inputs = ['input_ids', 'attention_mask', 'position_ids'];
  const outputs = ['logits'];
  for (let l = 0; l < kv.layers; l++) {
    for (const k of ['key', 'value'] as const) {
      inputs.push(pastName(l, k));
      outputs.push(presentName(l, k));
    }
  }
  const missing = [...inputs.filter((n) => !session.inputNames.includes(n)), ...outputs.filter((n) => !session.outputNames.includes(n))];
  if (missing.length) throw new BackendRequestError(`${file} is not a decoder-with-past graph for ${kv.layers} layers: it lacks ${missing.join(', ')}`);
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
  };
  for (let l = 0; l < kv.layers; l++) {
    for (const k of ['key', 'value'] as const) feeds[pastName(l, k)] = new ort.Tensor('float32', new Float32Array(0), [seqs.length, kv.kvHeads, 0, kv.headDim]);
  }
  let length = width;
  for (;;) {
    signal?.throwIfAborted();
    feeds.attention_mask = int64(live.flatMap((l) => l.mask), [live.length, live[0].mask.length]);
    const out = await session.run(feeds);
    const logits = out.logits.data as Float32Array;
    const vocab = out.logits.dims[2];
    const kept: number[] = [];
    const next: number[] = [];
    live.forEach((l, r) => {
      const id = step.take(l, logits, (r * length + length - 1) * vocab);
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
