import { Agent, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../utils/test-app';

/** Issue 14 item 8: helmet-style headers on every /api answer, refusals and the API docs included (UI pages: test/browser/security-headers). */
describe('security headers on /api (issue 14 item 8)', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp();
    token = await t.tokenFor('admin');
  });
  afterAll(() => t.close());

  it('sends the CSP, frame, sniffing and referrer headers and no X-Powered-By on answers of every kind', async () => {
    const answers = {
      health: await t.http.get('/api/health'),
      list: await t.http.get('/api/items').set('Authorization', `Bearer ${token}`).expect(200),
      unauthorized: await t.http.get('/api/items').expect(401),
      badRequest: await t.http.get('/api/items').query({ filter: '{"abilityId":{"$gt":0}}' }).set('Authorization', `Bearer ${token}`).expect(400),
      notFound: await t.http.get('/api/no-such-route').set('Authorization', `Bearer ${token}`).expect(404),
      login: await t.http.post('/api/auth/login').send({ email: 'nobody@test.pace', password: 'wrong-password' }).expect(401),
      openApi: await t.http.get('/api/docs-json').expect(200),
    };
    for (const [name, res] of Object.entries(answers)) {
      const where = `${name} → ${res.status}`;
      expect(res.headers['x-powered-by'], where).toBeUndefined();
      expect(res.headers['x-content-type-options'], where).toBe('nosniff');
      expect(res.headers['x-frame-options'], where).toBe('DENY');
      expect(res.headers['referrer-policy'], where).toBe('no-referrer');
      const csp = String(res.headers['content-security-policy']);
      expect(csp, where).toContain("frame-ancestors 'none'");
      expect(csp, where).toContain("default-src 'self'");
      expect(csp, where).toContain("script-src 'self'");
      expect(csp, where).not.toContain('unsafe-eval');
      expect(csp, where).toContain("object-src 'none'");
    }
  });

  it('serves the Swagger UI page with the same headers', async () => {
    const page = await t.http.get('/api/docs/').redirects(1).expect(200);
    expect(page.text).toContain('swagger-ui');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it('keeps an idle connection open past an annotator\'s think time, and says for how long', async () => {
    const server = t.app.getHttpServer() as Server;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const ask = () =>
      new Promise<{ socket: unknown; keepAlive?: string }>((resolve, reject) => {
        get({ host: '127.0.0.1', port, path: '/api/health', agent }, (res) => {
          res.resume();
          res.on('end', () => resolve({ socket: res.socket, keepAlive: String(res.headers['keep-alive']) }));
        }).on('error', reject);
      });
    try {
      const first = await ask();
      expect(first.keepAlive).toBe('timeout=65');
      // Node's default closed idle connections after 5 s: the next request then needed a new connection
      await new Promise((r) => setTimeout(r, 5500));
      const second = await ask();
      expect(second.socket).toBe(first.socket);
    } finally {
      agent.destroy();
    }
  });
});
