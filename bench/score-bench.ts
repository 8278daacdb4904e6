import { rm } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { GenerateRequest, GenerateResult, LoglikelihoodRequest, LoglikelihoodResult } from '../server/evaluations/backends/backend.types';
import { answerContinuation, promptContext } from '../server/evaluations/backends/chat-format';
import { OnnxBackend } from '../server/evaluations/backends/onnx-backend';
import { TorchBackend } from '../server/evaluations/backends/torch-backend';
import { runTrainerCommand } from '../server/training/trainer-process';
import { benchDir } from './bench-env';

const ZH = '学习机器的语言模型在评估中需要准确地计算每一个答案的概率以及生成结果';
const EN = 'the quick brown fox evaluates a language model on every answer of the benchmark ';

/** Deterministic mixed Chinese/English requests: `n` log-likelihoods (contexts 10–160 characters) and `g` generations. */
function benchRequests(n: number, g: number, maxTokens: number): { loglikelihood: LoglikelihoodRequest[]; generate: GenerateRequest[] } {
  const text = (i: number, len: number) => {
    const src = i % 2 ? ZH : EN;
    let out = '';
    for (let k = 0; out.length < len; k++) out += src[(i * 7 + k * 3) % src.length];
    return out;
  };
  const loglikelihood = Array.from({ length: n }, (_, i): LoglikelihoodRequest => ({
    kind: 'loglikelihood',
    id: `ll-${i}`,
    context: promptContext([{ role: 'user', content: text(i, 10 + ((i * 37) % 150)) }]),
    continuation: answerContinuation(text(i + 1, 3 + ((i * 13) % 30))),
  }));
  const generate = Array.from({ length: g }, (_, i): GenerateRequest => ({
    kind: 'generate',
    id: `gen-${i}`,
    context: promptContext([{ role: 'user', content: text(i, 20 + ((i * 53) % 100)) }]),
    maxTokens,
    candidates: ['A', 'B', 'C', 'D'],
  }));
  return { loglikelihood, generate };
}

interface BenchModel {
  name: string;
  /** make-tiny's vocabulary: the byte-level one (262 tokens with the chat tokens) when absent. */
  vocab?: number;
}

const load = () => `load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}`;

/**
 * `npm run bench -- score [--models tiny,vocab] [--vocab 32768] [--requests 300] [--generations 24] [--max-tokens 16]
 * [--hidden 256] [--layers 4] [--batch-size 16] [--threads N] [--no-kv-cache]`: both back-ends on the same requests
 * and the same intra-op thread count, for the tiny byte-level model and for one of the same shape with a realistic
 * vocabulary (a byte-level BPE of `--vocab` tokens), whose output layer and log-softmax cost what a real model's do.
 */
export async function runScoreBench(args: string[]): Promise<void> {
  const flag = (name: string, fallback: number) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const option = (name: string, fallback: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const threads = flag('threads', availableParallelism());
  const models: BenchModel[] = option('models', 'tiny,vocab')
    .split(',')
    .map((name) => {
      if (name === 'tiny') return { name };
      if (name === 'vocab') return { name, vocab: flag('vocab', 32768) };
      throw new Error(`unknown bench model "${name}"; known: tiny, vocab`);
    });
  const ratios: string[] = [];
  for (const model of models) ratios.push(`${model.name} ${(await scoreOneModel(model, args, flag, threads)).toFixed(2)}`);
  console.log(`score bench onnx/torch throughput ratio (> 1: ONNX faster), ${threads} threads each: ${ratios.join('; ')} (${load()})`);
}

/** Builds and exports one model, times both back-ends on it; returns the ONNX/torch throughput ratio. */
async function scoreOneModel(model: BenchModel, args: string[], flag: (name: string, fallback: number) => number, threads: number): Promise<number> {
  const hidden = flag('hidden', 256);
  const layers = flag('layers', 4);
  const batchSize = flag('batch-size', 16);
  const dir = await benchDir('pace-score-bench-');
  try {
    const modelDir = join(dir, 'model');
    const onnxDir = join(dir, 'onnx');
    const shape = ['--hidden', String(hidden), '--layers', String(layers), '--heads', '8', '--kv-heads', '4', '--intermediate', String(hidden * 3), '--chat-tokens'];
    if (model.vocab) shape.push('--vocab', String(model.vocab));
    const made = await runTrainerCommand(['make-tiny', '--out', modelDir, ...shape]);
    await runTrainerCommand(['export-onnx', '--model', modelDir, '--out', onnxDir]);
    const { loglikelihood, generate } = benchRequests(flag('requests', 300), flag('generations', 24), flag('max-tokens', 16));
    console.log(
      `score bench, model "${model.name}": Llama (hidden ${hidden}, ${layers} layers, vocabulary ${made?.vocabSize}, ${made?.parameters} parameters), ` +
        `${loglikelihood.length} loglikelihood + ${generate.length} generate requests, batch ${batchSize}, CPU, ${threads} intra-op threads each`,
    );

    const onnx = await OnnxBackend.open(onnxDir, { device: 'cpu', batchSize, threads, kvCache: !args.includes('--no-kv-cache') });
    const onnxCache = onnx.usesKvCache ? 'with' : 'without';
    let t = performance.now();
    const onnxLl = await onnx.loglikelihood(loglikelihood);
    const onnxLlSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    const onnxGen = await onnx.generate(generate);
    const onnxGenSeconds = (performance.now() - t) / 1000;

    // the same token count for both: every position run (context + continuation; prompt + generated)
    const tok = onnx.tokenizer;
    const llTokens = loglikelihood.reduce((a, r) => a + tok.encodeContext(r.context).length + tok.encode(r.continuation).length - 1, 0);
    const genTokens = generate.reduce((a, r, i) => a + tok.encodeContext(r.context).length + tok.encode(onnxGen[i].text).length, 0);
    await onnx.close();

    const torch = new TorchBackend(modelDir, { device: 'cpu', batchSize, threads });
    t = performance.now();
    const torchLl = (await torch.loglikelihood(loglikelihood)) as LoglikelihoodResult[];
    const torchLlWall = (performance.now() - t) / 1000;
    const torchLlSeconds = torch.lastRun!.seconds;
    t = performance.now();
    const torchGen = (await torch.generate(generate)) as GenerateResult[];
    const torchGenWall = (performance.now() - t) / 1000;
    const torchGenSeconds = torch.lastRun!.seconds;

    let maxDiff = 0;
    onnxLl.forEach((r, i) => r.tokenLogprobs!.forEach((lp, k) => (maxDiff = Math.max(maxDiff, Math.abs(lp - torchLl[i].tokenLogprobs![k])))));
    const sameGreedy = onnxLl.filter((r, i) => r.greedy === torchLl[i].greedy).length;
    const sameText = onnxGen.filter((r, i) => r.text === torchGen[i].text).length;

    const rate = (tokens: number, s: number) => `${Math.round(tokens / s).toLocaleString('en-US')} tokens/s (${s.toFixed(2)} s)`;
    console.log(`loglikelihood (${llTokens} tokens): onnx ${rate(llTokens, onnxLlSeconds)}; torch ${rate(llTokens, torchLlSeconds)}, ${torchLlWall.toFixed(2)} s with process start and model load`);
    console.log(`generate (${genTokens} tokens, onnx ${onnxCache} KV cache, torch with): onnx ${rate(genTokens, onnxGenSeconds)}; torch ${rate(genTokens, torchGenSeconds)}, ${torchGenWall.toFixed(2)} s with start`);
    const onnxAll = (llTokens + genTokens) / (onnxLlSeconds + onnxGenSeconds);
    const torchAll = (llTokens + genTokens) / (torchLlSeconds + torchGenSeconds);
    console.log(`all: onnx ${Math.round(onnxAll)} tokens/s, torch ${Math.round(torchAll)} tokens/s`);
    console.log(`parity: max per-token |Δ logprob| ${maxDiff.toExponential(2)}, greedy flags equal ${sameGreedy}/${onnxLl.length}, generations equal ${sameText}/${onnxGen.length}`);
    if (torch.lastThreads !== threads) throw new Error(`torch ran on ${torch.lastThreads} threads, not the ${threads} asked for`);
    console.log(`onnx/torch ratio ${(onnxAll / torchAll).toFixed(2)} (loglikelihood ${(torchLlSeconds / onnxLlSeconds).toFixed(2)}, generate ${(torchGenSeconds / onnxGenSeconds).toFixed(2)}), model "${model.name}", ${threads} threads each (${load()})`);
    return onnxAll / torchAll;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
