import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Person } from './people';
import type { TestApp } from './test-app';

export interface Lease {
  lease: { id: string; expiresAt: string };
  round: { id: string; kind: string };
  item: { id: number; messages: { role: string; content: string }[]; gold: string | null };
  distractor?: { id: string; kind: string; text: string };
  revision?: { id: string; diff: string | null };
}

export function nextReview(t: TestApp, p: Person, body: Record<string, unknown> = {}) {
  return t.http.post('/api/reviews/next').set(...p.auth).send(body);
}

/** Asks for the next review and expects one. */
export async function lease(t: TestApp, p: Person, body: Record<string, unknown> = {}): Promise<Lease> {
  const res = await nextReview(t, p, body);
  expect(res.status, `${p.name} should get a lease: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}

export function decide(t: TestApp, p: Person, leaseId: string, decision: 'approve' | 'reject', extra: Record<string, unknown> = {}) {
  return t.http
    .post(`/api/reviews/${leaseId}/decision`)
    .set(...p.auth)
    .send({ decision, reasons: decision === 'reject' ? ['incorrect_answer'] : [], idempotencyKey: randomUUID(), ...extra });
}

/** Leases the next round and decides it; returns the lease. */
export async function review(t: TestApp, p: Person, decision: 'approve' | 'reject', body: Record<string, unknown> = {}): Promise<Lease> {
  const l = await lease(t, p, body);
  const res = await decide(t, p, l.lease.id, decision);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return l;
}

export async function itemStatus(t: TestApp, id: number): Promise<string> {
  const [row] = await t.db.query('SELECT status FROM items WHERE id = $1', [id]);
  return row.status;
}
