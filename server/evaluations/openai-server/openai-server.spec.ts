import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyOnnxModel } from '../../../test/utils/tiny-onnx';
import { GenerateResult, LoglikelihoodResult } from '../backends/backend.types';
import { createBackend } from '../backends/create-backend';
import { OnnxBackend } from '../backends/onnx-backend';
import { OpenAiBackend } from '../backends/openai-backend';
import { parityRequests } from '../backends/parity-requests.fixture';
import { RunningOpenAiServer, startOpenAiServer } from './openai-server';

describe('OpenAI-compatible server over the ONNX back-end, and the OpenAI back-end against it', () => {
  let onnx: OnnxBackend;
  let server: RunningOpenAiServer;
  const requests = parityRequests();
  let onnxLl: LoglikelihoodResult[];
  let onnxGen: GenerateResult[];

  beforeAll(async () => {
    const { onnxDir } = await tinyOnnxModel();
    onnx = await OnnxBackend.open(onnxDir);
    server = await startOpenAiServer(onnx, { port: 0, modelName: 'tiny' });
    onnxLl = await onnx.loglikelihood(requests.loglikelihood);
    onnxGen = await onnx.generate(requests.generate);
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    await onnx?.close();
  });

  const post = (body: unknown) => fetch(`${server.baseUrl}/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('listens on loopback and lists its model', async () => {
    expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const models = await (await fetch(`${server.baseUrl}/models`)).json();
    expect(models).toEqual({ object: 'list', data: [{ id: 'tiny', object: 'model', created: 0, owned_by: 'pace' }] });
  });

  it("gives the OpenAI back-end the ONNX back-end's log-likelihoods and greedy flags (echo + text offsets)", async () => {
    const openai = await createBackend({ kind: 'openai', baseUrl: server.baseUrl, model: 'tiny' });
    const progress: number[] = [];
    const results = await openai.loglikelihood(requests.loglikelihood, (p) => progress.push(p.done));
    expect(progress.at(-1)).toBe(requests.loglikelihood.length);
    results.forEach((r, i) => {
      expect(r.id).toBe(onnxLl[i].id);
      expect(r.tokens).toBe(onnxLl[i].tokens);
      expect(r.greedy).toBe(onnxLl[i].greedy);
      r.tokenLogprobs!.forEach((lp, k) => expect(Math.abs(lp - onnxLl[i].tokenLogprobs![k])).toBeLessThan(1e-5));
    });
  });

  it('gives the same greedy generations and candidate values (Chinese candidates through bytes: tokens)', async () => {
    const openai = new OpenAiBackend({ baseUrl: server.baseUrl, model: 'tiny', candidateTopLogprobs: 262 });
    const results = await openai.generate(requests.generate);
    results.forEach((r, i) => {
      expect(r.text).toBe(onnxGen[i].text);
      for (const [c, v] of Object.entries(onnxGen[i].candidateLogprobs!)) expect(Math.abs(r.candidateLogprobs![c] - v)).toBeLessThan(1e-5);
    });
    // vLLM's default cap of 20: a candidate outside the top 20 gets -Infinity, one inside its exact value
    const capped = await new OpenAiBackend({ baseUrl: server.baseUrl, model: 'tiny' }).generate(requests.generate.slice(0, 2));
    for (const [i, r] of capped.entries()) {
      for (const [c, v] of Object.entries(r.candidateLogprobs!)) expect(v === -Infinity || Math.abs(v - onnxGen[i].candidateLogprobs![c]) < 1e-5).toBe(true);
    }
  });

  it('answers the OpenAI completion shape: echo, offsets, stop strings, usage', async () => {
    const res = await post({ model: 'tiny', prompt: '<user>你好<eot><assistant>', max_tokens: 3, echo: true, logprobs: 2, temperature: 0 });
    expect(res.status).toBe(200);
    const body = await res.json();
    const choice = body.choices[0];
    expect(choice.text.startsWith('<user>你好<eot><assistant>')).toBe(true);
    // BOS is not echoed; <user>, 6 bytes of 你好, <eot>, <assistant>, then the 3 generated tokens (if none stopped)
    expect(choice.logprobs.tokens.slice(0, 4)).toEqual(['<user>', 'bytes:\\xe4', 'bytes:\\xbd', 'bytes:\\xa0']);
    expect(choice.logprobs.text_offset.slice(0, 9)).toEqual([0, 6, 6, 6, 7, 7, 7, 8, 13]);
    expect(choice.logprobs.token_logprobs.every((v: number | null) => typeof v === 'number' && v < 0)).toBe(true);
    expect(body.usage.prompt_tokens).toBe(10);
    expect(body.usage.completion_tokens).toBe(choice.logprobs.tokens.length - 9);
    const plain = await (await post({ prompt: 'x', max_tokens: 5 })).json();
    expect(plain.choices[0].logprobs).toBeNull();
    const text: string = plain.choices[0].text;
    const stopAt = [...text].slice(1).find((ch) => ch !== '\ufffd');
    expect(stopAt).toBeDefined();
    const stopped = await (await post({ prompt: 'x', max_tokens: 5, stop: ['never', stopAt] })).json();
    expect(stopped.choices[0]).toMatchObject({ text: text.slice(0, text.indexOf(stopAt!)), finish_reason: 'stop' });
  });

  it('refuses bad requests with OpenAI-shaped errors naming the field', async () => {
    const cases: [unknown, number, string | null, string][] = [
      [{ prompt: 'x', temperature: 0.7 }, 400, 'temperature', 'temperature must be 0'],
      [{ prompt: 'x', logprobs: 5000 }, 400, 'logprobs', 'logprobs must be an integer from 0 to 1000'],
      [{ max_tokens: 3 }, 400, 'prompt', 'prompt must be a string'],
      [{ prompt: 'x', max_tokens: -1 }, 400, 'max_tokens', 'max_tokens must be a non-negative integer'],
      [{ prompt: 'x', stop: [''] }, 400, 'stop', 'stop must be'],
      [{ prompt: 'x', model: 'gpt-4' }, 404, 'model', 'model "gpt-4" is not served here'],
    ];
    for (const [body, status, param, message] of cases) {
      const res = await post(body);
      expect(res.status).toBe(status);
      const { error } = await res.json();
      expect(error.param).toBe(param);
      expect(error.message).toContain(message);
    }
    const notJson = await fetch(`${server.baseUrl}/completions`, { method: 'POST', body: '{"prompt":' });
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.message).toContain('the request body is not JSON');
    expect((await fetch(`${server.baseUrl}/chat/completions`, { method: 'POST', body: '{}' })).status).toBe(404);
    const openai = await createBackend({ kind: 'openai', baseUrl: server.baseUrl, model: 'other' });
    await expect(openai.loglikelihood(requests.loglikelihood.slice(0, 1))).rejects.toThrow(/answered 404: model "other" is not served here/);
    await expect(createBackend({ kind: 'openai', baseUrl: 'localhost:8000', model: 'x' })).rejects.toThrow('baseUrl must be an http(s) URL');
    await expect(openai.loglikelihood([{ kind: 'loglikelihood', id: 'e', context: 'c', continuation: '' }])).rejects.toThrow('field "continuation" must be a non-empty string');
  });
});
