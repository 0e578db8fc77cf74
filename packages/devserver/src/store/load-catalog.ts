import type { DuckDBConnection } from '@duckdb/node-api';
import { STREAM_TYPES, type StreamType } from '../sql/analyze-search-sql.js';
import { columnTypeFromCatalog } from './column-type.js';
import { quoteIdentifier } from './quote-identifier.js';
import { createStreamTable, type StreamTable } from './stream-table.js';

/**
 * Rebuilds the in-memory stream catalog from a DuckDB file at start-up: every `org/type/stream`
 * table, its columns, and its count and time range. After this, requests read the catalog from
 * memory only.
 */
export async function loadCatalog(connection: DuckDBConnection): Promise<StreamTable[]> {
  const reader = await connection.runAndReadAll(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_catalog = current_database() AND table_schema = 'main' ORDER BY table_name, ordinal_position`,
  );
  const tables = new Map<string, StreamTable>();
  for (const [tableName, columnName, dataType] of reader.getRowsJS() as [string, string, string][]) {
    let table = tables.get(tableName);
    if (!table) {
      const [org, type, ...rest] = tableName.split('/');
      const name = rest.join('/');
      if (!org || !name || !(STREAM_TYPES as readonly string[]).includes(type ?? '')) continue;
      table = createStreamTable(org, type as StreamType, name);
      table.exists = true;
      tables.set(tableName, table);
    }
    table.columns.set(columnName, columnTypeFromCatalog(dataType));
  }
  for (const table of tables.values()) {
    const stats = await connection.runAndReadAll(
      `SELECT count(*), coalesce(min("_timestamp"), 0), coalesce(max("_timestamp"), 0) FROM ${quoteIdentifier(table.table)}`,
    );
    const [count, min, max] = stats.getRowsJS()[0] as [bigint, bigint, bigint];
    table.docNum = Number(count);
    table.minTimestampUs = Number(min);
    table.maxTimestampUs = Number(max);
    table.createdAtUs = table.minTimestampUs || table.createdAtUs;
  }
  return [...tables.values()];
}
