import { useEffect, useRef } from 'react';
import { io, type Socket } from 'socket.io-client';
import { accessToken } from '../session';

let shared: Socket | null = null;

/**
 * One socket.io connection per tab, authenticated with the current access token (read again on every reconnect,
 * so a refreshed token is used). Rooms are joined with `subscribe`; the server checks the role per room.
 */
export function liveSocket(): Socket {
  shared ??= io({
    path: '/socket.io',
    transports: ['websocket'],
    auth: (cb) => {
      accessToken().then(
        (token) => cb({ token }),
        () => cb({}),
      );
    },
  });
  return shared;
}

/** Closes the tab's connection (on sign-out), so the next user connects with their own token. */
export function closeLiveSocket(): void {
  shared?.disconnect();
  shared = null;
}

/**
 * Calls `handler` for every `event` published to `room` while the component is mounted. The room is joined
 * again after a reconnect (the server forgets a socket's rooms when it drops).
 */
export function useLiveEvent<T>(room: string | null, event: string, handler: (data: T) => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!room) return;
    const socket = liveSocket();
    const join = () => socket.emit('subscribe', { room });
    const listener = (data: T) => latest.current(data);
    socket.on('connect', join);
    socket.on(event, listener);
    if (socket.connected) join();
    return () => {
      socket.off('connect', join);
      socket.off(event, listener);
    };
  }, [room, event]);
}
