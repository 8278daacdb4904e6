import { expect } from 'vitest';
import type { TestApp } from './test-app';

const TERMINAL = ['completed', 'failed', 'cancelled'];

/** Uploads a file through the API the way the UI does, as a curator. */
export async function uploadImport(t: TestApp, token: string, path: string, fields: Record<string, string>) {
  const req = t.http.post('/api/imports').set('Authorization', `Bearer ${token}`).attach('file', path);
  for (const [k, v] of Object.entries(fields)) req.field(k, v);
  const res = await req;
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

export async function waitForImport(t: TestApp, token: string, id: string, timeoutMs = 90_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.http.get(`/api/imports/${id}`).set('Authorization', `Bearer ${token}`).expect(200);
    if (TERMINAL.includes(res.body.status)) return res.body;
    if (Date.now() > until) throw new Error(`import ${id} still ${res.body.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function waitForStatus(t: TestApp, id: string, statuses: string[], timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await t.db.query('SELECT status, items_created FROM imports WHERE id = $1', [id]);
    if (statuses.includes(row.status)) return;
    if (Date.now() > until) throw new Error(`import ${id} still ${row.status}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
