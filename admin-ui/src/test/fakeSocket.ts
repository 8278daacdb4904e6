type Listener = (data: unknown) => void;

/**
 * Stands in for socket.io-client's socket in component tests: records what the app emits (room subscriptions) and
 * lets a test deliver server events to the app's listeners. One per test file, as realtime/socket.ts keeps one
 * connection per tab:
 *
 *   vi.mock('socket.io-client', async () => (await import('../test/fakeSocket')).socketIoClient);
 *   import { fakeSocket } from '../test/fakeSocket';
 */
function createFakeSocket() {
  const listeners = new Map<string, Set<Listener>>();
  const socket = {
    connected: true,
    emitted: [] as [string, unknown][],
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
      socket.emitted.push([event, data]);
      return socket;
    },
    disconnect() {
      return socket;
    },
    /** Whether the app listens to `event` now. */
    listening(event: string) {
      return (listeners.get(event)?.size ?? 0) > 0;
    },
    /** Delivers an event the server published to a room this socket is in. */
    receive(event: string, data: unknown) {
      for (const fn of listeners.get(event) ?? []) fn(data);
    },
    /** The rooms the app asked to join, in order. */
    rooms(): string[] {
      return socket.emitted.filter(([e]) => e === 'subscribe').map(([, d]) => (d as { room: string }).room);
    },
  };
  return socket;
}

export const fakeSocket = createFakeSocket();

/** The module `vi.mock('socket.io-client', …)` answers with: every `io()` is the one fake. */
export const socketIoClient = { io: () => fakeSocket };
