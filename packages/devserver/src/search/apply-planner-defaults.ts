import type { DuckDBConnection } from '@duckdb/node-api';
import { hasTimestampColumn } from '../sql/has-timestamp-column.js';
import { insertDefaultOrder } from '../sql/insert-default-order.js';
import { insertTimestampColumn } from '../sql/insert-timestamp-column.js';
import { hasOrderBy, isSimpleQuery, OPENOBSERVE_AGGREGATES } from '../sql/is-simple-query.js';
import { onlyStatementNode, readSqlParseTree } from '../sql/read-sql-parse-tree.js';
import { SEARCH_MACROS } from '../sql/search-macros.js';

// DuckDB's function catalogue is fixed for the process and takes tens of ms to list.
let aggregateNames: Promise<ReadonlySet<string>> | undefined;

/** Our macros shadow DuckDB functions of the same name (DuckDB's `histogram` is an aggregate). */
const MACRO_NAMES = new Set(SEARCH_MACROS.map((macro) => /MACRO (\w+)\(/.exec(macro)?.[1]));

/**
 * OpenObserve's aggregates, and DuckDB's that no macro of ours replaces: an aggregate only DuckDB
 * knows (`stddev`) would fail with an added `_timestamp` or ORDER BY (OpenObserve adds both, and
 * DataFusion refuses the query).
 */
function loadAggregateNames(connection: DuckDBConnection): Promise<ReadonlySet<string>> {
  aggregateNames ??= connection
    .runAndReadAll("SELECT DISTINCT function_name FROM duckdb_functions() WHERE function_type = 'aggregate'")
    .then((reader) => {
      const duckdb = reader.getRowsJS().map((row) => String(row[0]).toLowerCase());
      return new Set([...OPENOBSERVE_AGGREGATES, ...duckdb.filter((name) => !MACRO_NAMES.has(name))]);
    })
    .catch((error: unknown) => {
      aggregateNames = undefined;
      throw error;
    });
  return aggregateNames;
}

/**
 * What OpenObserve's planner adds to a simple query (`isSimpleQuery`, its `!is_complex`):
 *
 * - `_timestamp` as the first SELECT item when no item reads it and there is no `*`
 *   (`AddTimestampVisitor`, step 11 of `Sql::new`), so `SELECT user_id FROM s` answers
 *   `{_timestamp, user_id}`;
 * - without ORDER BY, newest first: its `AddSortAndLimit` rule sorts by `_timestamp DESC` under
 *   the limit. DuckDB would return rows in storage order (oldest first), so "the latest 10
 *   events" would be the oldest ten.
 *
 * Not for `track_total_hits`, whose count query OpenObserve rewrites before this step.
 */
export async function applyPlannerDefaults(connection: DuckDBConnection, sql: string): Promise<string> {
  const node = onlyStatementNode(await readSqlParseTree(connection, sql));
  if (node === undefined || !isSimpleQuery(node, await loadAggregateNames(connection))) return sql;
  const withTimestamp = hasTimestampColumn(node) ? sql : insertTimestampColumn(sql);
  return hasOrderBy(node) ? withTimestamp : insertDefaultOrder(withTimestamp);
}
