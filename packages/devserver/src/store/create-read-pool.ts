import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { SEARCH_MACROS } from '../sql/search-macros.js';

export interface ReadPool {
  /** Runs `task` on a connection that has the OpenObserve macros, waiting for a free one. */
  use<T>(task: (connection: DuckDBConnection) => Promise<T>): Promise<T>;
  close(): void;
}

/**
 * A few read connections, each with the search macros (macros are TEMP, so per connection). A
 * DuckDB connection runs one query at a time; the pool lets searches run side by side.
 */
export function createReadPool(instance: DuckDBInstance, size: number): ReadPool {
  const idle: DuckDBConnection[] = [];
  const all: DuckDBConnection[] = [];
  const waiting: Array<(connection: DuckDBConnection) => void> = [];
  let creating = 0;

  async function open(): Promise<DuckDBConnection> {
    const connection = await instance.connect();
    for (const macro of SEARCH_MACROS) await connection.run(macro);
    all.push(connection);
    return connection;
  }

  async function acquire(): Promise<DuckDBConnection> {
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
    return new Promise((resolve) => waiting.push(resolve));
  }

  function release(connection: DuckDBConnection): void {
    const next = waiting.shift();
    if (next) next(connection);
    else idle.push(connection);
  }

  return {
    async use(task) {
      const connection = await acquire();
      try {
        return await task(connection);
      } finally {
        release(connection);
      }
    },
    close() {
      for (const connection of all) connection.closeSync();
      all.length = 0;
      idle.length = 0;
    },
  };
}
