import type { DuckDBConnection } from '@duckdb/node-api';

/** What `json_serialize_sql` answers: `error: true` and no statements when DuckDB cannot parse. */
export interface SqlParseTree {
  error?: boolean;
  error_message?: string;
  statements?: Array<{ node?: unknown }>;
}

/**
 * DuckDB's own parse tree of `sql` (`json_serialize_sql`), so that decisions about a search are
 * taken on what DuckDB will run, not on text patterns.
 */
export async function readSqlParseTree(connection: DuckDBConnection, sql: string): Promise<SqlParseTree> {
  const reader = await connection.runAndReadAll('SELECT json_serialize_sql(CAST($sql AS VARCHAR))', { sql });
  const text = reader.getRowsJS()[0]?.[0];
  return typeof text === 'string' ? (JSON.parse(text) as SqlParseTree) : {};
}

/** The node of a tree's only statement, or undefined when it has none or several. */
export function onlyStatementNode(tree: SqlParseTree): unknown {
  return tree.statements?.length === 1 ? tree.statements[0]?.node : undefined;
}
