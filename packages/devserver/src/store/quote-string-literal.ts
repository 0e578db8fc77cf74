/**
 * Quotes an SQL string literal for DuckDB: wrapped in `'` with embedded quotes doubled. File
 * paths and struct keys that reach SQL text go through here, never interpolated bare.
 */
export function quoteStringLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
