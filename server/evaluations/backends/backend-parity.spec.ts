import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyOnnxModel } from '../../../test/utils/tiny-onnx';
import { runTrainerCommand } from '../../training/trainer-process';
import { BackendProgress, GenerateResult, LoglikelihoodRequest, LoglikelihoodResult } from './backend.types';
import { createBackend } from './create-backend';
import { OnnxBackend } from './onnx-backend';
import { parityRequests } from './parity-requests.fixture';
import { TorchBackend } from './torch-backend';

describe('model back-ends: ONNX and the torch scorer agree', () => {
  let modelDir: string;
  let onnxDir: string;
  let onnx: OnnxBackend;
  let torch: TorchBackend;
  const requests = parityRequests();
  let onnxLl: LoglikelihoodResult[];
  let torchLl: LoglikelihoodResult[];
  let onnxGen: GenerateResult[];
  let torchGen: GenerateResult[];
  const torchProgress: BackendProgress[] = [];
  const onnxProgress: BackendProgress[] = [];

  beforeAll(async () => {
    ({ modelDir, onnxDir } = await tinyOnnxModel());
    onnx = (await createBackend({ kind: 'onnx', onnxDir, batchSize: 4 })) as OnnxBackend;
    torch = (await createBackend({ kind: 'torch', modelDir, device: 'cpu', batchSize: 5 })) as TorchBackend;
    onnxLl = await onnx.loglikelihood(requests.loglikelihood, (p) => onnxProgress.push(p));
    onnxGen = await onnx.generate(requests.generate);
    // one scorer process for both kinds: each start costs seconds
    const both = await torch.run([...requests.loglikelihood, ...requests.generate], (p) => torchProgress.push(p));
    torchLl = both.slice(0, requests.loglikelihood.length) as LoglikelihoodResult[];
    torchGen = both.slice(requests.loglikelihood.length) as GenerateResult[];
  }, 180_000);

  afterAll(async () => {
    await onnx?.close();
  });

  it('export-onnx writes the graph, the tokenizer and the ids of BOS, EOS and <eot>', () => {
    for (const f of ['model.onnx', 'tokenizer.json', 'tokenizer_config.json']) expect(existsSync(join(onnxDir, f))).toBe(true);
    const info = JSON.parse(readFileSync(join(onnxDir, 'pace-onnx.json'), 'utf8'));
    expect(info).toMatchObject({ bosTokenId: 256, eosTokenId: 257, eotTokenId: 261, vocabSize: 262 });
    expect(onnx.executionProvider).toBe('cpu');
    expect(torch.lastDevice).toBe('cpu float32');
  });

  it('gives the same per-token log-likelihoods (within 1e-3), token counts and greedy flags', () => {
    expect(onnxLl.map((r) => r.id)).toEqual(requests.loglikelihood.map((r) => r.id));
    expect(torchLl.map((r) => r.id)).toEqual(requests.loglikelihood.map((r) => r.id));
    let compared = 0;
    onnxLl.forEach((o, i) => {
      const t = torchLl[i];
      expect(o.tokens).toBe(t.tokens);
      // byte-level: one token per UTF-8 byte of the continuation, plus <eot>
      expect(o.tokens).toBe(Buffer.byteLength(requests.loglikelihood[i].continuation.replace('<eot>', '')) + 1);
      expect(o.greedy).toBe(t.greedy);
      o.tokenLogprobs!.forEach((lp, k) => {
        expect(Math.abs(lp - t.tokenLogprobs![k])).toBeLessThan(1e-3);
        compared++;
      });
      expect(o.logprob).toBeCloseTo(o.tokenLogprobs!.reduce((a, b) => a + b, 0), 9);
      expect(o.logprob).toBeLessThan(0);
    });
    expect(compared).toBeGreaterThan(300);
  });

  it('generates the same greedy text and the same first-position candidate log-probabilities', () => {
    expect(torchGen.map((g) => g.id)).toEqual(onnxGen.map((g) => g.id));
    onnxGen.forEach((o, i) => {
      expect(o.text).toBe(torchGen[i].text);
      const candidates = requests.generate[i].candidates!;
      expect(Object.keys(o.candidateLogprobs!)).toEqual(candidates);
      for (const c of candidates) expect(Math.abs(o.candidateLogprobs![c] - torchGen[i].candidateLogprobs![c])).toBeLessThan(1e-3);
    });
    expect(onnxGen.some((g) => g.text.length > 3)).toBe(true);
  });

  it("marks a continuation greedy exactly when it is the model's own greedy output", async () => {
    const ownTexts = onnxGen
      .map((g, i) => ({ context: requests.generate[i].context, text: g.text }))
      .filter((g) => g.text && !g.text.includes('\ufffd') && !g.text.includes('<'));
    expect(ownTexts.length).toBeGreaterThan(0);
    const own = ownTexts.map((g, i): LoglikelihoodRequest => ({ kind: 'loglikelihood', id: `own-${i}`, context: g.context, continuation: g.text }));
    const changed = own.map((r): LoglikelihoodRequest => ({ ...r, id: `${r.id}-changed`, continuation: r.continuation + (r.continuation.endsWith('q') ? 'z' : 'q') }));
    const results = await onnx.loglikelihood([...own, ...changed]);
    expect(results.slice(0, own.length).every((r) => r.greedy)).toBe(true);
    // appending a byte the model did not pick: at most by chance is it the greedy one; not for all of them
    expect(results.slice(own.length).every((r) => r.greedy)).toBe(false);
  });

  it('reports progress up to the total', () => {
    const all = requests.loglikelihood.length + requests.generate.length;
    for (const [progress, total] of [[onnxProgress, requests.loglikelihood.length], [torchProgress, all]] as const) {
      expect(progress.length).toBeGreaterThan(1);
      expect(progress.at(-1)).toEqual({ done: total, total });
      expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    }
  });

  it('stops when aborted: ONNX between batches, torch by killing the scorer', async () => {
    const controller = new AbortController();
    await expect(onnx.loglikelihood(requests.loglikelihood, () => controller.abort(), controller.signal)).rejects.toThrow(/abort/i);
    const started = Date.now();
    const killed = new AbortController();
    setTimeout(() => killed.abort(), 500);
    await expect(torch.loglikelihood(requests.loglikelihood, undefined, killed.signal)).rejects.toThrow(/killed|SIGTERM/);
    expect(Date.now() - started).toBeLessThan(15_000);
    await expect(torch.generate(requests.generate, undefined, AbortSignal.abort())).rejects.toThrow(/abort/i);
  }, 30_000);

  it('refuses bad requests clearly, before running a model', async () => {
    await expect(createBackend({ kind: 'vllm' as 'onnx' })).rejects.toThrow('unknown back-end kind "vllm"; known: onnx, torch, openai');
    await expect(createBackend({ kind: 'onnx' })).rejects.toThrow('the onnx back-end needs "onnxDir"');
    await expect(createBackend({ kind: 'onnx', onnxDir: '/nonexistent/pace-model' })).rejects.toThrow('ONNX model folder /nonexistent/pace-model lacks model.onnx');
    await expect(createBackend({ kind: 'torch', modelDir: '/nonexistent/pace-model' })).rejects.toThrow('model folder /nonexistent/pace-model holds no config.json');
    const empty: LoglikelihoodRequest = { kind: 'loglikelihood', id: 'q7', context: '<user>问<eot><assistant>', continuation: '' };
    for (const backend of [onnx, torch]) {
      await expect(backend.loglikelihood([empty])).rejects.toThrow('loglikelihood request 0 (id "q7"): field "continuation" must be a non-empty string');
      await expect(backend.generate([{ kind: 'generate', id: 'g1', context: 'x', maxTokens: 0 }])).rejects.toThrow('field "maxTokens" must be a positive integer, got 0');
    }
  });

  it('the score command names the file, line and field of a bad request', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pace-score-bad-'));
    try {
      const file = join(dir, 'requests.jsonl');
      await writeFile(file, `${JSON.stringify(requests.loglikelihood[0])}\n{"id":"x","kind":"rank","context":"c"}\n`);
      await expect(runTrainerCommand(['score', '--model', modelDir, '--requests', file, '--out', join(dir, 'out.jsonl')])).rejects.toThrow(
        `ValueError: ${file}:2: field 'kind' must be 'loglikelihood' or 'generate', got 'rank'`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
