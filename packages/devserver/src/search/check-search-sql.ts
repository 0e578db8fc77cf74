import { isJsonObject, type JsonObject } from '../sql/json-object.js';
import { TIME_RANGE_PARAMS } from '../sql/load-sql-templates.js';
import type { SqlParseTree } from '../sql/read-sql-parse-tree.js';
import { COMPOSITE_TABLE_REFS, walkSqlTree } from '../sql/walk-sql-tree.js';
import { CONFIGURATION_FUNCTIONS, CONFIGURATION_VALUE_WORDS } from './configuration-functions.js';
import { SearchError, SearchErrorCode } from './search-error.js';

/** A stream CTE the rewriter injected: its name in the query and the table it reads. */
export interface InjectedStream {
  name: string;
  table: string;
}

/**
 * Makes sure a search reads nothing but its org's streams within the time range, whatever the
 * SQL says. OpenObserve only ever lets a query see the org's streams, so the check is on the
 * statement DuckDB will run, parsed by DuckDB itself (`json_serialize_sql` of the printed
 * rewrite): comments, quoting and string literals cannot hide a table from it. Every table
 * reference must name a CTE in scope (the injected stream CTEs, or the query's own),
 * unqualified; the only raw tables read are those of the injected stream CTEs, whose bodies must
 * be exactly the time-filtered read the rewriter writes. Table functions are refused (OpenObserve
 * takes their names for streams' names), and so are functions that report configuration.
 *
 * DuckDB has no per-connection permissions to fall back on (every connection sees every table),
 * so this walk is the boundary; it refuses table references of kinds it does not know.
 */
export function findForbiddenReference(
  tree: SqlParseTree,
  streams: readonly InjectedStream[],
): SearchError | undefined {
  if (tree.error !== false || !Array.isArray(tree.statements)) {
    return notValid(typeof tree.error_message === 'string' ? tree.error_message : '');
  }
  if (tree.statements.length !== 1) return notValid('only one statement can be searched');
  try {
    walkSqlTree(tree.statements, {
      tableRef: checkTableRef,
      expression: checkExpression,
      isTrustedCte: (name, body) => isInjectedStreamCte(name, body, streams),
    });
    return undefined;
  } catch (error) {
    if (error instanceof SearchError) return error;
    if (error instanceof TypeError) return notValid(error.message);
    throw error;
  }
}

function checkTableRef(ref: JsonObject, visible: ReadonlySet<string>): void {
  const type = ref.type as string;
  if (COMPOSITE_TABLE_REFS.has(type)) return;
  if (type === 'BASE_TABLE') {
    const name = String(ref.table_name ?? '');
    const qualified = qualifiedName(ref.catalog_name, ref.schema_name, name);
    if (qualified.includes('.') || !visible.has(name.toLowerCase())) throw streamNotFound(qualified);
    return;
  }
  if (type === 'TABLE_FUNCTION') {
    const fn = isJsonObject(ref.function) ? ref.function : {};
    throw streamNotFound(qualifiedName(fn.catalog, fn.schema, String(fn.function_name ?? '')));
  }
  throw notValid(`${type} cannot be searched`);
}

/**
 * Configuration and catalog functions, by name whatever their schema (DuckDB's printer writes
 * built-ins as `main.…`), and the bare words DuckDB reads as such a function.
 */
function checkExpression(node: JsonObject): void {
  if (node.class === 'FUNCTION') {
    const name = String(node.function_name ?? '');
    if (CONFIGURATION_FUNCTIONS.has(name.toLowerCase())) throw functionNotDefined(name);
  }
  if (node.class === 'COLUMN_REF' && Array.isArray(node.column_names) && node.column_names.length === 1) {
    const [name] = node.column_names;
    if (typeof name === 'string' && CONFIGURATION_VALUE_WORDS.has(name.toLowerCase())) {
      throw functionNotDefined(name);
    }
  }
}

function qualifiedName(...parts: unknown[]): string {
  return parts.filter((p) => typeof p === 'string' && p !== '').join('.');
}

function streamNotFound(name: string): SearchError {
  return new SearchError(SearchErrorCode.StreamNotFound, `Search stream not found: ${name}`, '');
}

function functionNotDefined(name: string): SearchError {
  return new SearchError(SearchErrorCode.FunctionNotDefined, `Search function not defined: ${name}`, '');
}

function notValid(detail: string): SearchError {
  return new SearchError(SearchErrorCode.SqlNotValid, 'Search SQL not valid', detail);
}

/**
 * Whether a CTE is one the rewriter injected: named like an injected stream CTE and reading
 * exactly `SELECT * FROM "<its table>" WHERE _timestamp >= $start AND _timestamp < $end`. Even if
 * a query spelled this out itself, it would read no more than the injected CTE does. Only its
 * FROM is exempt from the walk.
 */
function isInjectedStreamCte(key: string, node: JsonObject, streams: readonly InjectedStream[]): boolean {
  const stream = streams.find((s) => s.name === key);
  if (!stream || node.type !== 'SELECT_NODE') return false;
  const from = node.from_table;
  const select = node.select_list;
  const cteMap = isJsonObject(node.cte_map) ? node.cte_map.map : undefined;
  return (
    isJsonObject(from) &&
    from.type === 'BASE_TABLE' &&
    from.table_name === stream.table &&
    from.schema_name === '' &&
    from.catalog_name === '' &&
    from.at_clause == null &&
    from.sample == null &&
    Array.isArray(select) &&
    select.length === 1 &&
    isJsonObject(select[0]) &&
    select[0].class === 'STAR' &&
    select[0].expr == null &&
    Array.isArray(cteMap) &&
    cteMap.length === 0 &&
    isTimeFilter(node.where_clause) &&
    Array.isArray(node.group_expressions) &&
    node.group_expressions.length === 0 &&
    node.having == null &&
    node.qualify == null &&
    node.sample == null &&
    Array.isArray(node.modifiers) &&
    node.modifiers.length === 0
  );
}

function isTimeFilter(where: unknown): boolean {
  if (!isJsonObject(where) || where.type !== 'CONJUNCTION_AND' || !Array.isArray(where.children))
    return false;
  const [lower, upper, ...rest] = where.children;
  return (
    rest.length === 0 &&
    isTimestampComparison(lower, 'COMPARE_GREATERTHANOREQUALTO', TIME_RANGE_PARAMS.start) &&
    isTimestampComparison(upper, 'COMPARE_LESSTHAN', TIME_RANGE_PARAMS.end)
  );
}

function isTimestampComparison(node: unknown, type: string, parameter: string): boolean {
  if (!isJsonObject(node) || node.type !== type) return false;
  const { left, right } = node;
  return (
    isJsonObject(left) &&
    left.class === 'COLUMN_REF' &&
    Array.isArray(left.column_names) &&
    left.column_names.length === 1 &&
    left.column_names[0] === '_timestamp' &&
    isJsonObject(right) &&
    right.class === 'PARAMETER' &&
    right.identifier === parameter
  );
}
