import type { Namespace, Socket } from 'socket.io';
import type { Role } from '../users/user.entity';
import { mayReceive } from './rooms';

/** Who a socket's events are checked against: its user and the role last verified; null until verified and once revoked. */
export interface SocketAccess {
  id: string;
  role: Role;
}

export const socketAccess = (socket: Socket): SocketAccess | null => (socket.data as { access?: SocketAccess | null }).access ?? null;

/** The parts of socket.io's adapter the guard wraps (`onMessage` is protected in its types, so it is reached this way). */
interface GuardedAdapter {
  nsp: Namespace;
  rooms: Map<string, Set<string>>;
  onMessage(message: { type: number; data?: { opts?: { rooms?: string[]; except?: string[] } } }, offset?: string): void;
  broadcast(packet: unknown, opts: { rooms: Set<string>; except?: Set<string> }): unknown;
  broadcastWithAck(packet: unknown, opts: { rooms: Set<string>; except?: Set<string> }, ...rest: unknown[]): unknown;
}

/** socket.io-adapter's MessageType.BROADCAST: a room event from another instance or a process without sockets. */
const BROADCAST = 3;

/**
 * Wraps an adapter factory so that every room event is checked against each recipient's current access right before
 * it is written to the socket: sockets in the target rooms that may not receive them (revoked, or a role that no
 * longer allows the room) are added to the broadcast's `except` list. Both ways an event reaches local sockets are
 * covered: a broadcast message arriving through Postgres (`onMessage`; every EventsService publish takes this way,
 * on every instance) and a broadcast started in this process (`broadcast` / `broadcastWithAck`).
 *
 * The access a socket carries is kept current by the gateway: verified again on every `subscribe`, and set to null
 * the moment a rights change for its user is handled. Rights changes travel on the same Postgres channel, through
 * the same LISTEN connection, as room events, and are handled synchronously on arrival, so on every instance an
 * event published after a change committed meets the changed access here, even before the socket's disconnect lands.
 */
export function guardDelivery<A>(makeAdapter: (nsp: Namespace) => A): (nsp: Namespace) => A {
  return function (nsp: Namespace): A {
    const adapter = makeAdapter(nsp) as A & GuardedAdapter;
    const denied = (rooms: Iterable<string>) => deniedSockets(adapter, rooms);
    const onMessage = adapter.onMessage.bind(adapter);
    // every message from other nodes (and from EventsService, uid "emitter") comes through here
    adapter.onMessage = (message, offset) => {
      const opts = message.type === BROADCAST ? message.data?.opts : undefined;
      if (opts) opts.except = [...(opts.except ?? []), ...denied(opts.rooms ?? [])];
      onMessage(message, offset);
    };
    const broadcast = adapter.broadcast.bind(adapter);
    adapter.broadcast = (packet, opts) => broadcast(packet, { ...opts, except: new Set([...(opts.except ?? []), ...denied(opts.rooms)]) });
    const broadcastWithAck = adapter.broadcastWithAck.bind(adapter);
    adapter.broadcastWithAck = (packet, opts, ...rest) =>
      broadcastWithAck(packet, { ...opts, except: new Set([...(opts.except ?? []), ...denied(opts.rooms)]) }, ...rest);
    return adapter;
  };
}

/** The sockets of this instance an event for `rooms` would reach but must not: none of its rooms it is in allows them. */
function deniedSockets(adapter: GuardedAdapter, rooms: Iterable<string>): string[] {
  const targets = [...rooms];
  if (targets.length === 0) return [...adapter.nsp.sockets.values()].filter((s) => !socketAccess(s)).map((s) => s.id);
  const allowed = new Set<string>();
  const reached = new Set<string>();
  for (const room of targets) {
    for (const sid of adapter.rooms.get(room) ?? []) {
      reached.add(sid);
      const socket = adapter.nsp.sockets.get(sid);
      const access = socket && socketAccess(socket);
      if (access && (room === sid || mayReceive(room, access))) allowed.add(sid); // a socket's own room is its id
    }
  }
  return [...reached].filter((sid) => !allowed.has(sid));
}
