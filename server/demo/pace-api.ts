import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

/** An HTTP answer that was not the one expected: its status and the server's message. */
export class PaceApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${method} /api${path} answered ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`);
  }
}

/**
 * A small client of Pace's own HTTP API, as one signed-in user: what `npm run demo` drives the app with, and what the
 * growth-pace end-to-end test drives it with (server/demo/growth-loop.ts), so both go through the real routes, guards
 * and validation the UI does.
 */
export class PaceApi {
  constructor(
    readonly baseUrl: string,
    private readonly token: string | null = null,
  ) {}

  /** Signs in with a password (POST /auth/login) and answers a client acting as that user. */
  static async login(baseUrl: string, email: string, password: string): Promise<PaceApi> {
    const { accessToken } = await new PaceApi(baseUrl).ok<{ accessToken: string }>('POST', '/auth/login', { email, password });
    return new PaceApi(baseUrl, accessToken);
  }

  as(token: string): PaceApi {
    return new PaceApi(this.baseUrl, token);
  }

  /** Any answer: its status and parsed body (JSON when it is JSON, else text; null when empty). */
  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = {};
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    let payload: string | FormData | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${this.baseUrl}/api${path}`, { method, headers, body: payload });
    const text = await res.text();
    const json = (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text || null;
    return { status: res.status, body: json };
  }

  /** A 2xx answer's body; anything else throws with the server's message. */
  async ok<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.call(method, path, body);
    if (res.status < 200 || res.status >= 300) throw new PaceApiError(method, path, res.status, res.body);
    return res.body as T;
  }

  get<T>(path: string): Promise<T> {
    return this.ok<T>('GET', path);
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.ok<T>('POST', path, body);
  }

  /** Uploads a file as multipart form data (POST /imports does this), with its fields. */
  async upload<T>(path: string, file: string, fields: Record<string, string>): Promise<T> {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([await readFile(file)]), basename(file));
    return this.ok<T>('POST', path, form);
  }
}

/** Polls `probe` until it answers something truthy; throws naming what it waited for after `timeoutMs`. */
export async function poll<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs: number, everyMs = 250): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
