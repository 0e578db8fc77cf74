import type { Http1Connection, Http1Origin } from './open-http1-connection.js';

/** Options of {@link createHttp1ConnectionPool}. */
export interface Http1ConnectionPoolOptions {
  /** Sockets per origin, busy and idle together. */
  maxSockets: number;
  /** An idle socket is closed, and never reused, once it has waited this long. */
  idleMs: number;
  /** Opens a socket; `onIdleLost` is to be called when it closes while idle. */
  open(origin: Http1Origin, onIdleLost: () => void): Http1Connection;
}

/** Receives a connection to use, or `undefined` when the pool was closed while it waited. */
export type Http1Grant = (connection: Http1Connection | undefined) => void;

/**
 * Keep-alive sockets per origin, each lent to one request at a time. Every lent connection goes
 * back exactly once, through `release`, `discard` or `replace`.
 */
export interface Http1ConnectionPool {
  /** Lends a connection, at once or when one frees up (FIFO); returns a function that stops waiting. */
  acquire(origin: Http1Origin, grant: Http1Grant): () => void;
  /** Takes back a connection after a complete answer: kept for the next request if reusable. */
  release(origin: Http1Origin, connection: Http1Connection): void;
  /** Takes back a connection that failed or was given up on: closed, its place freed. */
  discard(origin: Http1Origin, connection: Http1Connection): void;
  /** Closes a connection and lends a newly opened one in its place, ahead of any waiting request. */
  replace(origin: Http1Origin, connection: Http1Connection): Http1Connection;
  /** Closes every socket (failing exchanges in progress) and fails every waiting request. */
  close(): void;
}

interface OriginSockets {
  all: Set<Http1Connection>;
  /** Oldest first; the newest is lent first, so the oldest age out when traffic falls. */
  idle: Array<{ connection: Http1Connection; since: number }>;
  waiters: Http1Grant[];
}

const stayConnected = () => {};

/** Creates the pool; no socket, timer or listener exists until the first request. */
export function createHttp1ConnectionPool(options: Http1ConnectionPoolOptions): Http1ConnectionPool {
  const { maxSockets, idleMs } = options;
  const origins = new Map<string, OriginSockets>();
  let sweepTimer: ReturnType<typeof setTimeout> | undefined;

  const socketsOf = (origin: Http1Origin) => {
    let sockets = origins.get(origin.key);
    if (sockets === undefined) {
      sockets = { all: new Set(), idle: [], waiters: [] };
      origins.set(origin.key, sockets);
    }
    return sockets;
  };

  const open = (origin: Http1Origin, sockets: OriginSockets) => {
    const connection: Http1Connection = options.open(origin, () => {
      // Closed while idle (by the server, or an error): forget it. A lent one is its borrower's.
      const index = sockets.idle.findIndex((entry) => entry.connection === connection);
      if (index === -1) return;
      sockets.idle.splice(index, 1);
      sockets.all.delete(connection);
    });
    sockets.all.add(connection);
    return connection;
  };

  const sweep = () => {
    sweepTimer = undefined;
    const now = performance.now();
    let oldest = Number.POSITIVE_INFINITY;
    for (const sockets of origins.values()) {
      while (sockets.idle.length > 0 && now - sockets.idle[0]!.since >= idleMs) {
        const { connection } = sockets.idle.shift()!;
        sockets.all.delete(connection);
        connection.destroy();
      }
      if (sockets.idle.length > 0) oldest = Math.min(oldest, sockets.idle[0]!.since);
    }
    if (oldest !== Number.POSITIVE_INFINITY) armSweep(oldest + idleMs - now);
  };

  const armSweep = (delayMs: number) => {
    if (sweepTimer !== undefined) return;
    sweepTimer = setTimeout(sweep, Math.max(1, delayMs));
    sweepTimer.unref();
  };

  const discard = (origin: Http1Origin, connection: Http1Connection) => {
    const sockets = socketsOf(origin);
    sockets.all.delete(connection);
    connection.destroy();
    const next = sockets.waiters.shift();
    if (next !== undefined) next(open(origin, sockets));
  };

  return {
    acquire(origin, grant) {
      const sockets = socketsOf(origin);
      const now = performance.now();
      for (let entry = sockets.idle.pop(); entry !== undefined; entry = sockets.idle.pop()) {
        if (now - entry.since < idleMs && entry.connection.reusable) {
          grant(entry.connection);
          return stayConnected;
        }
        sockets.all.delete(entry.connection);
        entry.connection.destroy();
      }
      if (sockets.all.size < maxSockets) {
        grant(open(origin, sockets));
        return stayConnected;
      }
      sockets.waiters.push(grant);
      return () => {
        const index = sockets.waiters.indexOf(grant);
        if (index !== -1) sockets.waiters.splice(index, 1);
      };
    },
    release(origin, connection) {
      if (!connection.reusable) return discard(origin, connection);
      const sockets = socketsOf(origin);
      const next = sockets.waiters.shift();
      if (next !== undefined) return next(connection);
      connection.park();
      sockets.idle.push({ connection, since: performance.now() });
      armSweep(idleMs);
    },
    discard,
    replace(origin, connection) {
      const sockets = socketsOf(origin);
      sockets.all.delete(connection);
      connection.destroy();
      return open(origin, sockets);
    },
    close() {
      clearTimeout(sweepTimer);
      sweepTimer = undefined;
      const closed = new Error('the transport was closed');
      for (const sockets of origins.values()) {
        for (const grant of sockets.waiters.splice(0)) grant(undefined);
        sockets.idle.length = 0;
        for (const connection of [...sockets.all]) {
          sockets.all.delete(connection);
          connection.destroy(closed);
        }
      }
    },
  };
}
