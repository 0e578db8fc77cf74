import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnList } from '../ingest/encoded-batch.js';
import { buildLoadSql } from './build-load-sql.js';
import type { StreamTable } from './stream-table.js';

/** Collects accepted rows per table and loads them into DuckDB in bulk. */
export interface BulkLoader {
  /**
   * Queues NDJSON rows of a table. Resolves at once, unless the table's backlog is beyond
   * `maxPendingRows`: then once these rows are loaded, so that a writer faster than DuckDB waits.
   */
  add(table: StreamTable, ndjson: string, rows: number, longestLine: number): Promise<void>;
  /** Queues a file in the directory holding a JSON array of rows (removed once loaded), like `add`. */
  addFile(table: StreamTable, file: string, rows: number): Promise<void>;
  /** Resolves once every row queued so far for these tables is loaded (or its load failed). */
  settle(tables: Iterable<StreamTable>): Promise<void>;
  /** Loads everything queued and removes the directory. */
  close(): Promise<void>;
}

export interface BulkLoaderOptions {
  /** A directory only this loader writes to; DuckDB must be allowed to read it. */
  directory: string;
  /** The write connection, shared with DDL. */
  connection: DuckDBConnection;
  /** Runs a task on the write connection after the DDL and loads queued before it. */
  exclusive: <T>(task: () => Promise<T>) => Promise<T>;
  /** Longest a queued row waits for its load when nobody reads. */
  loadIntervalMs: number;
  /** Queued rows that start a load at once. */
  loadRows: number;
  maxPendingRows: number;
  /** NDJSON for files of JSON arrays whose load failed, encoded against the table's columns. */
  encodeFilesAgain: (
    files: readonly string[],
    columns: ColumnList,
  ) => Promise<{ ndjson: string; longestLine: number }>;
}

interface TableLoad {
  table: StreamTable;
  chunks: string[];
  files: string[];
  rows: number;
  longestLine: number;
  /** Chunks queued so far / loaded so far: a waiter waits for `loaded` to reach its target. */
  queued: number;
  loaded: number;
  running: Promise<void> | undefined;
  timer: NodeJS.Timeout | undefined;
  waiters: Array<{ target: number; resolve: () => void }>;
}

/**
 * One `read_json` of a file costs the main thread almost nothing, where appending its rows took
 * a native call per value; DuckDB parses and inserts on its own threads. Rows wait in memory until `loadRows` are queued
 * or `loadIntervalMs` passed, then go to a file that one INSERT loads; one load per table runs
 * at a time, and what arrives meanwhile goes into the next, larger one.
 */
export function createBulkLoader(options: BulkLoaderOptions): BulkLoader {
  const loads = new Map<string, TableLoad>();
  let fileCount = 0;

  function loadOf(table: StreamTable): TableLoad {
    let load = loads.get(table.table);
    if (!load) {
      load = {
        table,
        chunks: [],
        files: [],
        rows: 0,
        longestLine: 0,
        queued: 0,
        loaded: 0,
        running: undefined,
        timer: undefined,
        waiters: [],
      };
      loads.set(table.table, load);
    }
    return load;
  }

  function start(load: TableLoad): void {
    if (load.timer) clearTimeout(load.timer);
    load.timer = undefined;
    if (load.running || load.queued === load.loaded) return;
    const { chunks, files, longestLine } = load;
    const target = load.queued;
    load.chunks = [];
    load.files = [];
    load.rows = 0;
    load.longestLine = 0;
    load.running = run(load.table, chunks, files, longestLine)
      .catch((error: unknown) => {
        // The rows were acknowledged already: nobody is left to tell but the console.
        console.error(
          `[shoptel-devserver] loading ${chunks.length + files.length} batches into ${load.table.table} failed:`,
          error,
        );
      })
      .finally(() => {
        load.running = undefined;
        load.loaded = target;
        const waiting = load.waiters;
        load.waiters = [];
        for (const waiter of waiting) {
          if (waiter.target <= target) waiter.resolve();
          else load.waiters.push(waiter);
        }
        if (load.rows >= options.loadRows || load.waiters.length > 0) start(load);
        else schedule(load);
      });
  }

  function schedule(load: TableLoad): void {
    if (load.timer || load.running || load.queued === load.loaded) return;
    load.timer = setTimeout(() => start(load), options.loadIntervalMs);
    load.timer.unref();
  }

  // Statements are built when the load runs, after any DDL queued before it: the columns are current.
  const load = (
    table: StreamTable,
    files: string[],
    format: 'newline_delimited' | 'array',
    longestLine: number,
  ) =>
    options.exclusive(() =>
      options.connection.run(buildLoadSql(table.table, table.columns, files, format, longestLine)),
    );

  async function run(
    table: StreamTable,
    chunks: string[],
    arrays: string[],
    longestLine: number,
  ): Promise<void> {
    const written = [...arrays];
    try {
      if (arrays.length > 0) {
        try {
          await load(table, arrays, 'array', 0);
        } catch {
          // One statement loads all or nothing: encoded again, every acknowledged row still goes in.
          const again = await options.encodeFilesAgain(arrays, [...table.columns]);
          chunks = [...chunks, again.ndjson];
          longestLine = Math.max(longestLine, again.longestLine);
        }
      }
      if (chunks.length > 0) {
        // Only a counter goes into the name: nothing a client sent reaches the path.
        const file = join(options.directory, `${++fileCount}.ndjson`);
        written.push(file);
        await writeFile(file, chunks);
        await load(table, [file], 'newline_delimited', longestLine);
      }
    } finally {
      await Promise.all(written.map((file) => rm(file, { force: true })));
    }
  }

  function waitFor(load: TableLoad): Promise<void> {
    if (load.loaded >= load.queued) return Promise.resolve();
    const target = load.queued;
    const done = new Promise<void>((resolve) => load.waiters.push({ target, resolve }));
    start(load);
    return done;
  }

  function queued(load: TableLoad, rows: number): Promise<void> {
    load.rows += rows;
    load.queued++;
    if (load.rows > options.maxPendingRows) return waitFor(load);
    if (load.rows >= options.loadRows) start(load);
    else schedule(load);
    return Promise.resolve();
  }

  return {
    add(table, ndjson, rows, longestLine) {
      const load = loadOf(table);
      load.chunks.push(ndjson);
      if (longestLine > load.longestLine) load.longestLine = longestLine;
      return queued(load, rows);
    },
    addFile(table, file, rows) {
      const load = loadOf(table);
      load.files.push(file);
      return queued(load, rows);
    },
    async settle(tables) {
      const waits: Promise<void>[] = [];
      for (const table of tables) {
        const load = loads.get(table.table);
        if (load) waits.push(waitFor(load));
      }
      await Promise.all(waits);
    },
    async close() {
      await Promise.all([...loads.values()].map(waitFor));
      await rm(options.directory, { recursive: true, force: true });
    },
  };
}
