import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FixtureLlmServer, FixtureRequest, fixtureRequestKey, startFixtureLlmServer } from '../../../test/utils/fixture-llm-server';
import { exitOf, spawnTs } from '../../../test/utils/spawn-ts';
import { until } from '../../../test/utils/until';
import { Budget, FREE } from './budget';
import { ChatClient, ChatClientOptions } from './chat-client';
import { LlmAttemptsExhausted, LlmBadResponse, LlmConfigError, LlmHttpError } from './llm-errors';
import { Secret } from './secret';
import { estimatePromptTokens, estimateTextTokens } from './token-estimate';

// issue 15 item 3 and the Proof: the real client against a real HTTP server on loopback (no mocked fetch).
describe(ChatClient.name, () => {
  let server: FixtureLlmServer;
  let seen: FixtureRequest[] = [];
  const fast = { baseDelayMs: 5, maxDelayMs: 20 };
  const client = (o: Partial<ChatClientOptions> = {}) => new ChatClient({ baseUrl: server.baseUrl, model: 'fixture-model', retry: fast, random: () => 0.5, ...o });
  const ask = (content: string) => ({ messages: [{ role: 'user' as const, content }] });

  beforeAll(async () => {
    server = await startFixtureLlmServer({
      respond: (req, i) => {
        seen.push(req);
        const last = req.messages[req.messages.length - 1].content;
        if (last === 'json please') return '{"subjects": ["algebra", "geometry"]}';
        if (last === 'long please') return 'one two three four five six seven eight nine ten';
        return `answer ${req.sampleIndex + i}: ${last}`;
      },
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.reset();
    seen = [];
  });

  it('issue 15 item 3: sends the model, messages and sampling parameters; answers text, finish reason and the server\'s usage', async () => {
    const c = client({ defaults: { temperature: 1, topP: 0.95 }, defaultMaxTokens: 300, budget: new Budget({}, { 'fixture-model': FREE }) });
    const r = await c.chat({ messages: [{ role: 'system', content: 'You are a teacher.' }, { role: 'user', content: 'list subjects' }], sampling: { seed: 7, stop: ['\n\n'] } });
    expect(r).toMatchObject({ text: 'answer 0: list subjects', finishReason: 'stop', model: 'fixture-model', attempts: 1, costUsd: 0 });
    expect(r.usage).toEqual({ promptTokens: 3 + 4 + 5 + 4 + 2, completionTokens: 5, totalTokens: 23, estimated: false });
    expect(seen[0]).toMatchObject({ model: 'fixture-model', temperature: 1, top_p: 0.95, max_tokens: 300, seed: 7, stop: ['\n\n'] });
    const key = fixtureRequestKey({ model: 'fixture-model', messages: seen[0].messages, temperature: 1, top_p: 0.95, max_tokens: 300, seed: 7, stop: ['\n\n'] }, 0);
    expect(server.calls(key)).toBe(1);
    expect(c.budget.snapshot()).toMatchObject({ calls: 1, totalTokens: 23, costUsd: 0 });
  });

  it('issue 15 item 3: n choices and the sample index header; max_tokens cuts with finish reason "length"', async () => {
    const r = await client().chat(ask('hello'), { headers: { 'x-pace-sample-index': '3' } });
    expect(r.text).toBe('answer 3: hello');
    const many = await client().chat({ ...ask('hi'), sampling: { n: 2 } });
    expect(many.choices.map((x) => x.text)).toEqual(['answer 0: hi', 'answer 1: hi']);
    const kept = await client({ defaultMaxTokens: 3 }).chat({ ...ask('long please'), sampling: { maxTokens: undefined } });
    expect(kept).toMatchObject({ text: 'one two three', finishReason: 'length' }); // an explicit undefined keeps the default bound
    const cut = await client().chat({ ...ask('long please'), sampling: { maxTokens: 4 } });
    expect(cut).toMatchObject({ text: 'one two three four', finishReason: 'length', usage: { completionTokens: 4 } });
  });

  it('issue 15 item 3: without usage from the server, the usage is an estimate and says so', async () => {
    server.inject({ fault: { kind: 'omit-usage' } });
    const r = await client().chat(ask('hello'));
    expect(r.usage).toEqual({ promptTokens: estimatePromptTokens(ask('hello').messages), completionTokens: estimateTextTokens('answer 0: hello'), totalTokens: expect.any(Number), estimated: true });
    expect(r.usage.totalTokens).toBe(r.usage.promptTokens + r.usage.completionTokens);
  });

  it('issue 15 item 3: a 429 with Retry-After is waited for as long as the header says, for every call after it too', async () => {
    server.inject({ fault: { kind: 'status', status: 429, retryAfter: '1' } });
    const c = client({ limits: { concurrency: 4 } });
    const first = c.chat(ask('first'));
    await until('the client to read the 429 and pause its limiter', async () => c.limiter.stats().pausedForMs > 0, 5000, 5);
    const later = c.chat(ask('later'));
    const [a, b] = await Promise.all([first, later]);
    expect(a).toMatchObject({ text: 'answer 0: first', attempts: 2 });
    expect(b.attempts).toBe(1);
    const [limited, retry] = server.log.filter((e) => e.key === server.log[0].key);
    expect(limited.status).toBe(429);
    // measured against the header (1 s), not a long sleep: the jitter here is at most 20 ms
    expect(retry.startedAt - limited.endedAt!).toBeGreaterThanOrEqual(990);
    expect(retry.startedAt - limited.endedAt!).toBeLessThan(1600);
    const laterEntry = server.log.find((e) => e.key !== limited.key)!;
    expect(laterEntry.startedAt - limited.endedAt!).toBeGreaterThanOrEqual(990);
  });

  it('issue 15 item 3: a 500 mid-run is retried and the run completes, each call answered once', async () => {
    server.inject({ fault: { kind: 'status', status: 500 }, after: 2 });
    const c = client({ limits: { concurrency: 1 } });
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await c.chat(ask(`q${i}`)));
    expect(results.map((r) => r.text)).toEqual([0, 1, 2, 3, 4].map((i) => `answer 0: q${i}`));
    expect(results.map((r) => r.attempts)).toEqual([1, 1, 2, 1, 1]);
    expect(server.log.map((e) => e.status)).toEqual([200, 200, 500, 200, 200, 200]);
    expect(new Set(server.log.filter((e) => e.status === 200).map((e) => e.key)).size).toBe(5);
  });

  it('issue 15 item 3: connection resets, bodies that are not JSON and timeouts are retried', async () => {
    server.inject({ fault: { kind: 'reset' } });
    server.inject({ fault: { kind: 'bad-body' } });
    server.inject({ fault: { kind: 'slow', delayMs: 1500 } });
    const r = await client({ timeoutMs: 300 }).chat(ask('hello'));
    expect(r).toMatchObject({ text: 'answer 0: hello', attempts: 4 });
    expect(server.log.map((e) => e.fault)).toEqual(['reset', 'bad-body', 'slow', null]);
  });

  it('issue 15 item 3: attempts exhausted → an error naming the endpoint, the attempts and the last reason', async () => {
    server.inject({ fault: { kind: 'status', status: 503, message: 'overloaded' }, times: Infinity });
    const e = await client({ retry: { ...fast, maxAttempts: 3 } }).chat(ask('hello')).catch((x) => x);
    expect(e).toBeInstanceOf(LlmAttemptsExhausted);
    expect(e.message).toBe(`${server.baseUrl}/chat/completions: gave up after 3 attempts; the last one: ${server.baseUrl}/chat/completions answered 503: overloaded`);
    expect(server.log).toHaveLength(3);
    server.clearFaults();
    server.inject({ fault: { kind: 'bad-body' }, times: Infinity });
    const bad = await client({ retry: { ...fast, maxAttempts: 2 } }).chat(ask('hello')).catch((x) => x);
    expect(bad.message).toMatch(/gave up after 2 attempts; the last one: .* answered something that is not a chat completion: the body is not JSON/);
  });

  it('issue 15 item 3: a Retry-After beyond the limit fails at once instead of sleeping for it', async () => {
    server.inject({ fault: { kind: 'status', status: 429, retryAfter: '3600' } });
    const t0 = Date.now();
    const e = await client({ retry: { ...fast, maxRetryAfterMs: 60_000 } }).chat(ask('hello')).catch((x) => x);
    expect(e).toBeInstanceOf(LlmAttemptsExhausted);
    expect(e.message).toMatch(/answered 429: Rate limit reached.*retry after 3600 s, longer than retry.maxRetryAfterMs \(60 s\)/);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('issue 15 item 3: a 4xx other than 408/409/429 is not retried (an unknown model: 404)', async () => {
    const e = await new ChatClient({ baseUrl: server.baseUrl, model: 'no-such-model' }).chat(ask('hello')).catch((x) => x);
    expect(e).toBeInstanceOf(LlmHttpError);
    expect(e).toMatchObject({ status: 404, message: `${server.baseUrl}/chat/completions answered 404: the model no-such-model does not exist` });
    expect(server.log).toHaveLength(1);
  });

  it('issue 15 item 2: a completion whose content is broken JSON comes back as it is, for the pipeline to repair or retry', async () => {
    server.inject({ fault: { kind: 'malformed-json' } });
    const r = await client().chat(ask('json please'));
    expect(() => JSON.parse(r.text)).toThrow();
    expect(r.text.startsWith('{"subjects"')).toBe(true);
    expect(JSON.parse((await client().chat(ask('json please'))).text)).toEqual({ subjects: ['algebra', 'geometry'] });
  });

  it('issue 15 item 3: the API key never shows in the client, its config or any error after a 401', async () => {
    const right = 'sk-right-0000111122223333';
    const wrong = 'sk-wrong-4444555566667777';
    const guarded = await startFixtureLlmServer({ apiKey: right });
    try {
      const config: ChatClientOptions = { baseUrl: guarded.baseUrl, model: 'fixture-model', apiKey: new Secret(wrong), retry: fast, budget: new Budget({ maxTokens: 1e6 }) };
      const c = new ChatClient(config);
      const e = await c.chat(ask('hello')).catch((x) => x);
      expect(e).toBeInstanceOf(LlmHttpError);
      expect(e.status).toBe(401);
      expect(e.message).toMatch(/answered 401: Incorrect API key provided: \[redacted\]/);
      // the fixture quotes the key back, as hosted APIs do; and a network error after a key was sent
      await guarded.close();
      const down = await c.chat(ask('hello')).catch((x) => x);
      expect(down).toBeInstanceOf(LlmAttemptsExhausted);
      for (const thing of [c, config, e, down, c.toJSON()]) {
        for (const text of [JSON.stringify(thing), JSON.stringify(thing, Object.getOwnPropertyNames(thing)), inspect(thing, { depth: 20, showHidden: true }), String(thing), (thing as Error).stack ?? '']) {
          expect(text).not.toContain(wrong);
          expect(text).not.toContain(wrong.slice(-8));
        }
      }
      expect(c.toJSON()).toMatchObject({ endpoint: `${guarded.baseUrl}/chat/completions`, hasApiKey: true });
      const ok = await startFixtureLlmServer({ apiKey: right });
      try {
        expect((await new ChatClient({ baseUrl: ok.baseUrl, model: 'fixture-model', apiKey: new Secret(right) }).chat(ask('hello'))).text).toBe('fixture answer 0 to: hello');
      } finally {
        await ok.close();
      }
    } finally {
      await guarded.close().catch(() => undefined);
    }
  });

  it('issue 15 item 3: a key a server quotes where its message is cut short leaves no fragment', async () => {
    const key = 'sk-quoted-8888999900001111';
    server.inject({ fault: { kind: 'status', status: 400, message: `${'x'.repeat(495)}${key} is not valid` } });
    const e = await client({ apiKey: new Secret(key) }).chat(ask('hello')).catch((x) => x);
    expect(e).toBeInstanceOf(LlmHttpError);
    expect(e.serverMessage).toHaveLength(500);
    expect(e.message).not.toContain(key.slice(0, 5));
    expect(e.message).toMatch(/x{495}\[reda$/);
  });

  it('refuses a bad configuration with an error naming the setting (and never echoing a URL\'s password)', () => {
    expect(() => new ChatClient({ baseUrl: 'localhost:8000', model: 'm' })).toThrow(LlmConfigError);
    expect(() => new ChatClient({ baseUrl: 'ftp://h/v1', model: 'm' })).toThrow('baseUrl must be http or https, got ftp:');
    const e = (() => {
      try {
        new ChatClient({ baseUrl: 'https://user:sk-in-url@h/v1', model: 'm' });
      } catch (x) {
        return x as Error;
      }
    })();
    expect(e?.message).toBe('baseUrl must not carry a user name or password; give the key as apiKey');
    expect(() => new ChatClient({ baseUrl: 'http://h/v1', model: '' })).toThrow(/model .* is required/);
    expect(() => new ChatClient({ baseUrl: 'http://h/v1', model: 'm', defaults: { temperature: 3 } })).toThrow('defaults.temperature must be a number in [0, 2], got 3');
    expect(() => new ChatClient({ baseUrl: 'http://h/v1', model: 'm', retry: { maxAttempts: 0 } })).toThrow(/retry.maxAttempts/);
    return expect(new ChatClient({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm' }).chat(ask('x'), { headers: { Authorization: 'Bearer x' } })).rejects.toThrow('the header Authorization is set by the client and cannot be given per call');
  });

  it('the fixture server runs as its own process with a port argument (for the bench)', async () => {
    const child = spawnTs('test/utils/fixture-llm-server.ts', ['--port', '0', '--latency-ms', '1'], {});
    try {
      const line = await until('the fixture server to listen', async () => /listening on (\S+)/.exec(child.output())?.[1], 30_000);
      const models = (await (await fetch(`${line}/models`)).json()) as { data: { id: string }[] };
      expect(models.data.map((m) => m.id)).toEqual(['fixture-model']);
      expect((await new ChatClient({ baseUrl: line, model: 'fixture-model' }).chat(ask('hello'))).text).toBe('fixture answer 0 to: hello');
    } finally {
      child.kill('SIGTERM');
      expect(await exitOf(child)).toBe(0);
    }
  });
});
