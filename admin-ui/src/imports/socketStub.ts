/**
 * A stand-in for socket.io-client's socket in component tests: `vi.mock('socket.io-client', () => socketStub)`,
 * then `socketStub.fire(event, data)` delivers a server event and `socketStub.emitted` lists what the app sent.
 */
type Listener = (data: unknown) => void;
const listeners = new Map<string, Set<Listener>>();
const emitted: Array<[string, unknown]> = [];

const socket = {
  connected: true,
  on(event: string, fn: Listener) {
    if (!listeners.has(event)) listeners.set(event, new Set());
    listeners.get(event)!.add(fn);
    return socket;
  },
  off(event: string, fn: Listener) {
    listeners.get(event)?.delete(fn);
    return socket;
  },
  emit(event: string, data: unknown) {
    emitted.push([event, data]);
    return socket;
  },
  disconnect() {
    return socket;
  },
};

export const socketStub = {
  io: () => socket,
  emitted,
  fire(event: string, data: unknown) {
    for (const fn of listeners.get(event) ?? []) fn(data);
  },
  rooms: () => emitted.filter(([e]) => e === 'subscribe').map(([, d]) => (d as { room: string }).room),
};
