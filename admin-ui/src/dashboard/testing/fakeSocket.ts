type Listener = (data: unknown) => void;

/**
 * Stands in for socket.io-client's socket (mock `io` to return it): records what the page emits (room subscriptions)
 * and lets a test deliver server events to the page's listeners.
 */
export function createFakeSocket() {
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
    /** Delivers an event from the server. */
    receive(event: string, data: unknown) {
      for (const fn of listeners.get(event) ?? []) fn(data);
    },
    rooms(): string[] {
      return socket.emitted.filter(([e]) => e === 'subscribe').map(([, d]) => (d as { room: string }).room);
    },
  };
  return socket;
}
