import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo, Socket } from 'node:net';

/**
 * A deterministic OpenAI-compatible chat server on loopback, for tests and benches of the synthesis pipeline:
 * `POST /v1/chat/completions` and `GET /v1/models`. Each answer comes from a fixture function (prompt → completion);
 * the server counts calls per request key, records the most requests it held at once, and injects faults on demand
 * (an HTTP status with Retry-After, a body that is not JSON, a completion whose content is broken JSON, a slow
 * answer, a connection reset, an answer without usage).
 *
 * Also a process of its own, for a bench: `node -r @swc-node/register test/utils/fixture-llm-server.ts --port 8123
 * [--latency-ms 5] [--host 127.0.0.1] [--glan [--subjects 2 --sessions 3 --concepts 3]] [--models a,b]` prints `fixture-llm-server listening on
 * http://127.0.0.1:8123/v1` (`--port 0`: an ephemeral port, the one printed). `--glan` answers the GLAN prompts
 * (test/utils/glan-fixture.ts).
 */

export interface FixtureMessage {
  role: string;
  content: string;
}

export interface FixtureRequest {
  model: string;
  messages: FixtureMessage[];
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  n?: number;
  seed?: number;
  stop?: string | string[];
  /** From the `x-pace-sample-index` header, else 0; each of n choices gets sampleIndex + its index. */
  sampleIndex: number;
  /** The request key: a hash of model, messages, sampling parameters and sample index (see `fixtureRequestKey`). */
  key: string;
}

export type FixtureAnswer = string | { content: string; finishReason?: string };
export type FixtureRespond = (request: FixtureRequest, choiceIndex: number) => FixtureAnswer | Promise<FixtureAnswer>;

export type FixtureFault =
  /** An HTTP error, e.g. 429 with `retryAfter: '1'` (seconds or an HTTP-date) or a 500. */
  | { kind: 'status'; status: number; retryAfter?: string; message?: string }
  /** A 200 whose completion content is JSON cut in the middle (for the pipeline's repair and retry). */
  | { kind: 'malformed-json' }
  /** A 200 whose body is not JSON at all. */
  | { kind: 'bad-body' }
  /** Answers after `delayMs` more. */
  | { kind: 'slow'; delayMs: number }
  /** Destroys the connection without an answer. */
  | { kind: 'reset' }
  /** Answers without the `usage` object (some servers do). */
  | { kind: 'omit-usage' };

export interface FaultRule {
  fault: FixtureFault;
  /** How many requests it applies to (default 1; Infinity for all). */
  times?: number;
  /** Matching requests to let through first (e.g. `after: 5` makes the 6th fail: "a 500 mid-run"). */
  after?: number;
  /** Which requests it concerns (default: all). */
  match?: (request: FixtureRequest) => boolean;
}

export interface FixtureLogEntry {
  key: string;
  sampleIndex: number;
  /** ms since the server started. */
  startedAt: number;
  endedAt: number | null;
  /** The status sent; null for a reset or a request the client abandoned. */
  status: number | null;
  fault: FixtureFault['kind'] | null;
  /** The client closed the connection before the answer. */
  aborted: boolean;
}

export interface FixtureLlmServerOptions {
  port?: number;
  host?: string;
  /** Model names served (default ['fixture-model']); a request for another gets 404. */
  models?: string[];
  respond?: FixtureRespond;
  /** Delay before every answer (default 0). */
  latencyMs?: number;
  /** When set, requests must carry `Authorization: Bearer <apiKey>`; a wrong key gets a 401 that quotes it back, as hosted APIs do. */
  apiKey?: string;
}

export interface FixtureLlmServer {
  /** e.g. http://127.0.0.1:41234/v1 */
  baseUrl: string;
  server: Server;
  /** Requests received per key (faulted ones included). */
  calls(key: string): number;
  /** Requests answered 200 with a completion per key. */
  completed(key: string): number;
  /** Every request received, in arrival order. */
  readonly log: FixtureLogEntry[];
  /** The most requests in progress at once. */
  readonly maxInFlight: number;
  readonly inFlight: number;
  inject(rule: FaultRule): void;
  clearFaults(): void;
  /** Forgets counts, log and faults. */
  reset(): void;
  close(): Promise<void>;
}

/** The key of one request: what the synthesis pipeline's node key is built from, so tests can compare the two. */
export function fixtureRequestKey(body: Omit<FixtureRequest, 'key' | 'sampleIndex'>, sampleIndex: number): string {
  const canonical = JSON.stringify([body.model, body.messages.map((m) => [m.role, m.content]), body.temperature ?? null, body.top_p ?? null, body.max_tokens ?? null, body.n ?? null, body.seed ?? null, body.stop ?? null, sampleIndex]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** The server's tokenizer: a word, a number, a CJK character or another symbol is one token (not the client's estimate). */
export function fixtureTokens(text: string): string[] {
  return text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu) ?? [];
}

const defaultRespond: FixtureRespond = (req, i) => {
  const last = [...req.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  return `fixture answer ${req.sampleIndex + i} to: ${last.slice(0, 200)}`;
};

class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new RequestError(400, 'the request body is not JSON');
  }
}

function parseRequest(raw: unknown, sampleIndex: number, models: string[]): FixtureRequest {
  const b = raw as Record<string, unknown>;
  if (!b || typeof b !== 'object') throw new RequestError(400, 'the body must be a JSON object');
  if (typeof b.model !== 'string') throw new RequestError(400, 'model is required');
  if (!models.includes(b.model)) throw new RequestError(404, `the model ${b.model} does not exist`);
  if (!Array.isArray(b.messages) || !b.messages.length || !b.messages.every((m) => m && typeof m.role === 'string' && typeof m.content === 'string')) {
    throw new RequestError(400, 'messages must be a non-empty list of {role, content}');
  }
  const body = {
    model: b.model,
    messages: (b.messages as FixtureMessage[]).map((m) => ({ role: m.role, content: m.content })),
    temperature: b.temperature as number | undefined,
    top_p: b.top_p as number | undefined,
    max_tokens: b.max_tokens as number | undefined,
    n: b.n as number | undefined,
    seed: b.seed as number | undefined,
    stop: b.stop as string | string[] | undefined,
  };
  return { ...body, sampleIndex, key: fixtureRequestKey(body, sampleIndex) };
}

export async function startFixtureLlmServer(opts: FixtureLlmServerOptions = {}): Promise<FixtureLlmServer> {
  const models = opts.models ?? ['fixture-model'];
  const respond = opts.respond ?? defaultRespond;
  const started = Date.now();
  const calls = new Map<string, number>();
  const completed = new Map<string, number>();
  const log: FixtureLogEntry[] = [];
  let rules: { rule: FaultRule; seen: number; used: number }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const sockets = new Set<Socket>();

  const faultFor = (req: FixtureRequest): FixtureFault | null => {
    for (const r of rules) {
      if (r.rule.match && !r.rule.match(req)) continue;
      if (r.used >= (r.rule.times ?? 1)) continue;
      r.seen++;
      if (r.seen <= (r.rule.after ?? 0)) continue;
      r.used++;
      return r.rule.fault;
    }
    return null;
  };

  const handleChat = async (req: IncomingMessage, res: ServerResponse, entry: { set(e: Partial<FixtureLogEntry>): void }) => {
    const header = req.headers['x-pace-sample-index'];
    const sampleIndex = header === undefined ? 0 : Number(header);
    if (!Number.isInteger(sampleIndex) || sampleIndex < 0) throw new RequestError(400, 'x-pace-sample-index must be an integer ≥ 0');
    const request = parseRequest(await readBody(req), sampleIndex, models);
    const fault = faultFor(request);
    calls.set(request.key, (calls.get(request.key) ?? 0) + 1);
    entry.set({ key: request.key, sampleIndex, fault: fault?.kind ?? null });
    const delay = (opts.latencyMs ?? 0) + (fault?.kind === 'slow' ? fault.delayMs : 0);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (res.destroyed) return; // the client went away while it waited (req is destroyed anyway once its body is read)
    if (fault?.kind === 'reset') return void req.socket.destroy();
    if (fault?.kind === 'status') {
      const message = fault.message ?? (fault.status === 429 ? 'Rate limit reached, please retry later' : `injected ${fault.status}`);
      return send(res, fault.status, { error: { message, type: fault.status === 429 ? 'rate_limit_error' : 'server_error', code: null } }, fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {});
    }
    if (fault?.kind === 'bad-body') return send(res, 200, '{"id": "chatcmpl-fixture", "choices": [');
    const n = request.n ?? 1;
    const promptTokens = request.messages.reduce((s, m) => s + 4 + fixtureTokens(m.content).length, 3);
    let completionTokens = 0;
    const choices = [];
    for (let i = 0; i < n; i++) {
      const answer = await respond(request, i);
      let content = typeof answer === 'string' ? answer : answer.content;
      let finishReason = typeof answer === 'string' ? 'stop' : (answer.finishReason ?? 'stop');
      if (fault?.kind === 'malformed-json') content = content.slice(0, Math.max(1, Math.floor(content.length / 2))) + ', "unterminated';
      const stops = request.stop === undefined ? [] : Array.isArray(request.stop) ? request.stop : [request.stop];
      for (const s of stops) {
        const at = s ? content.indexOf(s) : -1;
        if (at >= 0) content = content.slice(0, at);
      }
      const tokens = fixtureTokens(content);
      if (request.max_tokens !== undefined && tokens.length > request.max_tokens) {
        content = tokens.slice(0, request.max_tokens).join(' ');
        finishReason = 'length';
      }
      completionTokens += Math.min(tokens.length, request.max_tokens ?? Infinity);
      choices.push({ index: i, message: { role: 'assistant', content }, finish_reason: finishReason });
    }
    completed.set(request.key, (completed.get(request.key) ?? 0) + 1);
    send(res, 200, {
      id: `chatcmpl-${request.key.slice(0, 24)}`,
      object: 'chat.completion',
      created: 0,
      model: request.model,
      choices,
      ...(fault?.kind === 'omit-usage' ? {} : { usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens } }),
    });
  };

  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0].replace(/\/$/, '');
    const entry: FixtureLogEntry = { key: '', sampleIndex: 0, startedAt: Date.now() - started, endedAt: null, status: null, fault: null, aborted: false };
    if (path === '/v1/chat/completions') {
      log.push(entry);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        inFlight--;
        entry.endedAt = Date.now() - started;
        if (res.writableFinished) entry.status = res.statusCode;
        else entry.aborted = entry.fault !== 'reset';
      };
      res.once('close', finish);
    }
    void (async () => {
      try {
        if (opts.apiKey !== undefined) {
          const given = /^Bearer (.*)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
          if (given !== opts.apiKey) {
            return send(res, 401, { error: { message: `Incorrect API key provided: ${given}. You can find your API key in your account settings.`, type: 'invalid_request_error', code: 'invalid_api_key' } });
          }
        }
        if (req.method === 'GET' && path === '/v1/models') return send(res, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fixture' })) });
        if (req.method === 'POST' && path === '/v1/chat/completions') return await handleChat(req, res, { set: (e) => Object.assign(entry, e) });
        throw new RequestError(404, `${req.method} ${path} is not served`);
      } catch (e) {
        if (res.headersSent || res.destroyed) return;
        const status = e instanceof RequestError ? e.status : 500;
        send(res, status, { error: { message: (e as Error).message, type: status === 404 ? 'not_found_error' : 'invalid_request_error', code: null } });
      }
    })();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    baseUrl: `http://${host}:${address.port}/v1`,
    server,
    calls: (key) => calls.get(key) ?? 0,
    completed: (key) => completed.get(key) ?? 0,
    log,
    get maxInFlight() {
      return maxInFlight;
    },
    get inFlight() {
      return inFlight;
    },
    inject: (rule) => void rules.push({ rule, seen: 0, used: 0 }),
    clearFaults: () => void (rules = []),
    reset: () => {
      calls.clear();
      completed.clear();
      log.length = 0;
      rules = [];
      maxInFlight = inFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const port = Number(argValue(args, '--port') ?? args.find((a) => /^\d+$/.test(a)) ?? 0);
  const latencyMs = Number(argValue(args, '--latency-ms') ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || !Number.isFinite(latencyMs) || latencyMs < 0) {
    console.error('usage: fixture-llm-server.ts --port N [--latency-ms MS] [--host 127.0.0.1]');
    process.exit(2);
  }
  // required here, not imported at the top: the module imports this one's types
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const respond = args.includes('--glan') ? (require('./glan-fixture') as typeof import('./glan-fixture')).glanFixture({ subjectsPerList: Number(argValue(args, '--subjects') ?? 2), sessions: Number(argValue(args, '--sessions') ?? 3), conceptsPerSession: Number(argValue(args, '--concepts') ?? 3) }) : undefined;
  const models = argValue(args, '--models')?.split(',');
  void startFixtureLlmServer({ port, latencyMs, host: argValue(args, '--host'), respond, models }).then((s) => {
    console.log(`fixture-llm-server listening on ${s.baseUrl}`);
    const stop = () => void s.close().then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
