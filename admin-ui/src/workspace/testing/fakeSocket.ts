import { vi } from 'vitest';

type Listener = (data: unknown) => void;

/**
 * Stands in for socket.io-client's socket: records what the app emits and lets a test push server events.
 * Use with `vi.mock('socket.io-client', () => ({ io: () => fakeSocket }))` and a `vi.hoisted` import.
 */
export function createFakeSocket() {
  const listeners = new Map<string, Set<Listener>>();
  return {
    connected: true,
    emitted: [] as unknown[][],
    on(event: string, fn: Listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(fn);
    },
    off(event: string, fn: Listener) {
      listeners.get(event)?.delete(fn);
    },
    emit(...args: unknown[]) {
      this.emitted.push(args);
    },
    disconnect: vi.fn(),
    listening(event: string) {
      return (listeners.get(event)?.size ?? 0) > 0;
    },
    /** The server publishes `event` to a room this socket is in. */
    push(event: string, data: unknown) {
      for (const fn of listeners.get(event) ?? []) fn(data);
    },
  };
}
