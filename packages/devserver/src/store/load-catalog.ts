import type { DuckDBConnection } from '@duckdb/node-api';
import { columnTypeFromCatalog } from './column-type.js';
import { quoteIdentifier } from './quote-identifier.js';
import { createStreamTable, parseTableName, type StreamTable, tableNameFor } from './stream-table.js';

/**
 * Rebuilds the in-memory stream catalog from a DuckDB file at start-up: every table named by
 * `tableNameFor`, its columns, and its count and time range. Other tables (from older
 * devservers that kept an org's case in the name, which let `default` and `DEFAULT` share a
 * table) are left alone with a warning. After this, requests read the catalog from memory only.
 */
export async function loadCatalog(connection: DuckDBConnection): Promise<StreamTable[]> {
  const reader = await connection.runAndReadAll(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_catalog = current_database() AND table_schema = 'main' ORDER BY table_name, ordinal_position`,
  );
  const tables = new Map<string, StreamTable>();
  const ignored = new Set<string>();
  for (const [tableName, columnName, dataType] of reader.getRowsJS() as [string, string, string][]) {
    let table = tables.get(tableName);
    if (!table) {
      if (ignored.has(tableName)) continue;
      const parsed = parseTableName(tableName);
      if (!parsed || tableNameFor(parsed.org, parsed.type, parsed.stream) !== tableName) {
        ignored.add(tableName);
        continue;
      }
      table = createStreamTable(parsed.org, parsed.type, parsed.stream);
      table.exists = true;
      tables.set(tableName, table);
    }
    table.columns.set(columnName, columnTypeFromCatalog(dataType));
  }
  if (ignored.size > 0) {
    console.warn(
      `[shoptel-devserver] ignoring ${ignored.size} table(s) not named as this version names streams (org/type/stream, case-escaped): ${[...ignored].map(quoteIdentifier).join(', ')}`,
    );
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
