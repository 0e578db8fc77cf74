import type { DuckDBConnection } from '@duckdb/node-api';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The column OpenObserve counts into; `total` is read from it. */
export const TOTAL_HITS_COLUMN = 'zo_sql_num';

/**
 * `track_total_hits: true` makes OpenObserve answer a count instead of rows: its
 * `TrackTotalHitsVisitor` replaces the outermost SELECT list with `count(*) AS zo_sql_num` and
 * drops GROUP BY, HAVING and ORDER BY (WHERE and LIMIT stay), or, for SELECT DISTINCT and
 * UNION/EXCEPT/INTERSECT, counts the whole query as a subquery. `hits` is then
 * `[{"zo_sql_num": n}]` and `total` is n. The SELECT list is swapped in DuckDB's own parse tree
 * and printed back by `json_deserialize_sql`, so quoting and literals survive as DuckDB reads them.
 */
export async function rewriteTrackTotalHits(connection: DuckDBConnection, sql: string): Promise<string> {
  const wrapped = `SELECT count(*) AS ${TOTAL_HITS_COLUMN} FROM (\n${sql}\n)`;
  const reader = await connection.runAndReadAll(
    'SELECT json_serialize_sql(CAST($sql AS VARCHAR)), json_serialize_sql(CAST($count AS VARCHAR))',
    { sql, count: `SELECT count(*) AS ${TOTAL_HITS_COLUMN}` },
  );
  const [text, countText] = reader.getRowsJS()[0] ?? [];
  const tree = JSON.parse(String(text)) as { error?: boolean; statements?: Array<{ node?: unknown }> };
  const node = tree.statements?.[0]?.node;
  if (tree.error !== false || tree.statements?.length !== 1 || !isObject(node)) return wrapped;
  const modifiers = Array.isArray(node.modifiers) ? node.modifiers : [];
  if (node.type !== 'SELECT_NODE' || modifiers.some((m) => isObject(m) && m.type === 'DISTINCT_MODIFIER')) {
    return wrapped;
  }
  const countTree = JSON.parse(String(countText)) as { statements: Array<{ node: JsonObject }> };
  node.select_list = countTree.statements[0]?.node.select_list;
  node.group_expressions = [];
  node.group_sets = [];
  node.aggregate_handling = 'STANDARD_HANDLING';
  node.having = null;
  node.modifiers = modifiers.filter((m) => !(isObject(m) && m.type === 'ORDER_MODIFIER'));
  const printed = await connection.runAndReadAll('SELECT json_deserialize_sql(CAST($tree AS JSON))', {
    tree: JSON.stringify(tree),
  });
  return String(printed.getRowsJS()[0]?.[0]);
}
