import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyModel } from '../../test/utils/tiny-model';
import { createHash } from 'node:crypto';
import { runTraining, TrainCheckpointEvent, TrainConfig, TrainEvent, TrainScoredEvent, TrainStartEvent, TrainStepEvent } from './train-process';
import { runTrainerCommand, TrainerEvent } from './trainer-process';

// Spawns the real trainer on the tiny random Llama (byte-level tokenizer: ids 0–255 are the UTF-8 bytes). One torch
// thread each: on a busy two-core machine, torch's thread pool contending with other processes runs ~15x slower.
const env = { OMP_NUM_THREADS: '1' };
interface Message {
  role: 'user' | 'assistant';
  content: string;
}

const conversations: Message[][] = Array.from({ length: 48 }, (_, i) =>
  i % 2
    ? [
        { role: 'user', content: `把数字${i}翻译成英文` },
        { role: 'assistant', content: `数字${i}的英文是 number ${i}。` },
      ]
    : [
        { role: 'user', content: `What is ${i} plus ${i}?` },
        { role: 'assistant', content: `${i} plus ${i} is ${2 * i}.` },
        { role: 'user', content: '谢谢' },
        { role: 'assistant', content: '不客气！' },
      ],
);

/** What each checkpoint's evaluation would ask (request ids as the suites make them), in Chinese. */
const scoringRequests = [
  { kind: 'generate', id: '1:0:generate', context: '<user>判断：长城始建于明朝。<eot><assistant>', maxTokens: 6, candidates: ['A', 'B', 'C', 'D'] },
  { kind: 'loglikelihood', id: '2:0:gold', context: '<user>把数字3翻译成英文<eot><assistant>', continuation: '数字3的英文是 number 3。<eot>' },
  { kind: 'loglikelihood', id: '2:0:fine', context: '<user>把数字3翻译成英文<eot><assistant>', continuation: '数字3的英文是 number 8。<eot>' },
  { kind: 'generate', id: '3:0:generate', context: '<user>What is 5 plus 5?<eot><assistant>', maxTokens: 8 },
];

/** safetensors: an 8-byte header length, a JSON header, then the raw tensors (all float32 here). */
function readSafetensors(file: string): Map<string, { shape: number[]; data: Float32Array }> {
  const buf = readFileSync(file);
  const headerLength = Number(buf.readBigUInt64LE(0));
  const header = JSON.parse(buf.subarray(8, 8 + headerLength).toString('utf8')) as Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
  const tensors = new Map<string, { shape: number[]; data: Float32Array }>();
  for (const [name, t] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    expect(t.dtype, name).toBe('F32');
    const bytes = buf.subarray(8 + headerLength + t.data_offsets[0], 8 + headerLength + t.data_offsets[1]);
    tensors.set(name, { shape: t.shape, data: new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) });
  }
  return tensors;
}

function maxAbsDiff(a: Float32Array, b: Float32Array, upTo = a.length): number {
  let max = 0;
  for (let i = 0; i < upTo; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

describe('runTraining (the Python trainer)', () => {
  let dir: string;
  let base: string;
  let trainFile: string;
  let config: (outputDir: string, extra?: Partial<TrainConfig>) => TrainConfig;
  let reference: TrainEvent[];
  let requestFile: string;

  beforeAll(async () => {
    base = await tinyModel();
    dir = await mkdtemp(join(tmpdir(), 'pace-train-'));
    trainFile = join(dir, 'train.jsonl');
    await writeFile(trainFile, conversations.map((messages) => JSON.stringify({ messages })).join('\n') + '\n');
    config = (outputDir, extra = {}) => ({
      baseModel: base, trainFile, outputDir, epochs: 2, learningRate: 3e-3, finalLearningRate: 3e-4,
      globalBatchSize: 2, microBatchSize: 1, maxLength: 256, seed: 7, device: 'cpu', ...extra,
    });
    requestFile = join(dir, 'eval-requests.jsonl');
    await writeFile(requestFile, scoringRequests.map((r) => JSON.stringify(r) + '\n').join(''));
    // the reference run scores each checkpoint in memory; the killed run below does not, and must still equal it
    reference = [];
    await runTraining(config(join(dir, 'reference'), { scoreAfterEpoch: { requests: requestFile, batchSize: 2 } }), { env, onEvent: (e) => void reference.push(e) });
  }, 180_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('trains two epochs: start, each optimizer step, a checkpoint per epoch, done; the loss clearly falls', async () => {
    const start = reference[0] as TrainStartEvent;
    expect(start).toMatchObject({ event: 'start', epochs: 2, startEpoch: 1, examples: 48, stepsPerEpoch: 24, totalSteps: 48, trimmed: 0, dropped: 0, device: 'cpu', precision: 'fp32', resumedFrom: null, scoreAfterEpoch: { requests: 4 } });
    const scoring = (e: TrainEvent) => (e.event === 'progress' ? `scoring ${e.epoch}: ${e.done}/${e.total}` : `scored ${(e as TrainScoredEvent).epoch}`);
    expect(reference.map((e) => (e.event === 'step' ? `step` : e.event === 'checkpoint' ? `checkpoint ${e.epoch}` : e.event === 'progress' || e.event === 'scored' ? scoring(e) : e.event))).toEqual([
      'start', ...Array<string>(24).fill('step'), 'checkpoint 1', 'scoring 1: 2/4', 'scoring 1: 4/4', 'scored 1',
      ...Array<string>(24).fill('step'), 'checkpoint 2', 'scoring 2: 2/4', 'scoring 2: 4/4', 'scored 2', 'done',
    ]);
    const steps = reference.filter((e): e is TrainStepEvent => e.event === 'step');
    expect(steps.map((s) => s.step)).toEqual(Array.from({ length: 48 }, (_, i) => i + 1));
    expect(steps[0].lr).toBeCloseTo(3e-3, 12);
    expect(steps[47].lr).toBeCloseTo(3e-4, 12);
    expect(steps[47].epoch).toBe(2);
    for (const s of steps) expect(s.tokens > 0 && s.tokensPerSecond > 0 && s.etaSeconds >= 0 && Number.isFinite(s.loss)).toBe(true);
    // a random model starts near ln(262) ≈ 5.57 nats; these templated conversations are learnt fast
    const lastEpoch = steps.slice(24).reduce((sum, s) => sum + s.loss, 0) / 24;
    expect(steps[0].loss).toBeGreaterThan(5);
    expect(lastEpoch).toBeLessThan(steps[0].loss * 0.6);

    for (const epoch of [1, 2]) {
      const folder = join(dir, 'reference', `epoch-${epoch}`);
      expect((reference.find((e) => e.event === 'checkpoint' && e.epoch === epoch) as TrainCheckpointEvent).path).toBe(folder);
      expect((await readdir(folder)).sort()).toEqual(expect.arrayContaining(['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json', 'trainer_state.pt']));
      const added = (JSON.parse(readFileSync(join(folder, 'tokenizer.json'), 'utf8')) as { added_tokens: { id: number; content: string }[] }).added_tokens;
      expect(added.filter((t) => ['<user>', '<assistant>', '<eot>'].includes(t.content)).map((t) => t.id)).toEqual([259, 260, 261]);
      expect(JSON.parse(readFileSync(join(folder, 'config.json'), 'utf8'))).toMatchObject({ vocab_size: 262 });
      expect(readSafetensors(join(folder, 'model.safetensors')).get('model.embed_tokens.weight')!.shape).toEqual([262, 64]);
    }
    expect(existsSync(join(dir, 'reference', 'epoch-1.tmp'))).toBe(false);
  });

  it('a run SIGKILLed after its epoch-1 checkpoint resumes from it and ends with the uninterrupted run’s weights (which scored each epoch in memory: scoring changes no training)', async () => {
    const out = join(dir, 'killed');
    let pid = 0;
    const killed: TrainEvent[] = [];
    await expect(
      runTraining(config(out), {
        env,
        onSpawn: (p) => (pid = p),
        onEvent: (e) => {
          killed.push(e);
          if (e.event === 'checkpoint' && e.epoch === 1) process.kill(pid, 'SIGKILL');
        },
      }),
    ).rejects.toThrow(/SIGKILL/);
    expect(killed.some((e) => e.event === 'checkpoint' && e.epoch === 2)).toBe(false);
    expect(existsSync(join(out, 'epoch-2'))).toBe(false);

    const resumed: TrainEvent[] = [];
    await runTraining(config(out), { env, onEvent: (e) => void resumed.push(e) });
    expect(resumed[0]).toMatchObject({ event: 'start', startEpoch: 2, resumedFrom: join(out, 'epoch-1') });
    const steps = resumed.filter((e): e is TrainStepEvent => e.event === 'step');
    expect(steps.map((s) => s.step)).toEqual(Array.from({ length: 24 }, (_, i) => i + 25));
    const referenceSteps = reference.filter((e): e is TrainStepEvent => e.event === 'step').slice(24);
    expect(steps.map((s) => s.loss)).toEqual(referenceSteps.map((s) => s.loss));

    const want = readSafetensors(join(dir, 'reference', 'epoch-2', 'model.safetensors'));
    const got = readSafetensors(join(out, 'epoch-2', 'model.safetensors'));
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [name, t] of want) expect(maxAbsDiff(t.data, got.get(name)!.data), name).toBeLessThanOrEqual(1e-6);
  }, 120_000);

  it('scoreAfterEpoch: each checkpoint holds the in-memory model’s answers, with the request file’s SHA-256, equal to the score command’s on that checkpoint', async () => {
    const sha = createHash('sha256').update(readFileSync(requestFile)).digest('hex');
    const separate = join(dir, 'separate-epoch-1.jsonl');
    await runTrainerCommand(['score', '--model', join(dir, 'reference', 'epoch-1'), '--requests', requestFile, '--out', separate, '--device', 'cpu', '--batch-size', '2'], { env });
    const want = readFileSync(separate, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const epoch of [1, 2]) {
      const [header, ...results] = readFileSync(join(dir, 'reference', `epoch-${epoch}`, 'eval-results.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(header).toMatchObject({ requestsSha256: sha, requests: 4, epoch, device: 'cpu', precision: 'fp32' });
      expect(results.map((r) => r.id)).toEqual(scoringRequests.map((r) => r.id));
      expect(typeof results[0].text).toBe('string');
      expect(Object.keys(results[0].candidateLogprobs as object)).toEqual(['A', 'B', 'C', 'D']);
      expect(results[1]).toMatchObject({ tokens: [...Buffer.from('数字3的英文是 number 3。')].length + 1 });
      if (epoch === 1) {
        // the same weights, the same code and batches: the same numbers
        expect(results.map((r) => r.text ?? null)).toEqual(want.map((r) => r.text ?? null));
        results.forEach((r, i) => {
          if (typeof r.logprob === 'number') expect(Math.abs(r.logprob - (want[i].logprob as number))).toBeLessThan(1e-9);
          for (const [c, lp] of Object.entries((r.candidateLogprobs ?? {}) as Record<string, number>)) expect(Math.abs(lp - (want[i].candidateLogprobs as Record<string, number>)[c])).toBeLessThan(1e-9);
        });
      }
    }
    expect(existsSync(join(dir, 'reference', 'epoch-1', 'eval-results.jsonl.tmp'))).toBe(false);
  }, 60_000);

  it('inspect-data: BOS, speaker tokens, user turns and padding are -100; assistant contents and their <eot> are labelled; long examples are trimmed or dropped', async () => {
    const file = join(dir, 'mask.jsonl');
    const maxLength = 64;
    const items: Message[][] = [
      conversations[0],
      conversations[1],
      [{ role: 'user', content: '短' }, { role: 'assistant', content: '这个回答很长，会被截断到最大长度，后面的字节不会进入训练。' }],
      [{ role: 'user', content: '这个问题太长了，助手的回答在最大长度之后才开始，所以没有可学习的标记。' }, { role: 'assistant', content: '好' }],
    ];
    await writeFile(file, items.map((messages) => JSON.stringify({ messages, id: 'extra keys are ignored' })).join('\n') + '\n');
    const configFile = join(dir, 'mask-config.json');
    await writeFile(configFile, JSON.stringify(config(join(dir, 'mask'), { trainFile: file, maxLength, globalBatchSize: 3, microBatchSize: 3 })));
    const events: TrainerEvent[] = [];
    await runTrainerCommand(['inspect-data', '--config', configFile, '--limit', '8'], { env, onEvent: (e) => void events.push(e) });

    const dataset = events[0] as unknown as { examples: number; trimmed: number; dropped: number; padTokenId: number; bosTokenId: number; chatTokenIds: Record<string, number> };
    expect(dataset).toMatchObject({ event: 'dataset', examples: 3, trimmed: 1, dropped: 1, bosTokenId: 256, chatTokenIds: { '<user>': 259, '<assistant>': 260, '<eot>': 261 } });
    const batches = events.filter((e) => e.event === 'batch') as unknown as { examples: number[]; input_ids: number[][]; attention_mask: number[][]; labels: number[][] }[];
    expect(batches.flatMap((b) => b.examples).sort()).toEqual([0, 1, 2]);

    // the mask, built again here from the conversation's bytes
    const ids = dataset.chatTokenIds;
    const expected = (messages: Message[]) => {
      const input = [dataset.bosTokenId];
      const labels = [-100];
      for (const m of messages) {
        const bytes = [...Buffer.from(m.content, 'utf8')];
        input.push(m.role === 'user' ? ids['<user>'] : ids['<assistant>'], ...bytes, ids['<eot>']);
        labels.push(-100, ...(m.role === 'assistant' ? [...bytes, ids['<eot>']] : bytes.map(() => -100).concat(-100)));
      }
      return { input: input.slice(0, maxLength), labels: labels.slice(0, maxLength) };
    };
    let padded = 0;
    for (const b of batches) {
      const width = b.input_ids[0].length;
      b.examples.forEach((example, row) => {
        const want = expected(items[example]);
        const n = want.input.length;
        expect(b.input_ids[row].slice(0, n), `example ${example}`).toEqual(want.input);
        expect(b.labels[row].slice(0, n), `example ${example}`).toEqual(want.labels);
        expect(b.attention_mask[row]).toEqual([...Array<number>(n).fill(1), ...Array<number>(width - n).fill(0)]);
        expect(b.labels[row].slice(n)).toEqual(Array<number>(width - n).fill(-100));
        expect(b.input_ids[row].slice(n)).toEqual(Array<number>(width - n).fill(dataset.padTokenId));
        padded += width - n;
      });
    }
    expect(padded).toBeGreaterThan(0);
    // what is learnt from the second example is exactly its Chinese answer and <eot>
    const row = batches.flatMap((b) => b.examples.map((example, r) => ({ example, labels: b.labels[r] }))).find((x) => x.example === 1)!;
    const learnt = row.labels.filter((l) => l !== -100);
    expect(learnt.at(-1)).toBe(ids['<eot>']);
    expect(Buffer.from(learnt.slice(0, -1)).toString('utf8')).toBe('数字1的英文是 number 1。');
  }, 60_000);

  it('LoRA: one epoch writes merged full weights (adapted layers and embeddings change, the rest stays the base) and the adapter; SIGTERM then stops it promptly', async () => {
    const out = join(dir, 'lora');
    const controller = new AbortController();
    let abortedAt = 0;
    const events: TrainEvent[] = [];
    await expect(
      runTraining(config(out, { method: 'lora', epochs: 3, lora: { r: 4, alpha: 8, dropout: 0, targetModules: ['q_proj', 'v_proj'] } }), {
        env,
        signal: controller.signal,
        onEvent: (e) => {
          events.push(e);
          if (e.event === 'checkpoint') {
            abortedAt = Date.now();
            controller.abort();
          }
        },
      }),
    ).rejects.toThrow(/interrupted|SIGTERM/);
    expect(Date.now() - abortedAt).toBeLessThan(5_000);
    const start = events[0] as TrainStartEvent;
    expect(start.trainableParameters).toBeLessThan(start.parameters);
    expect(existsSync(join(out, 'epoch-2'))).toBe(false);

    const folder = join(out, 'epoch-1');
    expect(existsSync(join(folder, 'adapter', 'adapter_model.safetensors'))).toBe(true);
    const merged = readSafetensors(join(folder, 'model.safetensors'));
    const original = readSafetensors(join(base, 'model.safetensors'));
    expect([...merged.keys()].filter((k) => /lora|base_layer|modules_to_save/.test(k))).toEqual([]);
    expect([...merged.keys()].sort()).toEqual([...original.keys()].sort());
    const diff = (name: string) => maxAbsDiff(original.get(name)!.data, merged.get(name)!.data, original.get(name)!.data.length);
    expect(diff('model.layers.0.self_attn.q_proj.weight')).toBeGreaterThan(1e-4);
    expect(diff('model.layers.1.self_attn.v_proj.weight')).toBeGreaterThan(1e-4);
    expect(diff('model.layers.0.self_attn.k_proj.weight')).toBe(0);
    expect(diff('model.layers.1.mlp.up_proj.weight')).toBe(0);
    expect(merged.get('model.embed_tokens.weight')!.shape).toEqual([262, 64]);
  }, 120_000);

  it('refuses a bad train file, naming the file, the line and the field', async () => {
    const bad = join(dir, 'bad.jsonl');
    await writeFile(bad, [JSON.stringify({ messages: conversations[0] }), '', JSON.stringify({ messages: [{ role: 'system', content: '你好' }] })].join('\n'));
    await expect(runTraining(config(join(dir, 'bad'), { trainFile: bad }))).rejects.toThrow('bad.jsonl line 3: messages[0].role must be "user" or "assistant", got "system"');
    await writeFile(bad, JSON.stringify({ messages: [{ role: 'user', content: '只有问题' }] }) + '\n');
    await expect(runTraining(config(join(dir, 'bad'), { trainFile: bad }))).rejects.toThrow('bad.jsonl line 1: no assistant message');
    await expect(runTraining(config(join(dir, 'bad'), { epochs: 0 }))).rejects.toThrow(/epochs must be an integer ≥ 1, got 0/);
    const badRequests = join(dir, 'bad-requests.jsonl');
    await writeFile(badRequests, JSON.stringify(scoringRequests[0]) + '\n' + JSON.stringify({ ...scoringRequests[1], continuation: 5 }) + '\n');
    await expect(runTraining(config(join(dir, 'bad-requests'), { scoreAfterEpoch: { requests: badRequests } }))).rejects.toThrow(`${badRequests}:2: field 'continuation' must be a string, got int`);
  }, 30_000);
});
