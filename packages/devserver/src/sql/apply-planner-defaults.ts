import { hasTimestampColumn } from './has-timestamp-column.js';
import { isJsonObject, type JsonObject } from './json-object.js';
import type { SqlTemplates } from './load-sql-templates.js';

/**
 * OpenObserve's `AGGREGATE_UDF_LIST` (`config::utils::sql`): the names its complexity check
 * treats as aggregates. DuckDB's own aggregate names are added by the caller, because an
 * aggregate DuckDB knows but OpenObserve's list lacks would still fail an added ORDER BY.
 */
export const OPENOBSERVE_AGGREGATES: readonly string[] = [
  'min',
  'max',
  'avg',
  'sum',
  'count',
  'median',
  'array_agg',
  'percentile_cont',
  'summary_percentile',
  'first_value',
  'last_value',
  'approx_distinct',
  'approx_median',
  'approx_percentile_cont',
  'approx_percentile_cont_with_weight',
  'approx_topk',
  'approx_topk_distinct',
];

/**
 * What OpenObserve's planner adds to a simple query (`isSimpleQuery`, its `!is_complex`), done
 * on DuckDB's parse tree of the query (after its streams were resolved, see
 * `resolveStreamReferences`):
 *
 * - `_timestamp` as the first SELECT item when no item reads it and there is no `*`
 *   (`AddTimestampVisitor`, step 11 of `Sql::new` in `src/search/src/sql/mod.rs`), so
 *   `SELECT user_id FROM s` answers `{_timestamp, user_id}`;
 * - without ORDER BY, newest first: its `AddSortAndLimit` rule sorts by `_timestamp DESC` under
 *   the limit (before the query's own LIMIT). DuckDB would return rows in storage order (oldest
 *   first), so "the latest 10 events" would be the oldest ten.
 *
 * Both name the stream's `_timestamp` through its binding (`s._timestamp`), so a SELECT item
 * aliased `_timestamp` cannot stand in for it. Not for `track_total_hits`, whose count query
 * OpenObserve rewrites before this step.
 */
export function applyPlannerDefaults(
  node: JsonObject,
  aggregates: ReadonlySet<string>,
  templates: SqlTemplates,
): void {
  if (!isSimpleQuery(node, aggregates)) return;
  const binding = String((node.from_table as JsonObject).alias);
  const timestamp = () => {
    const column = structuredClone(templates.timestampColumn);
    column.column_names = [binding, '_timestamp'];
    return column;
  };
  if (!hasTimestampColumn(node)) (node.select_list as unknown[]).unshift(timestamp());
  const modifiers = node.modifiers as JsonObject[];
  if (modifiers.some((m) => m.type === 'ORDER_MODIFIER')) return;
  const order = structuredClone(templates.newestFirst);
  (order.orders as JsonObject[])[0]!.expression = timestamp();
  // DuckDB prints (and applies) modifiers in their order: the sort goes before LIMIT/OFFSET.
  const limitAt = modifiers.findIndex(
    (m) => m.type === 'LIMIT_MODIFIER' || m.type === 'LIMIT_PERCENT_MODIFIER',
  );
  modifiers.splice(limitAt === -1 ? modifiers.length : limitAt, 0, order);
}

/**
 * Whether a query is what OpenObserve calls a simple query (`is_complex_query_stmt`, and the
 * plan check of its `AddSortAndLimit` rule): one SELECT straight from one stream, with no WITH,
 * JOIN, subquery, UNION/EXCEPT/INTERSECT, GROUP BY, HAVING, DISTINCT, aggregate or window
 * function. `node` is the query's tree with its streams resolved (a stream is a `BASE_TABLE`).
 */
export function isSimpleQuery(node: unknown, aggregates: ReadonlySet<string>): node is JsonObject {
  if (!isJsonObject(node) || node.type !== 'SELECT_NODE') return false;
  const from = node.from_table;
  if (!isJsonObject(from) || from.type !== 'BASE_TABLE') return false;
  return !hasComplexPart(node, aggregates);
}

function hasComplexPart(value: unknown, aggregates: ReadonlySet<string>): boolean {
  if (Array.isArray(value)) return value.some((item) => hasComplexPart(item, aggregates));
  if (!isJsonObject(value)) return false;
  if (isComplexNode(value, aggregates)) return true;
  return Object.values(value).some((child) => hasComplexPart(child, aggregates));
}

function isComplexNode(node: JsonObject, aggregates: ReadonlySet<string>): boolean {
  if (node.type === 'SET_OPERATION_NODE' || node.type === 'RECURSIVE_CTE_NODE') return true;
  if (node.class === 'SUBQUERY' || node.class === 'WINDOW') return true;
  if (node.class === 'FUNCTION') {
    const name = String(node.function_name ?? '').toLowerCase();
    return aggregates.has(name) || isJsonObject(node.filter);
  }
  if (node.type === 'SELECT_NODE') {
    const cteMap = isJsonObject(node.cte_map) ? node.cte_map.map : undefined;
    const modifiers = Array.isArray(node.modifiers) ? node.modifiers : [];
    return (
      (Array.isArray(cteMap) && cteMap.length > 0) ||
      (Array.isArray(node.group_expressions) && node.group_expressions.length > 0) ||
      node.aggregate_handling !== 'STANDARD_HANDLING' ||
      node.having != null ||
      node.qualify != null ||
      modifiers.some((m) => isJsonObject(m) && m.type === 'DISTINCT_MODIFIER') ||
      (isJsonObject(node.from_table) && node.from_table.type !== 'BASE_TABLE')
    );
  }
  return false;
}
