import { randomBytes } from 'node:crypto';
import { HttpError } from '../http/http-error.js';
import { sendJson } from '../http/send-response.js';
import { readBodyText } from '../ingest/read-json-request.js';
import { stringifyJson } from '../json/stringify-json.js';
import type { RequestInfo, ServerContext } from '../server/server-context.js';
import { TOTAL_HITS_COLUMN } from '../sql/load-sql-templates.js';
import { isStreamType } from '../streams/stream-type.js';
import { buildSearchSql, type SearchPlan } from './build-search-sql.js';
import { parseSearchRequest, type SearchRequest } from './parse-search-request.js';
import { DEFAULT_QUERY_LIMIT } from './resolve-row-limit.js';
import { SearchError, SearchErrorCode, searchErrorFromDuckDb } from './search-error.js';
import { ClientGoneError, startSearchDeadline } from './start-search-deadline.js';
import { toJsonValue } from './to-json-value.js';
import { toOpenObserveColumnName } from './to-open-observe-column-name.js';

const CAPPED_WARNING = 'Warn: results are capped to meet default limit';

/** `POST /api/{org}/_search`. */
export async function handleSearch(context: ServerContext, info: RequestInfo, org: string): Promise<void> {
  const started = performance.now();
  const traceId = randomBytes(16).toString('hex');
  const contentType = info.request.headers['content-type'] ?? '';
  if (!/^application\/(.+\+)?json/i.test(contentType)) {
    throw new HttpError(415, 'Expected request with `Content-Type: application/json`', { plain: true });
  }
  const request = parseSearchRequest(await readBodyText(context, info));
  const deadline = startSearchDeadline(info, context.options.searchTimeoutMs);
  try {
    await runSearch(context, info, org, request, started, traceId, deadline.signal);
  } catch (error) {
    // The connection is gone: there is nobody to answer.
    if (!(error instanceof ClientGoneError)) throw error;
  } finally {
    deadline.stop();
  }
}

async function runSearch(
  context: ServerContext,
  info: RequestInfo,
  org: string,
  request: SearchRequest,
  started: number,
  traceId: string,
  signal: AbortSignal,
): Promise<void> {
  const typeParam = info.url.searchParams.get('type') ?? 'logs';
  const requestType = isStreamType(typeParam) ? typeParam : 'logs';
  let plan: SearchPlan;
  try {
    plan = await context.store.read(
      (connection) =>
        buildSearchSql(connection, request, (name, type) =>
          context.store.get(org, type ?? requestType, name),
        ),
      [],
      signal,
    );
  } catch (error) {
    // A timeout or stop() while planning answers like one during the search itself.
    if (signal.aborted) throw signal.reason;
    throw error instanceof SearchError || error instanceof HttpError ? error : searchErrorFromDuckDb(error);
  }
  const { tables, rowLimit } = plan;
  const searchStarted = performance.now();
  let rows: Record<string, unknown>[];
  try {
    rows = await context.store.read(
      async (connection) => {
        const reader = await connection.runAndReadAll(plan.sql, plan.params);
        return reader.getRowObjectsJS() as Record<string, unknown>[];
      },
      tables,
      signal,
    );
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw searchErrorFromDuckDb(error);
  }
  const functionError: string[] = [];
  if (rowLimit.capped && rows.length > DEFAULT_QUERY_LIMIT) {
    rows.length = DEFAULT_QUERY_LIMIT;
    // OpenObserve's handler clears this warning for the UI (`is_permissable_function_error`).
    const searchType = request.searchType ?? info.url.searchParams.get('search_type') ?? '';
    if (searchType.toLowerCase() !== 'ui') functionError.push(CAPPED_WARNING);
  }
  // OpenObserve writes rows with arrow-json's row writer, which leaves NULL columns out: a
  // record that never had a field comes back without the key, not with `null`.
  let hasBigInt = false;
  const hits = rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const key in row) {
      const value = toJsonValue(row[key]);
      if (value === null) continue;
      if (typeof value === 'bigint') hasBigInt = true;
      out[toOpenObserveColumnName(key)] = value;
    }
    return out;
  });
  const took = Math.round(performance.now() - started);
  const searchTook = Math.round(performance.now() - searchStarted);
  const answer = {
    took,
    took_detail: {
      total: took,
      cache_took: 0,
      file_list_took: 0,
      wait_in_queue: 0,
      idx_took: 0,
      search_took: searchTook,
    },
    hits,
    // OpenObserve reads `total` from the count `track_total_hits` asked for.
    total: request.trackTotalHits ? Number(hits[0]?.[TOTAL_HITS_COLUMN] ?? 0) : hits.length,
    from: request.from,
    size: request.size ?? DEFAULT_QUERY_LIMIT,
    cached_ratio: 0,
    scan_size: 0,
    idx_scan_size: 0,
    // Rows held by the streams read (without the time filter): an upper bound, not a count.
    scan_records: tables.reduce((sum, table) => sum + table.docNum, 0),
    is_partial: false,
    result_cache_ratio: 0,
    trace_id: traceId,
    function_error: functionError,
  };
  let body: string;
  try {
    body = stringifyJson(answer, hasBigInt);
  } catch (error) {
    // V8 strings end at ~512 MB: answer with a coded error rather than a 500.
    if (!(error instanceof RangeError)) throw error;
    throw new SearchError(
      SearchErrorCode.SqlExecuteError,
      'Search SQL execute error',
      `The result is too large to send as JSON (${hits.length} rows over ~512 MB); add a LIMIT, pass a smaller "size" or select fewer columns`,
    );
  }
  sendJson(info.response, 200, body);
}
