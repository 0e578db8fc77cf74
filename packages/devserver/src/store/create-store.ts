import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { encodeRawFiles } from '../ingest/encode-raw-files.js';
import type { ColumnList, EncodedBatch, FieldKinds } from '../ingest/encoded-batch.js';
import type { StreamType } from '../streams/stream-type.js';
import { ColumnType, inferColumnType, widenedType } from './column-type.js';
import { createBulkLoader } from './create-bulk-loader.js';
import { createReadPool } from './create-read-pool.js';
import { loadCatalog } from './load-catalog.js';
import { quoteIdentifier } from './quote-identifier.js';
import { quoteStringLiteral } from './quote-string-literal.js';
import { restrictFileAccess } from './restrict-file-access.js';
import { createStreamTable, type StreamTable, tableNameFor } from './stream-table.js';

/** What a write did: OpenObserve's counts for the records that reached the store. */
export interface WriteResult {
  successful: number;
  failed: number;
  lastError: string | undefined;
}

export interface Store {
  /**
   * Evolves the schema for a batch encoded against `columnsOf` and queues its rows for a bulk
   * load; resolves before they are loaded. If the columns changed since (another request to the
   * stream), the batch is encoded again by `encode` against the current ones. Writes to one
   * table are serialised.
   */
  write(
    org: string,
    type: StreamType,
    stream: string,
    batch: EncodedBatch,
    encode: (columns: ColumnList) => EncodedBatch | Promise<EncodedBatch>,
  ): Promise<WriteResult>;
  /** A stream's columns in table order (none for a new stream), to encode a batch against. */
  columnsOf(org: string, type: StreamType, stream: string): ColumnList;
  /** The stream's table, created (with `_timestamp` only) if it has none yet. */
  ensure(org: string, type: StreamType, stream: string): Promise<StreamTable>;
  /**
   * Deletes the stream's rows older than `cutoffUs` (once the rows written before are loaded) and
   * refreshes its count and time range; resolves with the rows deleted.
   */
  deleteOlderThan(table: StreamTable, cutoffUs: number): Promise<number>;
  /** Where ingest workers write bodies loaded as they are (`EncodedBatch.rawFile`). */
  readonly loadDirectory: string;
  /** Streams of an org (all types unless `type` is given), from memory. */
  list(org: string, type?: StreamType): StreamTable[];
  get(org: string, type: StreamType, stream: string): StreamTable | undefined;
  /** Every stream of every org. */
  all(): StreamTable[];
  /**
   * Runs a read once every row written so far to `tables` is loaded (all tables when omitted;
   * `[]` for a read that touches none).
   */
  read<T>(
    task: (connection: DuckDBConnection) => Promise<T>,
    tables?: readonly StreamTable[],
    signal?: AbortSignal,
  ): Promise<T>;
  /** Interrupts the searches running now (they fail with DuckDB's INTERRUPT error). */
  interruptReads(): void;
  /** Interrupts running reads, loads every queued row and closes the database. */
  close(): Promise<void>;
}

export interface StoreOptions {
  /** DuckDB file path, or undefined for an in-memory database. */
  path: string | undefined;
  /** How long written rows may wait for their load when nobody reads. @default 200 */
  loadIntervalMs?: number;
  /** Rows that start a load without waiting for the interval. @default 20000 */
  loadRows?: number;
  /** Rows of one table waiting for a load beyond which writes wait too. @default 200000 */
  maxPendingRows?: number;
  readConnections?: number;
  /** DuckDB's `memory_limit` (e.g. `'2GB'`); beyond it DuckDB spills to disk or fails the query. */
  memoryLimit?: string;
}

export const DEFAULT_LOAD_INTERVAL_MS = 200;
export const DEFAULT_LOAD_ROWS = 20_000;
export const DEFAULT_MAX_PENDING_ROWS = 200_000;
/** DuckDB's default is 80 % of RAM; a dev tool should leave the machine usable. */
export const DEFAULT_MEMORY_LIMIT = '2GB';

/**
 * DuckDB behind the devserver. Rows arrive checked and encoded as NDJSON (by the ingest workers)
 * and are loaded in bulk by `read_json` on DuckDB's threads (see `createBulkLoader`), because
 * appending them one native call per value kept the main thread busy for longer than parsing
 * them. The schema lives in memory; DDL and loads run on the write connection one at a time.
 */
export async function createStore(options: StoreOptions): Promise<Store> {
  const directory = await mkdtemp(join(tmpdir(), 'shoptel-devserver-'));
  let instance: DuckDBInstance;
  let writer: DuckDBConnection;
  try {
    instance = await DuckDBInstance.create(options.path ?? ':memory:');
    writer = await instance.connect();
    // Spilled data goes to our own directory (removed on stop), not `.tmp` in the working one.
    await writer.run(`SET temp_directory = ${quoteStringLiteral(join(directory, 'spill'))}`);
    await writer.run(`SET memory_limit = ${quoteStringLiteral(options.memoryLimit ?? DEFAULT_MEMORY_LIMIT)}`);
    await restrictFileAccess(writer, directory);
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  const reads = createReadPool(instance, options.readConnections ?? 3);
  const tables = new Map<string, StreamTable>();
  for (const table of await loadCatalog(writer)) tables.set(table.table, table);
  let writing: Promise<unknown> = Promise.resolve();
  let closed = false;

  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const next = writing.then(task);
    writing = next.catch(() => undefined);
    return next;
  };
  const loader = createBulkLoader({
    directory,
    connection: writer,
    exclusive,
    loadIntervalMs: options.loadIntervalMs ?? DEFAULT_LOAD_INTERVAL_MS,
    loadRows: options.loadRows ?? DEFAULT_LOAD_ROWS,
    maxPendingRows: options.maxPendingRows ?? DEFAULT_MAX_PENDING_ROWS,
    encodeFilesAgain: encodeRawFiles,
  });
  // The in-memory schema changes in the same task as the DDL, so a load queued after it sees both.
  const runDdl = (sql: string, apply: () => void) =>
    exclusive(async () => {
      await writer.run(sql);
      apply();
    });

  async function evolveSchema(table: StreamTable, fields: readonly FieldKinds[]): Promise<void> {
    const added: Array<[string, ColumnType]> = [];
    const widened: Array<[string, ColumnType]> = [];
    for (const field of fields) {
      const existing = table.columns.get(field.name);
      if (!existing) added.push([field.name, inferColumnType(field.kindsSeen)]);
      else {
        const wider = widenedType(existing, field.kindsSeen);
        if (wider) widened.push([field.name, wider]);
      }
    }
    if (table.exists && added.length === 0 && widened.length === 0) return;
    // Rows queued before this change load afterwards: adding a column or widening BIGINT to
    // DOUBLE keeps them valid.
    const name = quoteIdentifier(table.table);
    if (!table.exists) {
      const columns = [['_timestamp', ColumnType.BigInt] as const, ...added];
      await runDdl(
        `CREATE TABLE IF NOT EXISTS ${name} (${columns.map(([c, t]) => `${quoteIdentifier(c)} ${t}`).join(', ')})`,
        () => {
          table.exists = true;
          for (const [column, type] of columns) table.columns.set(column, type);
        },
      );
      return;
    }
    for (const [column, type] of added) {
      await runDdl(`ALTER TABLE ${name} ADD COLUMN IF NOT EXISTS ${quoteIdentifier(column)} ${type}`, () =>
        table.columns.set(column, type),
      );
    }
    for (const [column, type] of widened) {
      await runDdl(`ALTER TABLE ${name} ALTER COLUMN ${quoteIdentifier(column)} TYPE ${type}`, () =>
        table.columns.set(column, type),
      );
    }
  }

  async function writeNow(
    table: StreamTable,
    draft: EncodedBatch,
    encode: (columns: ColumnList) => EncodedBatch | Promise<EncodedBatch>,
  ): Promise<WriteResult> {
    await evolveSchema(table, draft.fields);
    // The evolved schema depends only on the fields' kinds, so a batch encoded again now matches.
    const batch = encodedFor(table, draft) ? draft : await encode([...table.columns]);
    if (batch !== draft && draft.rawFile) await rm(draft.rawFile, { force: true });
    if (!encodedFor(table, batch)) throw new Error(`schema of ${table.table} changed while writing`);
    if (batch.successful > 0) {
      if (table.docNum === 0 || batch.minTimestampUs < table.minTimestampUs)
        table.minTimestampUs = batch.minTimestampUs;
      if (batch.maxTimestampUs > table.maxTimestampUs) table.maxTimestampUs = batch.maxTimestampUs;
      table.docNum += batch.successful;
      await (batch.rawFile
        ? loader.addFile(table, batch.rawFile, batch.successful)
        : loader.add(table, batch.ndjson, batch.successful, batch.longestLine));
    }
    return { successful: batch.successful, failed: batch.failed, lastError: batch.lastError };
  }

  /** The stream's in-memory entry, made on first use. */
  function tableFor(org: string, type: StreamType, stream: string): StreamTable {
    const key = tableNameFor(org, type, stream);
    let table = tables.get(key);
    if (!table) {
      // DuckDB matches table names ignoring case: rows of a second stream landing in (or
      // failing to load into) another stream's table would be acknowledged and lost. The
      // naming rules this out; this keeps it loud should that ever break.
      const folded = key.toLowerCase();
      const clash = [...tables.keys()].find((name) => name.toLowerCase() === folded);
      if (clash !== undefined) throw new Error(`stream table ${key} would share DuckDB's table ${clash}`);
      table = createStreamTable(org, type, stream);
      tables.set(key, table);
    }
    return table;
  }

  /** Runs `task` in the table's write queue: writes, creation and deletes of one table in turn. */
  function queued<T>(table: StreamTable, task: () => Promise<T>): Promise<T> {
    const result = table.queue.then(task);
    table.queue = result.catch(() => undefined);
    return result;
  }

  /** `task` in the write queue of the stream's table; a closed store or a bad name rejects. */
  function queuedOnStream<T>(
    org: string,
    type: StreamType,
    stream: string,
    task: (target: StreamTable) => Promise<T>,
  ): Promise<T> {
    if (closed) return Promise.reject(new Error('store is closed'));
    let target: StreamTable;
    try {
      target = tableFor(org, type, stream);
    } catch (error) {
      return Promise.reject(error);
    }
    return queued(target, () => task(target));
  }

  return {
    loadDirectory: directory,
    write(org, type, stream, batch, encode) {
      return queuedOnStream(org, type, stream, (target) => writeNow(target, batch, encode));
    },
    ensure(org, type, stream) {
      return queuedOnStream(org, type, stream, async (target) => {
        await evolveSchema(target, []);
        return target;
      });
    },
    deleteOlderThan(table, cutoffUs) {
      if (closed) return Promise.reject(new Error('store is closed'));
      // In the table's write queue, after its earlier rows are loaded: the counts stay exact.
      return queued(table, async () => {
        await loader.settle([table]);
        return exclusive(async () => {
          const name = quoteIdentifier(table.table);
          const cutoff = Math.floor(cutoffUs);
          const deleted = await writer.runAndReadAll(`DELETE FROM ${name} WHERE "_timestamp" < ${cutoff}`);
          const stats = await writer.runAndReadAll(
            `SELECT count(*), coalesce(min("_timestamp"), 0), coalesce(max("_timestamp"), 0) FROM ${name}`,
          );
          const [count, min, max] = stats.getRowsJS()[0] as [bigint, bigint, bigint];
          table.docNum = Number(count);
          table.minTimestampUs = Number(min);
          table.maxTimestampUs = Number(max);
          return Number((deleted.getRowsJS()[0] as [bigint] | undefined)?.[0] ?? 0);
        });
      });
    },
    columnsOf(org, type, stream) {
      return [...(tables.get(tableNameFor(org, type, stream))?.columns ?? [])];
    },
    list(org, type) {
      return [...tables.values()].filter(
        (t) => t.exists && t.org === org && (type === undefined || t.type === type),
      );
    },
    all() {
      return [...tables.values()].filter((t) => t.exists);
    },
    get(org, type, stream) {
      const table = tables.get(tableNameFor(org, type, stream));
      return table?.exists ? table : undefined;
    },
    interruptReads() {
      reads.interrupt();
    },
    async read(task, touched, signal) {
      await loader.settle(touched ?? tables.values());
      return reads.use(task, signal);
    },
    async close() {
      if (closed) return;
      closed = true;
      // Running searches are interrupted at once; queued rows are still loaded.
      const readsClosed = reads.close();
      await Promise.all([...tables.values()].map((t) => t.queue));
      await loader.close();
      await writing;
      await readsClosed;
      if (options.path) await writer.run('CHECKPOINT');
      writer.closeSync();
      instance.closeSync();
    },
  };
}

/** Whether every field of the batch was encoded for the type its column has now. */
function encodedFor(table: StreamTable, batch: EncodedBatch): boolean {
  return batch.fields.every((field, i) => table.columns.get(field.name) === batch.types[i]);
}
