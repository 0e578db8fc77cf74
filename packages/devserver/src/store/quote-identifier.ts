/**
 * Quotes an SQL identifier for DuckDB: wrapped in `"` with embedded quotes doubled. Every table
 * and column name that reaches SQL text goes through here, so a stream or field name can never
 * close the quote and inject SQL.
 */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
