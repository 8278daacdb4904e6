import { useEffect, useRef } from 'react';
import { io, type Socket } from 'socket.io-client';
import { accessToken } from '../httpClient';

let shared: Socket | null = null;

/**
 * One socket.io connection per tab, authenticated with the current access token (read again on every reconnect,
 * so a refreshed token is used). Rooms are joined with `subscribe`, which carries the current token: the server
 * verifies it and the user's current role per room.
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

/** The server puts every socket in its user's room (`user:<id>`) on connect and refuses to `subscribe` to one. */
const joinedOnConnect = (room: string) => room.startsWith('user:');

/**
 * Calls `handler` for every `event` published to `room` while the component is mounted; a null room listens to
 * nothing. The room is joined again after a reconnect (the server forgets a socket's rooms when it drops); the
 * user's own room is only listened to.
 */
export function useLiveEvent<T>(room: string | null, event: string, handler: (data: T) => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!room) return;
    const socket = liveSocket();
    let mounted = true;
    // the server verifies the token again on every subscribe: send the current one (the connection's may have expired)
    const join = () =>
      void accessToken().then(
        (token) => mounted && socket.emit('subscribe', { room, token }),
        () => mounted && socket.emit('subscribe', { room }),
      );
    const listener = (data: T) => latest.current(data);
    const subscribes = !joinedOnConnect(room);
    if (subscribes) socket.on('connect', join);
    socket.on(event, listener);
    if (subscribes && socket.connected) join();
    return () => {
      mounted = false;
      socket.off('connect', join);
      socket.off(event, listener);
    };
  }, [room, event]);
}
