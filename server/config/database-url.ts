/**
 * The injection token for the PostgreSQL URL this process uses (DATABASE_URL, or the embedded server's): provided by
 * server/database's module, injected by the queue, the event publisher and the socket.io gateway. It sits here, below
 * them all, so that those folders need nothing of server/database, whose entity registry imports the domains' entities.
 */
export const DATABASE_URL = Symbol('DATABASE_URL');
