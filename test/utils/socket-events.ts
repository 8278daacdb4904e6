import { io, type Socket } from 'socket.io-client';
import type { TestApp } from './test-app';

/** Events a socket received, with a way to wait for one. */
export function recorder(socket: Socket, events: string[]) {
  const seen: { event: string; data: any }[] = [];
  for (const event of events) socket.on(event, (data) => seen.push({ event, data }));
  return {
    seen,
    async waitFor(event: string, match: (data: any) => boolean = () => true, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const hit = seen.find((e) => e.event === event && match(e.data));
        if (hit) return hit.data;
        if (Date.now() > until) throw new Error(`no ${event} within ${timeoutMs} ms; saw ${seen.map((e) => e.event).join(', ')}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}

/** A socket.io client of a test app that listens (`app.app.listen(0, '127.0.0.1')`), authenticated with `token`. */
export async function connect(app: TestApp, token: string): Promise<Socket> {
  const port = (app.app.getHttpServer().address() as { port: number }).port;
  const socket = io(`http://127.0.0.1:${port}`, { auth: { token }, transports: ['websocket'] });
  await new Promise<void>((res, rej) => {
    socket.on('connect', () => res());
    socket.on('connect_error', rej);
  });
  return socket;
}
