import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { OnnxBackend } from '../backends/onnx-backend';
import { OpenAiRequestError, parseCompletionRequest } from './completion-request';
import { createCompletion } from './completions';

export interface OpenAiServerOptions {
  port?: number;
  /** Loopback unless told otherwise: the server has no authentication. */
  host?: string;
  modelName: string;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
}

export interface RunningOpenAiServer {
  server: Server;
  /** e.g. http://127.0.0.1:8000/v1 */
  baseUrl: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, e: OpenAiRequestError): void {
  send(res, e.status, { error: { message: e.message, type: e.status === 404 ? 'not_found_error' : 'invalid_request_error', param: e.param, code: null } });
}

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new OpenAiRequestError(null, `the request body is larger than ${limit} bytes`, 413);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (e) {
    throw new OpenAiRequestError(null, `the request body is not JSON: ${(e as Error).message}`);
  }
}

/**
 * The project's own OpenAI-compatible server (`/v1/models`, `/v1/completions`) over an ONNX back-end: what the
 * OpenAI back-end is tested against, and a way to serve a checkpoint to other tools. Requests run one at a time.
 */
export async function startOpenAiServer(backend: OnnxBackend, opts: OpenAiServerOptions): Promise<RunningOpenAiServer> {
  let queue: Promise<unknown> = Promise.resolve();
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0].replace(/\/$/, '');
    void (async () => {
      try {
        if (req.method === 'GET' && path === '/v1/models') {
          return send(res, 200, { object: 'list', data: [{ id: opts.modelName, object: 'model', created: 0, owned_by: 'pace' }] });
        }
        if (path === '/v1/completions') {
          if (req.method !== 'POST') throw new OpenAiRequestError(null, `${req.method} ${path}: use POST`, 405);
          const request = parseCompletionRequest(await readJson(req, opts.maxBodyBytes ?? 8 << 20));
          const run = queue.then(() => createCompletion(backend, opts.modelName, request));
          queue = run.catch(() => undefined);
          return send(res, 200, await run);
        }
        throw new OpenAiRequestError(null, `${req.method} ${path} is not served (try GET /v1/models or POST /v1/completions)`, 404);
      } catch (e) {
        if (e instanceof OpenAiRequestError) return sendError(res, e);
        send(res, 500, { error: { message: (e as Error).message, type: 'server_error', param: null, code: null } });
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8000, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    baseUrl: `http://${host}:${address.port}/v1`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
