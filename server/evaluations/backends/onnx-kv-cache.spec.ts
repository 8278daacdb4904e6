import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyOnnxModel } from '../../../test/utils/tiny-onnx';
import { LoglikelihoodRequest } from './backend.types';
import { promptContext } from './chat-format';
import { GreedyRun, OnnxBackend } from './onnx-backend';
import { parityRequests } from './parity-requests.fixture';

const PROMPTS = [
  '你好，今天天气怎么样？',
  'What is the capital of France?',
  `${'长'.repeat(40)}的问题，以及 a long English tail ${'word '.repeat(30)}`,
  'A',
  '请用一句话解释什么是机器学习。',
  'Translate "good morning" into Chinese, please, and explain the words.',
];
const LIMITS = [16, 9, 24, 3, 30, 1];

function expectSameRuns(a: GreedyRun[], b: GreedyRun[]): void {
  expect(a.length).toBe(b.length);
  a.forEach((x, i) => {
    const y = b[i];
    expect(x.ids, `prompt ${i}`).toEqual(y.ids);
    expect(x.stopped, `prompt ${i}`).toBe(y.stopped);
    x.logprobs.forEach((lp, k) => expect(Math.abs(lp - y.logprobs[k]), `prompt ${i} token ${k}`).toBeLessThan(1e-4));
    expect(x.first.length).toBe(y.first.length);
    let worst = 0;
    x.first.forEach((lp, t) => (worst = Math.max(worst, Math.abs(lp - y.first[t]))));
    expect(worst, `prompt ${i} first-position log-probs`).toBeLessThan(1e-4);
    x.top.forEach((top, k) => expect(top.map(([t]) => t), `prompt ${i} top-3 at ${k}`).toEqual(y.top[k].map(([t]) => t)));
  });
}

describe('ONNX back-end: generation on the KV cache, log-likelihoods on its scoring head', () => {
  let onnxDir: string;
  let legacyDir: string;
  let cached: OnnxBackend;
  let uncached: OnnxBackend;
  let prompts: number[][];
  let cachedRuns: GreedyRun[];
  let uncachedRuns: GreedyRun[];

  beforeAll(async () => {
    ({ onnxDir } = await tinyOnnxModel());
    cached = await OnnxBackend.open(onnxDir, { device: 'cpu', batchSize: 8 });
    uncached = await OnnxBackend.open(onnxDir, { device: 'cpu', batchSize: 8, kvCache: false });
    prompts = PROMPTS.map((p) => cached.tokenizer.encodeContext(promptContext([{ role: 'user', content: p }])));
    cachedRuns = await cached.greedy(prompts, LIMITS, 3);
    uncachedRuns = await uncached.greedy(prompts, LIMITS, 3);
    // an export made before the KV cache: no graph file, no kvCache in pace-onnx.json
    legacyDir = await mkdtemp(join(tmpdir(), 'pace-onnx-legacy-'));
    await cp(onnxDir, legacyDir, { recursive: true });
    await rm(join(legacyDir, 'model-with-past.onnx'));
    const info = JSON.parse(await readFile(join(legacyDir, 'pace-onnx.json'), 'utf8'));
    delete info.kvCache;
    await writeFile(join(legacyDir, 'pace-onnx.json'), JSON.stringify(info));
  }, 180_000);

  afterAll(async () => {
    await cached?.close();
    await uncached?.close();
    if (legacyDir) await rm(legacyDir, { recursive: true, force: true });
  });

  it('export-onnx writes the decoder-with-past graph and names it in pace-onnx.json; the back-end uses it', async () => {
    const info = JSON.parse(await readFile(join(onnxDir, 'pace-onnx.json'), 'utf8'));
    expect(info.kvCache).toEqual({ file: 'model-with-past.onnx', layers: 2, kvHeads: 2, headDim: 16, scores: true });
    expect(cached.usesKvCache).toBe(true);
    expect(cached.scoresInGraph).toBe(true);
    expect(uncached.usesKvCache).toBe(false);
    expect(uncached.scoresInGraph).toBe(false);
  });

  it('gives the same tokens, stops, per-token and first-position log-probs (within 1e-4) as re-running the sequence, Chinese and English of different lengths in one batch', () => {
    const lengths = new Set(prompts.map((p) => p.length));
    expect(lengths.size).toBe(PROMPTS.length); // left padding in the cached batch, right padding in the uncached one
    expect(Math.max(...lengths) - Math.min(...lengths)).toBeGreaterThan(100);
    // rows leave the batch at different steps (limits and stops), so the cache is cut down to the live rows
    const generated = cachedRuns.map((r) => r.ids.length);
    expect(new Set(generated).size).toBeGreaterThan(2);
    expect(Math.max(...generated)).toBeGreaterThan(8);
    expectSameRuns(cachedRuns, uncachedRuns);
  });

  it("log-likelihoods from the graph's scoring head equal those scored in JavaScript from the whole logits, greedy flags included", async () => {
    const { loglikelihood } = parityRequests();
    // the model's own greedy continuations (flag true): the longest prefix of each run that round-trips through text
    // (random bytes are mostly not UTF-8); and the same with a byte it did not pick appended
    const tok = cached.tokenizer;
    const own = cachedRuns.flatMap((r, i): LoglikelihoodRequest[] => {
      let k = r.ids.length;
      while (k > 0 && tok.encode(tok.decode(r.ids.slice(0, k))).join() !== r.ids.slice(0, k).join()) k--;
      if (!k) return [];
      const context = promptContext([{ role: 'user', content: PROMPTS[i] }]);
      const text = tok.decode(r.ids.slice(0, k));
      return [
        { kind: 'loglikelihood', id: `own-${i}`, context, continuation: text },
        { kind: 'loglikelihood', id: `own-${i}-changed`, context, continuation: text + (text.endsWith('q') ? 'z' : 'q') },
      ];
    });
    expect(own.length).toBeGreaterThan(1);
    const requests = [...loglikelihood, ...own];
    const [inGraph, inJs] = [await cached.loglikelihood(requests), await uncached.loglikelihood(requests)];
    expect(inGraph.filter((r) => r.id.startsWith('own-') && !r.id.endsWith('-changed')).every((r) => r.greedy)).toBe(true);
    expect(inGraph.filter((r) => !r.greedy).length).toBeGreaterThan(0);
    let compared = 0;
    inGraph.forEach((r, i) => {
      const js = inJs[i];
      expect(r.id).toBe(requests[i].id);
      expect(r.tokens, r.id).toBe(js.tokens);
      expect(r.greedy, r.id).toBe(js.greedy);
      expect(r.tokenLogprobs!.length).toBe(js.tokens);
      r.tokenLogprobs!.forEach((lp, k) => {
        expect(Math.abs(lp - js.tokenLogprobs![k]), `${r.id} token ${k}`).toBeLessThan(1e-4);
        compared++;
      });
      expect(Math.abs(r.logprob - js.logprob)).toBeLessThan(1e-3);
    });
    expect(compared).toBeGreaterThan(300);
  });

  it('a prompt continued alone gives what it gives in the padded batch', async () => {
    for (const i of [2, 3]) {
      const [alone] = await cached.greedy([prompts[i]], [LIMITS[i]], 3);
      expectSameRuns([alone], [cachedRuns[i]]);
    }
  });

  it('generate() answers the same with and without the cache (text and candidate log-probs)', async () => {
    const requests = PROMPTS.map((p, i) => ({
      kind: 'generate' as const,
      id: `g-${i}`,
      context: promptContext([{ role: 'user', content: p }]),
      maxTokens: LIMITS[i],
      candidates: i % 2 ? ['对', '错'] : ['A', 'B'],
    }));
    const [a, b] = [await cached.generate(requests), await uncached.generate(requests)];
    a.forEach((r, i) => {
      expect(r.text).toBe(b[i].text);
      for (const c of Object.keys(b[i].candidateLogprobs!)) expect(Math.abs(r.candidateLogprobs![c] - b[i].candidateLogprobs![c])).toBeLessThan(1e-4);
    });
  });

  it('an export without the graph (made before it) still generates, re-running the sequence', async () => {
    const legacy = await OnnxBackend.open(legacyDir, { device: 'cpu', batchSize: 8 });
    try {
      expect(legacy.usesKvCache).toBe(false);
      expectSameRuns(await legacy.greedy(prompts, LIMITS, 3), cachedRuns);
    } finally {
      await legacy.close();
    }
  });

  it('refuses a kvCache entry whose graph is missing or is not a decoder-with-past graph, naming the file', async () => {
    const info = JSON.parse(await readFile(join(onnxDir, 'pace-onnx.json'), 'utf8'));
    await writeFile(join(legacyDir, 'pace-onnx.json'), JSON.stringify({ ...info, kvCache: { ...info.kvCache, file: 'gone.onnx' } }));
    await expect(OnnxBackend.open(legacyDir, { device: 'cpu' })).rejects.toThrow(`ONNX model folder ${legacyDir} lacks gone.onnx, named by pace-onnx.json's kvCache`);
    await writeFile(join(legacyDir, 'pace-onnx.json'), JSON.stringify({ ...info, kvCache: { ...info.kvCache, file: 'model.onnx' } }));
    await expect(OnnxBackend.open(legacyDir, { device: 'cpu' })).rejects.toThrow(`${join(legacyDir, 'model.onnx')} is not a decoder-with-past graph for 2 layers: it lacks position_ids, targets, past_key_values.0.key`);
  });
});
