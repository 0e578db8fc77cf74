import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHttp1ConnectionPool } from './create-http1-connection-pool.js';
import type { Http1Connection, Http1Origin } from './open-http1-connection.js';

interface FakeConnection extends Http1Connection {
  id: number;
  reusable: boolean;
  parked: boolean;
  destroyed: Error | true | undefined;
  /** What the socket does when the server closes it. */
  serverCloses(): void;
}

const origin: Http1Origin = { key: 'http://o2:5080', isHttps: false, host: 'o2', port: 5080 };
let opened: FakeConnection[];

function createPool(maxSockets = 2) {
  return createHttp1ConnectionPool({
    maxSockets,
    idleMs: 4000,
    open(_, onIdleLost) {
      const connection: FakeConnection = {
        id: opened.length,
        reusable: true,
        parked: false,
        destroyed: undefined,
        exchange() {
          connection.parked = false;
        },
        park() {
          connection.parked = true;
        },
        destroy(reason) {
          connection.destroyed = reason ?? true;
        },
        serverCloses: onIdleLost,
      };
      opened.push(connection);
      return connection;
    },
  });
}

/** Acquires, returning what was granted (a connection, `undefined` once closed, or `'waiting'`). */
function take(pool: ReturnType<typeof createPool>) {
  const taken: { connection?: FakeConnection | undefined; granted: boolean; stop: () => void } = {
    granted: false,
    stop: () => {},
  };
  taken.stop = pool.acquire(origin, (connection) => {
    taken.granted = true;
    taken.connection = connection as FakeConnection | undefined;
  });
  return taken;
}

beforeEach(() => {
  opened = [];
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the keep-alive connection pool', () => {
  it('reuses an idle socket, parked meanwhile, and closes it once idle for 4 s', () => {
    const pool = createPool();
    const first = take(pool).connection!;
    pool.release(origin, first);
    expect(first.parked).toBe(true);
    vi.advanceTimersByTime(3999);
    expect(take(pool).connection).toBe(first);
    pool.release(origin, first);
    vi.advanceTimersByTime(4000);
    expect(first.destroyed).toBe(true);
    expect(take(pool).connection?.id).toBe(1);
  });

  it('never lends a socket idle for 4 s, even before the sweep closed it', () => {
    const pool = createPool();
    const first = take(pool).connection!;
    pool.release(origin, first);
    // Only the clock moves, no timer fires: the sweep has not run yet.
    vi.spyOn(performance, 'now').mockReturnValue(performance.now() + 4000);
    const next = take(pool).connection!;
    expect(next).not.toBe(first);
    expect(first.destroyed).toBe(true);
  });

  it('lends the most recently used idle socket, so the others age out when traffic falls', () => {
    const pool = createPool();
    const [a, b] = [take(pool).connection!, take(pool).connection!];
    pool.release(origin, a);
    pool.release(origin, b);
    expect(take(pool).connection).toBe(b);
  });

  it('forgets an idle socket the server closed, and opens a new one next', () => {
    const pool = createPool(1);
    const first = take(pool).connection!;
    pool.release(origin, first);
    first.serverCloses();
    expect(take(pool).connection?.id).toBe(1);
  });

  it('queues requests beyond maxSockets in order, and stops one from waiting', () => {
    const pool = createPool(2);
    const [a, b] = [take(pool), take(pool)];
    const [c, d, e] = [take(pool), take(pool), take(pool)];
    expect([c.granted, d.granted, e.granted]).toEqual([false, false, false]);
    d.stop();
    pool.release(origin, a.connection!);
    expect(c.connection).toBe(a.connection);
    // A socket that may not be reused is closed and its place goes to a new one for the next.
    b.connection!.reusable = false;
    pool.release(origin, b.connection!);
    expect(b.connection!.destroyed).toBe(true);
    expect([d.granted, e.connection?.id]).toEqual([false, 2]);
    expect(opened).toHaveLength(3);
  });

  it('replaces a failed socket in its own place, ahead of the queue', () => {
    const pool = createPool(1);
    const first = take(pool).connection!;
    const waiting = take(pool);
    const fresh = pool.replace(origin, first) as FakeConnection;
    expect([first.destroyed, fresh.id, waiting.granted]).toEqual([true, 1, false]);
    pool.discard(origin, fresh);
    expect(waiting.connection?.id).toBe(2);
  });

  it('on close, fails waiting requests and the exchanges in progress, and closes idle sockets', () => {
    const pool = createPool(1);
    const busy = take(pool).connection!;
    const waiting = take(pool);
    pool.close();
    expect(waiting).toMatchObject({ granted: true, connection: undefined });
    expect(busy.destroyed).toMatchObject({ message: 'the transport was closed' });
    expect(take(pool).connection?.id).toBe(1);
  });
});
