import type { DuckDBConnection } from '@duckdb/node-api';
import { readSqlParseTree } from '../sql/read-sql-parse-tree.js';
import { TIME_RANGE_PARAMS } from '../sql/rewrite-search-sql.js';
import { CONFIGURATION_FUNCTIONS, CONFIGURATION_VALUE_WORDS } from './configuration-functions.js';
import { SearchError, SearchErrorCode } from './search-error.js';

/** A stream CTE the rewriter injected: its name in the query and the table it reads. */
export interface InjectedStream {
  name: string;
  table: string;
}

/**
 * Table functions a search may call: they compute rows from their arguments and read nothing
 * else. Everything else (`query`, `query_table`, `read_*`, `glob`, `duckdb_*`, `pragma_*`,
 * `sniff_csv`, …) could reach other tables, the catalog or files.
 */
const ALLOWED_TABLE_FUNCTIONS = new Set(['range', 'generate_series', 'unnest']);

/** Table references that only combine other references or produce rows from expressions. */
const COMPOSITE_TABLE_REFS = new Set(['JOIN', 'SUBQUERY', 'EXPRESSION_LIST', 'EMPTY', 'EMPTY_FROM', 'PIVOT']);

/** Every `TableReferenceType` DuckDB serializes; one of these not handled above is refused. */
const TABLE_REF_TYPES = new Set([
  'INVALID',
  'BASE_TABLE',
  'TABLE_FUNCTION',
  'CTE',
  'SHOW_REF',
  'COLUMN_DATA',
  'DELIM_GET',
  'BOUND_TABLE_REF',
  ...COMPOSITE_TABLE_REFS,
]);

/**
 * Makes sure a search reads nothing but its org's streams within the time range, whatever the
 * SQL says. OpenObserve only ever lets a query see the org's streams, so the check is on the
 * statement DuckDB will run, parsed by DuckDB itself (`json_serialize_sql`): comments, quoting
 * and string literals cannot hide a table from it. Every table reference must name a CTE in
 * scope (the injected stream CTEs, or the query's own), unqualified; the only raw tables read
 * are those of the injected stream CTEs, whose bodies must be exactly the time-filtered read the
 * rewriter writes. Table functions other than a few row generators are refused.
 *
 * DuckDB has no per-connection permissions to fall back on (every connection sees every table),
 * so this walk is the boundary; it refuses node types it does not know.
 */
export async function checkSearchSql(
  connection: DuckDBConnection,
  sql: string,
  streams: readonly InjectedStream[],
): Promise<void> {
  const problem = findForbiddenReference(await readSqlParseTree(connection, sql), streams);
  if (problem) throw problem;
}

/** The first reason `tree` (a `json_serialize_sql` result) may not run as a search, if any. */
export function findForbiddenReference(
  tree: unknown,
  streams: readonly InjectedStream[],
): SearchError | undefined {
  if (!isObject(tree) || tree.error !== false || !Array.isArray(tree.statements)) {
    const detail = isObject(tree) && typeof tree.error_message === 'string' ? tree.error_message : '';
    return new SearchError(SearchErrorCode.SqlNotValid, 'Search SQL not valid', detail);
  }
  if (tree.statements.length !== 1) {
    return new SearchError(
      SearchErrorCode.SqlNotValid,
      'Search SQL not valid',
      'only one statement can be searched',
    );
  }
  try {
    visit(tree.statements, new Set(), streams);
    return undefined;
  } catch (error) {
    if (error instanceof SearchError) return error;
    throw error;
  }
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `visible`: lowercased names of the CTEs in scope (DuckDB matches them ignoring case). */
function visit(value: unknown, visible: ReadonlySet<string>, streams: readonly InjectedStream[]): void {
  if (Array.isArray(value)) {
    for (const item of value) visit(item, visible, streams);
    return;
  }
  if (!isObject(value)) return;
  if (isObject(value.cte_map)) {
    visitQueryNode(value, visible, streams);
    return;
  }
  if (typeof value.class !== 'string' && typeof value.type === 'string' && TABLE_REF_TYPES.has(value.type)) {
    checkTableRef(value, visible);
  }
  if (value.class === 'FUNCTION') checkFunction(value);
  if (value.class === 'COLUMN_REF') checkBareWord(value);
  for (const child of Object.values(value)) visit(child, visible, streams);
}

/**
 * A query node's CTEs are visible in its body and in the CTEs after them; a CTE's own name only
 * inside a recursive CTE (otherwise DuckDB binds it to the table of that name).
 */
function visitQueryNode(
  node: JsonObject,
  visible: ReadonlySet<string>,
  streams: readonly InjectedStream[],
): void {
  const cteMap = node.cte_map as JsonObject;
  const entries = Array.isArray(cteMap.map) ? cteMap.map : [];
  const scope = new Set(visible);
  for (const entry of entries) {
    if (!isObject(entry) || typeof entry.key !== 'string') throw notValid('unreadable WITH clause');
    const name = entry.key.toLowerCase();
    const body = isObject(entry.value) && isObject(entry.value.query) ? entry.value.query.node : undefined;
    if (isObject(body) && isInjectedStreamCte(entry.key, body, streams)) {
      // Its raw table is allowed; anything else in it is checked like the rest of the query.
      for (const [key, child] of Object.entries(body)) if (key !== 'from_table') visit(child, scope, streams);
    } else if (isObject(body) && body.type === 'RECURSIVE_CTE_NODE' && isObject(entry.value)) {
      // DuckDB binds the CTE's own name to the recursive working table only in the recursive
      // part (`right`); in the anchor part (`left`) the same name is the real table.
      const withSelf = new Set(scope);
      withSelf.add(name);
      for (const [key, child] of Object.entries(body))
        visit(child, key === 'right' ? withSelf : scope, streams);
      for (const [key, child] of Object.entries(entry.value))
        if (key !== 'query') visit(child, scope, streams);
    } else {
      visit(entry.value, scope, streams);
    }
    scope.add(name);
  }
  for (const [key, child] of Object.entries(node)) if (key !== 'cte_map') visit(child, scope, streams);
}

function checkTableRef(ref: JsonObject, visible: ReadonlySet<string>): void {
  const type = ref.type as string;
  if (COMPOSITE_TABLE_REFS.has(type)) return;
  if (type === 'BASE_TABLE') {
    const name = String(ref.table_name ?? '');
    const qualified = [ref.catalog_name, ref.schema_name, name].filter(
      (p) => typeof p === 'string' && p !== '',
    );
    if (qualified.length > 1 || !visible.has(name.toLowerCase())) {
      throw new SearchError(
        SearchErrorCode.StreamNotFound,
        `Search stream not found: ${qualified.join('.')}`,
        '',
      );
    }
    return;
  }
  if (type === 'TABLE_FUNCTION') {
    const fn = isObject(ref.function) ? ref.function : {};
    const name = String(fn.function_name ?? '');
    const qualified = [fn.catalog, fn.schema, name].filter((p) => typeof p === 'string' && p !== '');
    if (qualified.length > 1 || !ALLOWED_TABLE_FUNCTIONS.has(name.toLowerCase())) {
      throw new SearchError(
        SearchErrorCode.FunctionNotDefined,
        `Search function not defined: ${qualified.join('.')}`,
        '',
      );
    }
    return;
  }
  throw notValid(`${type} cannot be searched`);
}

/** Configuration and catalog functions, and any function named with a schema or catalog. */
function checkFunction(node: JsonObject): void {
  const name = String(node.function_name ?? '');
  const qualified = [node.catalog, node.schema, name].filter((p) => typeof p === 'string' && p !== '');
  if (qualified.length > 1 || CONFIGURATION_FUNCTIONS.has(name.toLowerCase())) {
    throw new SearchError(
      SearchErrorCode.FunctionNotDefined,
      `Search function not defined: ${qualified.join('.')}`,
      '',
    );
  }
}

function checkBareWord(node: JsonObject): void {
  const names = Array.isArray(node.column_names) ? node.column_names : [];
  const [name] = names;
  if (names.length === 1 && typeof name === 'string' && CONFIGURATION_VALUE_WORDS.has(name.toLowerCase())) {
    throw new SearchError(SearchErrorCode.FunctionNotDefined, `Search function not defined: ${name}`, '');
  }
}

function notValid(detail: string): SearchError {
  return new SearchError(SearchErrorCode.SqlNotValid, 'Search SQL not valid', detail);
}

/**
 * Whether a CTE is one `rewriteSearchSql` injected: named like a stream of the request and
 * reading exactly `SELECT * FROM "<its table>" WHERE _timestamp >= $start AND _timestamp < $end`.
 * Even if a query spelled this out itself, it would read no more than the injected CTE does. Only
 * its FROM is exempt from the walk.
 */
function isInjectedStreamCte(key: string, node: JsonObject, streams: readonly InjectedStream[]): boolean {
  const stream = streams.find((s) => s.name === key);
  if (!stream || node.type !== 'SELECT_NODE') return false;
  const from = node.from_table;
  const select = node.select_list;
  const cteMap = isObject(node.cte_map) ? node.cte_map.map : undefined;
  return (
    isObject(from) &&
    from.type === 'BASE_TABLE' &&
    from.table_name === stream.table &&
    from.schema_name === '' &&
    from.catalog_name === '' &&
    from.at_clause == null &&
    from.sample == null &&
    Array.isArray(select) &&
    select.length === 1 &&
    isObject(select[0]) &&
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
  if (!isObject(where) || where.type !== 'CONJUNCTION_AND' || !Array.isArray(where.children)) return false;
  const [lower, upper, ...rest] = where.children;
  return (
    rest.length === 0 &&
    isTimestampComparison(lower, 'COMPARE_GREATERTHANOREQUALTO', TIME_RANGE_PARAMS.start) &&
    isTimestampComparison(upper, 'COMPARE_LESSTHAN', TIME_RANGE_PARAMS.end)
  );
}

function isTimestampComparison(node: unknown, type: string, parameter: string): boolean {
  if (!isObject(node) || node.type !== type) return false;
  const { left, right } = node;
  return (
    isObject(left) &&
    left.class === 'COLUMN_REF' &&
    Array.isArray(left.column_names) &&
    left.column_names.length === 1 &&
    left.column_names[0] === '_timestamp' &&
    isObject(right) &&
    right.class === 'PARAMETER' &&
    right.identifier === parameter
  );
}
