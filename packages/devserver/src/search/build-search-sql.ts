import type { DuckDBConnection } from '@duckdb/node-api';
import { HttpError } from '../http/http-error.js';
import { applyPlannerDefaults } from '../sql/apply-planner-defaults.js';
import { expandSearchFunctions } from '../sql/expand-search-functions.js';
import { histogramInterval } from '../sql/histogram-interval.js';
import { isJsonObject, type JsonObject } from '../sql/json-object.js';
import { loadAggregateNames } from '../sql/load-aggregate-names.js';
import {
  loadSqlTemplates,
  PAGE_PARAMS,
  type SqlTemplates,
  TIME_RANGE_PARAMS,
} from '../sql/load-sql-templates.js';
import { onlyStatementNode, printSqlParseTree, readSqlParseTree } from '../sql/read-sql-parse-tree.js';
import { resolveStreamReferences, type StreamInQuery } from '../sql/resolve-stream-references.js';
import { rewriteTrackTotalHits } from '../sql/rewrite-track-total-hits.js';
import { DEFAULT_FTS_COLUMNS } from '../sql/search-macros.js';
import { SqlNotValidError, StreamNotFoundError } from '../sql/search-sql-errors.js';
import type { StreamTable } from '../store/stream-table.js';
import type { StreamType } from '../streams/stream-type.js';
import { findForbiddenReference } from './check-search-sql.js';
import type { SearchRequest } from './parse-search-request.js';
import { type RowLimit, resolveRowLimit } from './resolve-row-limit.js';
import { SearchError, SearchErrorCode } from './search-error.js';

/** A search ready to run: DuckDB SQL, its parameters and what it reads. */
export interface SearchPlan {
  sql: string;
  params: Record<string, number>;
  /** The streams it reads (their pending rows are loaded first). */
  tables: StreamTable[];
  rowLimit: RowLimit;
}

/**
 * Turns an OpenObserve search into the DuckDB statement that answers it, on DuckDB's own parse
 * tree from start to end (`json_serialize_sql` → edit → `json_deserialize_sql`), so that what
 * is rewritten is what DuckDB reads, whatever the quoting, comments or literals:
 *
 * 1. each stream becomes a CTE reading its table within the time range (`resolveStreamReferences`);
 * 2. `track_total_hits` counts (`rewriteTrackTotalHits`), or a simple query gets OpenObserve's
 *    `_timestamp` column and newest-first order (`applyPlannerDefaults`);
 * 3. `histogram(x)` gets its interval and `match_all` its columns (`expandSearchFunctions`);
 * 4. `size`/`from` cut the answer: `SELECT * FROM (…) LIMIT $zo_limit OFFSET $zo_offset`.
 *
 * The printed statement is parsed again and checked (`findForbiddenReference`) before it runs.
 */
export async function buildSearchSql(
  connection: DuckDBConnection,
  request: SearchRequest,
  resolve: (name: string, type: StreamType | undefined) => StreamTable | undefined,
): Promise<SearchPlan> {
  const tree = await readSqlParseTree(connection, request.sql);
  // OpenObserve fails unparseable SQL while resolving stream names: a plain `Error#`, no code.
  if (tree.error !== false && tree.error_type === 'parser')
    throw new HttpError(400, `Error# ${tree.error_message}`);
  if (tree.error !== false) throw notValid('only SELECT queries can be searched');
  if ((tree.statements?.length ?? 0) > 1) throw notValid('only one statement can be searched');
  const parsed = onlyStatementNode(tree);
  if (!isJsonObject(parsed)) throw notValid('empty SQL');
  const [templates, aggregates] = await Promise.all([
    loadSqlTemplates(connection),
    loadAggregateNames(connection),
  ]);

  const { node, streams } = rewriteQuery(parsed, request, resolve, templates, aggregates);
  const modifiers = Array.isArray(node.modifiers) ? (node.modifiers as JsonObject[]) : [];
  const hasLimit = modifiers.some((m) => m.type === 'LIMIT_MODIFIER' || m.type === 'LIMIT_PERCENT_MODIFIER');
  const rowLimit = resolveRowLimit(request.size, hasLimit);

  const page = structuredClone(
    rowLimit.limit === undefined ? templates.pageWithoutLimit : templates.pageWithLimit,
  );
  ((page.from_table as JsonObject).subquery as JsonObject).node = node;
  (page.cte_map as JsonObject).map = streams.map((s) => streamCte(templates, s));
  const printed = await printSqlParseTree(connection, page);
  const problem = findForbiddenReference(
    printed.tree,
    streams.map((s) => ({ name: s.cteName, table: s.stream.table })),
  );
  if (problem) throw problem;

  const params: Record<string, number> = { [PAGE_PARAMS.offset]: request.from };
  if (rowLimit.limit !== undefined)
    params[PAGE_PARAMS.limit] = rowLimit.capped ? rowLimit.limit + 1 : rowLimit.limit;
  if (streams.length > 0) {
    params[TIME_RANGE_PARAMS.start] = request.startTime;
    params[TIME_RANGE_PARAMS.end] = request.endTime;
  }
  return { sql: printed.sql, params, tables: streams.map((s) => s.stream), rowLimit };
}

/** Steps 1–3 on the query's node; returns the node to run (a count may wrap it). */
function rewriteQuery(
  parsed: JsonObject,
  request: SearchRequest,
  resolve: (name: string, type: StreamType | undefined) => StreamTable | undefined,
  templates: SqlTemplates,
  aggregates: ReadonlySet<string>,
): { node: JsonObject; streams: Array<StreamInQuery<StreamTable>> } {
  try {
    const { streams, referenceCount } = resolveStreamReferences(parsed, resolve);
    let node = parsed;
    if (request.trackTotalHits) node = rewriteTrackTotalHits(parsed, templates);
    else applyPlannerDefaults(parsed, aggregates, templates);
    const [only] = streams;
    // OpenObserve's `MatchVisitor` takes match_all only on one stream read straight (no JOIN,
    // subquery or CTE).
    const plainStream = only !== undefined && referenceCount === 1 && readsStreamStraight(node);
    expandSearchFunctions(node, {
      autoHistogramInterval: histogramInterval(request.startTime, request.endTime),
      matchAllColumns: plainStream
        ? DEFAULT_FTS_COLUMNS.filter((c) => only.stream.columns.has(c))
        : undefined,
      templates,
    });
    return { node, streams };
  } catch (error) {
    if (error instanceof StreamNotFoundError)
      throw new SearchError(SearchErrorCode.StreamNotFound, `Search stream not found: ${error.message}`, '');
    if (error instanceof SqlNotValidError || error instanceof TypeError) throw notValid(error.message);
    throw error;
  }
}

function readsStreamStraight(node: JsonObject): boolean {
  const cteMap = isJsonObject(node.cte_map) ? node.cte_map.map : undefined;
  return (
    node.type === 'SELECT_NODE' &&
    isJsonObject(node.from_table) &&
    node.from_table.type === 'BASE_TABLE' &&
    (!Array.isArray(cteMap) || cteMap.length === 0)
  );
}

/** The CTE that reads a stream's table within the time range. */
function streamCte(templates: SqlTemplates, { cteName, stream }: StreamInQuery<StreamTable>): JsonObject {
  const entry = structuredClone(templates.streamCte);
  entry.key = cteName;
  const body = ((entry.value as JsonObject).query as JsonObject).node as JsonObject;
  (body.from_table as JsonObject).table_name = stream.table;
  return entry;
}

function notValid(detail: string): SearchError {
  return new SearchError(SearchErrorCode.SqlNotValid, 'Search SQL not valid', detail);
}
