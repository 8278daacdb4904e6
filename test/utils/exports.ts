import { expect } from 'vitest';
import type { TestApp } from './test-app';

const TERMINAL = ['completed', 'failed', 'cancelled'];

/** Starts an export through the API, as the UI does. */
export async function startExport(t: TestApp, token: string, body: object) {
  const res = await t.http.post('/api/exports').set('Authorization', `Bearer ${token}`).send(body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

/** Polls the API until the export is completed, failed or cancelled. */
export async function waitForExport(t: TestApp, token: string, id: string, timeoutMs = 90_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.http.get(`/api/exports/${id}`).set('Authorization', `Bearer ${token}`).expect(200);
    if (TERMINAL.includes(res.body.status)) return res.body;
    if (Date.now() > until) throw new Error(`export ${id} still ${res.body.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
