import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { SEARCH_MACROS } from '../sql/search-macros.js';

export interface ReadPool {
  /**
   * Runs `task` on a connection that has the OpenObserve macros, waiting for a free one. When
   * `signal` aborts, a task still waiting for a connection rejects with `signal.reason` and a
   * running one has its DuckDB query interrupted.
   */
  use<T>(task: (connection: DuckDBConnection) => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** For `stop()`: interrupts the reads running now and refuses waiting and new ones. */
  interrupt(): void;
  /** Interrupts running reads, refuses waiting and new ones, and closes the connections. */
  close(): Promise<void>;
}

/**
 * A few read connections, each with the search macros (macros are TEMP, so per connection). A
 * DuckDB connection runs one query at a time; the pool lets searches run side by side.
 */
const INTERRUPT_REPEAT_MS = 25;

/** Read as DuckDB's own interrupt, so a search refused at stop answers 429 / 20009 too. */
function stoppingError(): Error {
  return new Error('INTERRUPT Error: the devserver is stopping');
}

export function createReadPool(instance: DuckDBInstance, size: number): ReadPool {
  const idle: DuckDBConnection[] = [];
  const all: DuckDBConnection[] = [];
  const busy = new Set<DuckDBConnection>();
  const waiting: Array<(connection: DuckDBConnection | Error) => void> = [];
  let creating = 0;
  let closed = false;
  let refusing = false;
  let drained: (() => void) | undefined;

  async function open(): Promise<DuckDBConnection> {
    const connection = await instance.connect();
    for (const macro of SEARCH_MACROS) await connection.run(macro);
    all.push(connection);
    return connection;
  }

  async function acquire(signal: AbortSignal | undefined): Promise<DuckDBConnection> {
    const ready = idle.pop();
    if (ready) return ready;
    if (all.length + creating < size) {
      creating++;
      try {
        return await open();
      } finally {
        creating--;
      }
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const index = waiting.indexOf(waiter);
        if (index !== -1) waiting.splice(index, 1);
        reject(signal?.reason);
      };
      const waiter = (connection: DuckDBConnection | Error) => {
        signal?.removeEventListener('abort', onAbort);
        if (connection instanceof Error) reject(connection);
        else resolve(connection);
      };
      waiting.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  function release(connection: DuckDBConnection): void {
    busy.delete(connection);
    const next = closed ? undefined : waiting.shift();
    if (next) {
      busy.add(connection);
      next(connection);
    } else idle.push(connection);
    if (closed && busy.size === 0) drained?.();
  }

  return {
    async use(task, signal) {
      if (closed) throw new Error('store is closed');
      if (refusing) throw stoppingError();
      signal?.throwIfAborted();
      const connection = await acquire(signal);
      busy.add(connection);
      // Only while the task runs: an interrupt left pending could hit the next query. An
      // interrupt that lands before DuckDB has started the query does nothing, so it is repeated
      // until the task ends.
      let repeat: ReturnType<typeof setInterval> | undefined;
      const onAbort = () => {
        connection.interrupt();
        repeat = setInterval(() => connection.interrupt(), INTERRUPT_REPEAT_MS);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        signal?.throwIfAborted();
        return await task(connection);
      } finally {
        clearInterval(repeat);
        signal?.removeEventListener('abort', onAbort);
        release(connection);
      }
    },
    interrupt() {
      refusing = true;
      for (const waiter of waiting.splice(0)) waiter(stoppingError());
      for (const connection of busy) connection.interrupt();
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const waiter of waiting.splice(0)) waiter(new Error('store is closed'));
      for (const connection of busy) connection.interrupt();
      if (busy.size > 0) await new Promise<void>((resolve) => (drained = resolve));
      for (const connection of all) connection.closeSync();
      all.length = 0;
      idle.length = 0;
    },
  };
}
