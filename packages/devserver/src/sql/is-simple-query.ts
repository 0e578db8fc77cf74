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

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether a query (the `node` of a `json_serialize_sql` statement) is what OpenObserve calls a
 * simple query (`is_complex_query_stmt`, and the plan check of its `AddSortAndLimit` rule): one
 * SELECT straight from one stream, with no WITH, JOIN, subquery, UNION/EXCEPT/INTERSECT, GROUP BY,
 * HAVING, DISTINCT, aggregate or window function. Only such a query gets OpenObserve's default
 * `ORDER BY _timestamp DESC`.
 */
export function isSimpleQuery(node: unknown, aggregates: ReadonlySet<string>): boolean {
  if (!isObject(node) || node.type !== 'SELECT_NODE') return false;
  const from = node.from_table;
  if (!isObject(from) || from.type !== 'BASE_TABLE') return false;
  return !hasComplexPart(node, aggregates);
}

/** Whether the outermost query has its own ORDER BY. */
export function hasOrderBy(node: unknown): boolean {
  return (
    isObject(node) &&
    Array.isArray(node.modifiers) &&
    node.modifiers.some((m) => isObject(m) && m.type === 'ORDER_MODIFIER')
  );
}

function hasComplexPart(value: unknown, aggregates: ReadonlySet<string>): boolean {
  if (Array.isArray(value)) return value.some((item) => hasComplexPart(item, aggregates));
  if (!isObject(value)) return false;
  if (isComplexNode(value, aggregates)) return true;
  return Object.values(value).some((child) => hasComplexPart(child, aggregates));
}

function isComplexNode(node: JsonObject, aggregates: ReadonlySet<string>): boolean {
  if (node.type === 'SET_OPERATION_NODE' || node.type === 'RECURSIVE_CTE_NODE') return true;
  if (node.class === 'SUBQUERY' || node.class === 'WINDOW') return true;
  if (node.class === 'FUNCTION') {
    const name = String(node.function_name ?? '').toLowerCase();
    return aggregates.has(name) || isObject(node.filter);
  }
  if (node.type === 'SELECT_NODE') {
    const cteMap = isObject(node.cte_map) ? node.cte_map.map : undefined;
    const modifiers = Array.isArray(node.modifiers) ? node.modifiers : [];
    return (
      (Array.isArray(cteMap) && cteMap.length > 0) ||
      (Array.isArray(node.group_expressions) && node.group_expressions.length > 0) ||
      node.aggregate_handling !== 'STANDARD_HANDLING' ||
      node.having != null ||
      node.qualify != null ||
      modifiers.some((m) => isObject(m) && m.type === 'DISTINCT_MODIFIER') ||
      (isObject(node.from_table) && node.from_table.type !== 'BASE_TABLE')
    );
  }
  return false;
}
