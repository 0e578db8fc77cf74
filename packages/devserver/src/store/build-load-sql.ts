import type { ColumnType } from './column-type.js';
import { quoteIdentifier } from './quote-identifier.js';
import { quoteStringLiteral } from './quote-string-literal.js';

// DuckDB's default `maximum_object_size`; a longer line needs a larger one or the load fails.
const DEFAULT_MAX_OBJECT_BYTES = 16 * 1024 * 1024;
const MAX_OBJECT_BYTES_LIMIT = 2 ** 32 - 1;

/**
 * The statement that loads files of rows into a stream table: NDJSON lines, or JSON arrays of
 * records (request bodies loaded as written). Every column is listed with its type, so DuckDB
 * neither samples the files nor infers a type; a key missing from a record is NULL and a key
 * that is no column is ignored. The table, the column names and the paths are all quoted.
 */
export function buildLoadSql(
  table: string,
  columns: ReadonlyMap<string, ColumnType>,
  files: readonly string[],
  format: 'newline_delimited' | 'array',
  longestLine: number,
): string {
  const struct = [...columns].map(([name, type]) => `${quoteStringLiteral(name)}: '${type}'`).join(', ');
  // A UTF-16 unit is at most 3 UTF-8 bytes.
  const maxObjectBytes = Math.min(
    MAX_OBJECT_BYTES_LIMIT,
    Math.max(DEFAULT_MAX_OBJECT_BYTES, longestLine * 3 + 2),
  );
  return `INSERT INTO ${quoteIdentifier(table)} BY NAME SELECT * FROM read_json([${files.map(quoteStringLiteral).join(', ')}], format = '${format}', maximum_object_size = ${maxObjectBytes}, columns = {${struct}})`;
}
