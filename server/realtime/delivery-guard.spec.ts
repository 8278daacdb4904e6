import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Namespace } from 'socket.io';
import { ClusterAdapter, MessageType, type ClusterMessage } from 'socket.io-adapter';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardDelivery, type SocketAccess } from './delivery-guard';

/** A cluster adapter with no other node: what the Postgres adapter is, less Postgres. */
class LoneClusterAdapter extends ClusterAdapter {
  constructor(nsp: Namespace) {
    super(nsp);
  }
  protected doPublish(): Promise<string> {
    return Promise.resolve('');
  }
  protected doPublishResponse(): Promise<void> {
    return Promise.resolve();
  }
  receive(message: ClusterMessage): void {
    this.onMessage(message);
  }
}

// issue 14 item 2: room events are checked against each recipient's current access before they are written, so a
// socket still in a room after its user's rights changed (the window before its disconnect lands) receives nothing.
describe(guardDelivery.name, () => {
  let http: HttpServer;
  let server: Server;
  const clients: ClientSocket[] = [];

  /** A client whose server-side socket carries `access` and sits in `rooms` (as if it had joined them earlier). */
  async function client(access: SocketAccess | null, rooms: string[]) {
    const socket = connectClient(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, {
      auth: { access: JSON.stringify(access), rooms },
      transports: ['websocket'],
    });
    clients.push(socket);
    const seen: string[] = [];
    socket.onAny((event, data) => seen.push(`${event}:${data?.n ?? ''}`));
    await new Promise<void>((res) => socket.on('ready', () => res()));
    return { socket, seen };
  }

  /** Every event sent to a connection before this one has arrived once this one has. */
  async function flushed(...all: { socket: ClientSocket; seen: string[] }[]) {
    await Promise.all(all.map(({ socket }) => new Promise((res) => { socket.once('flush', res); server.of('/').sockets.get(socket.id!)!.emit('flush'); })));
  }

  beforeAll(async () => {
    http = createServer();
    server = new Server(http);
    server.adapter(guardDelivery((nsp) => new LoneClusterAdapter(nsp)) as never);
    server.on('connection', (socket) => {
      socket.data.access = JSON.parse(socket.handshake.auth.access);
      void socket.join(socket.handshake.auth.rooms);
      socket.emit('ready');
    });
    await new Promise<void>((res) => http.listen(0, '127.0.0.1', res));
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await server.close();
  });

  it('delivers a broadcast arriving from another node only to sockets whose current access allows the room', async () => {
    const lead = await client({ id: 'u-lead', role: 'lead' }, ['leads', 'imports', 'user:u-lead']);
    const demoted = await client({ id: 'u-demoted', role: 'annotator' }, ['leads', 'imports', 'user:u-demoted']);
    const revoked = await client(null, ['leads', 'imports', 'user:u-revoked']);
    const adapter = server.of('/').adapter as unknown as LoneClusterAdapter;
    const remote = (room: string, n: number): ClusterMessage =>
      ({ uid: 'another-node', nsp: '/', type: MessageType.BROADCAST, data: { packet: { type: 2, data: ['event', { n }], nsp: '/' }, opts: { rooms: [room], except: [], flags: {} } } }) as ClusterMessage;
    adapter.receive(remote('leads', 1));
    adapter.receive(remote('imports', 2));
    adapter.receive(remote('user:u-demoted', 3));
    adapter.receive(remote('user:u-revoked', 4));
    await flushed(lead, demoted, revoked);
    expect(lead.seen).toEqual(['ready:', 'event:1', 'event:2', 'flush:']);
    expect(demoted.seen).toEqual(['ready:', 'event:3', 'flush:']);
    expect(revoked.seen).toEqual(['ready:', 'flush:']);
  });

  it('checks a broadcast started in this process the same way, and one to several rooms per socket', async () => {
    const lead = await client({ id: 'u-lead2', role: 'lead' }, ['leads', 'queue']);
    const demoted = await client({ id: 'u-demoted2', role: 'annotator' }, ['leads', 'queue']);
    const revoked = await client(null, ['leads', 'queue']);
    server.to('leads').emit('event', { n: 5 });
    server.to(['leads', 'queue']).emit('event', { n: 6 });
    server.emit('event', { n: 7 });
    await new Promise((res) => setImmediate(res)); // a cluster adapter delivers locally once its publish has resolved
    await flushed(lead, demoted, revoked);
    expect(lead.seen).toEqual(['ready:', 'event:5', 'event:6', 'event:7', 'flush:']);
    expect(demoted.seen).toEqual(['ready:', 'event:6', 'event:7', 'flush:']);
    expect(revoked.seen).toEqual(['ready:', 'flush:']);
  });
});
