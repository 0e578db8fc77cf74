import type { DuckDBConnection } from '@duckdb/node-api';
import type { JsonObject } from './json-object.js';

/**
 * What `json_serialize_sql` answers: `error: true` with an `error_type` (`parser` for a syntax
 * error, `not implemented` for a statement that is not a SELECT) and no statements when DuckDB
 * cannot serialize it.
 */
export interface SqlParseTree {
  error?: boolean;
  error_type?: string;
  error_message?: string;
  statements?: Array<{ node?: unknown }>;
}

/**
 * `query_location` is where a node was in the text, or 2^64 − 1 for nodes DuckDB made itself,
 * which a JavaScript number cannot hold and DuckDB then refuses to read back. Locations only
 * serve error messages, and the property is optional, so it is dropped.
 */
function dropQueryLocation(key: string, value: unknown): unknown {
  return key === 'query_location' ? undefined : value;
}

/**
 * DuckDB's own parse tree of `sql` (`json_serialize_sql`), so that every decision about a search
 * and every rewrite of it is taken on what DuckDB will run, not on text patterns.
 */
export async function readSqlParseTree(connection: DuckDBConnection, sql: string): Promise<SqlParseTree> {
  const reader = await connection.runAndReadAll('SELECT json_serialize_sql(CAST($sql AS VARCHAR))', { sql });
  return parseTreeText(reader.getRowsJS()[0]?.[0]);
}

/** The trees of several statements in one call (the rewriter's templates). */
export async function readSqlParseTrees(
  connection: DuckDBConnection,
  sqls: readonly string[],
): Promise<SqlParseTree[]> {
  const columns = sqls.map((_, i) => `json_serialize_sql(CAST($s${i} AS VARCHAR))`).join(', ');
  const params = Object.fromEntries(sqls.map((sql, i) => [`s${i}`, sql]));
  const reader = await connection.runAndReadAll(`SELECT ${columns}`, params);
  return (reader.getRowsJS()[0] ?? []).map(parseTreeText);
}

/**
 * Prints a statement node back as SQL with DuckDB's own printer (`json_deserialize_sql`), and
 * parses what it printed again, so that checks run on exactly the text that will run.
 */
export async function printSqlParseTree(
  connection: DuckDBConnection,
  node: JsonObject,
): Promise<{ sql: string; tree: SqlParseTree }> {
  const reader = await connection.runAndReadAll(
    'SELECT printed, json_serialize_sql(printed) FROM (SELECT json_deserialize_sql(CAST($tree AS JSON)) AS printed)',
    { tree: JSON.stringify({ error: false, statements: [{ node, named_param_map: [] }] }) },
  );
  const [sql, text] = reader.getRowsJS()[0] ?? [];
  return { sql: String(sql), tree: parseTreeText(text) };
}

function parseTreeText(text: unknown): SqlParseTree {
  return typeof text === 'string' ? (JSON.parse(text, dropQueryLocation) as SqlParseTree) : {};
}

/** The node of a tree's only statement, or undefined when it has none or several. */
export function onlyStatementNode(tree: SqlParseTree): unknown {
  return tree.statements?.length === 1 ? tree.statements[0]?.node : undefined;
}
