import { randomBytes } from 'node:crypto';
import { HttpError } from '../http/http-error.js';
import { sendJson } from '../http/send-response.js';
import { readBodyText } from '../ingest/read-json-request.js';
import type { RequestInfo, ServerContext } from '../server/server-context.js';
import {
  analyzeSearchSql,
  SqlNotValidError,
  STREAM_TYPES,
  type StreamType,
} from '../sql/analyze-search-sql.js';
import { histogramInterval } from '../sql/histogram-interval.js';
import {
  FullTextFieldNotFoundError,
  type ResolvedStream,
  rewriteSearchSql,
  StreamNotFoundError,
  TIME_RANGE_PARAMS,
} from '../sql/rewrite-search-sql.js';
import { DEFAULT_FTS_COLUMNS } from '../sql/search-macros.js';
import { SqlSyntaxError } from '../sql/tokenize-sql.js';
import type { StreamTable } from '../store/stream-table.js';
import { applyPlannerDefaults } from './apply-planner-defaults.js';
import { checkSearchSql } from './check-search-sql.js';
import { parseSearchRequest, type SearchRequest } from './parse-search-request.js';
import { DEFAULT_QUERY_LIMIT, resolveRowLimit } from './resolve-row-limit.js';
import { rewriteTrackTotalHits, TOTAL_HITS_COLUMN } from './rewrite-track-total-hits.js';
import { SearchError, SearchErrorCode, searchErrorFromDuckDb } from './search-error.js';
import { ClientGoneError, startSearchDeadline } from './start-search-deadline.js';
import { stripTrailingSemicolons } from './strip-trailing-semicolons.js';
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
  request.sql = stripTrailingSemicolons(request.sql);
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
  const requestType: StreamType = (STREAM_TYPES as readonly string[]).includes(typeParam)
    ? (typeParam as StreamType)
    : 'logs';

  // Syntax first, with DuckDB's parser: OpenObserve fails unparseable SQL while resolving stream
  // names, with a plain `Error#` body and no error code.
  try {
    await context.store.read((connection) => connection.extractStatements(request.sql), [], signal);
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw new HttpError(400, `Error# ${(error as Error).message}`);
  }
  try {
    request.sql = await context.store.read(
      (connection) =>
        request.trackTotalHits
          ? rewriteTrackTotalHits(connection, request.sql)
          : applyPlannerDefaults(connection, request.sql),
      [],
      signal,
    );
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw searchErrorFromDuckDb(error);
  }
  const streams: ResolvedStream[] = [];
  const tables: StreamTable[] = [];
  let sql: string;
  let hasLimit: boolean;
  try {
    const analysis = analyzeSearchSql(request.sql);
    hasLimit = analysis.hasLimit;
    sql = rewriteSearchSql(analysis, {
      autoHistogramInterval: histogramInterval(request.startTime, request.endTime),
      resolve(name, type) {
        const table = context.store.get(org, type ?? requestType, name);
        if (!table) return undefined;
        tables.push(table);
        const stream: ResolvedStream = {
          name,
          type: table.type,
          table: table.table,
          ftsColumns: DEFAULT_FTS_COLUMNS.filter((c) => table.columns.has(c)),
        };
        streams.push(stream);
        return stream;
      },
    });
  } catch (error) {
    throw toSearchError(error);
  }

  const size = request.size;
  const { limit, capped } = resolveRowLimit(size, hasLimit);
  const params: Record<string, number> = {
    [TIME_RANGE_PARAMS.start]: request.startTime,
    [TIME_RANGE_PARAMS.end]: request.endTime,
    zo_offset: request.from,
  };
  let wrapped = `SELECT * FROM (${sql}\n) AS zo_result`;
  if (limit !== undefined) {
    wrapped += ' LIMIT $zo_limit';
    params.zo_limit = capped ? limit + 1 : limit;
  }
  wrapped += ' OFFSET $zo_offset';

  // Only the org's streams, in the time range: see `checkSearchSql`.
  try {
    await context.store.read((connection) => checkSearchSql(connection, wrapped, streams), [], signal);
  } catch (error) {
    // A timeout or stop() during the check answers like one during the search itself.
    if (signal.aborted) throw signal.reason;
    throw error instanceof SearchError ? error : searchErrorFromDuckDb(error);
  }
  const searchStarted = performance.now();
  let rows: Record<string, unknown>[];
  try {
    rows = await context.store.read(
      async (connection) => {
        const reader = await connection.runAndReadAll(wrapped, params);
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
  if (capped && rows.length > DEFAULT_QUERY_LIMIT) {
    rows.length = DEFAULT_QUERY_LIMIT;
    // OpenObserve's handler clears this warning for the UI (`is_permissable_function_error`).
    const searchType = request.searchType ?? info.url.searchParams.get('search_type') ?? '';
    if (searchType.toLowerCase() !== 'ui') functionError.push(CAPPED_WARNING);
  }
  // OpenObserve writes rows with arrow-json's row writer, which leaves NULL columns out: a
  // record that never had a field comes back without the key, not with `null`.
  const hits = rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const key in row) {
      const value = toJsonValue(row[key]);
      if (value !== null) out[toOpenObserveColumnName(key)] = value;
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
    size: size ?? DEFAULT_QUERY_LIMIT,
    cached_ratio: 0,
    scan_size: 0,
    idx_scan_size: 0,
    // Rows held by the streams read (without the time filter): an upper bound, not a count.
    scan_records: streams.reduce((sum, s) => sum + (context.store.get(org, s.type, s.name)?.docNum ?? 0), 0),
    is_partial: false,
    result_cache_ratio: 0,
    trace_id: traceId,
    function_error: functionError,
  };
  let body: string;
  try {
    body = JSON.stringify(answer);
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

function toSearchError(error: unknown): unknown {
  if (error instanceof SqlNotValidError || error instanceof SqlSyntaxError) {
    return new SearchError(SearchErrorCode.SqlNotValid, 'Search SQL not valid', error.message);
  }
  if (error instanceof StreamNotFoundError) {
    return new SearchError(SearchErrorCode.StreamNotFound, error.message, '');
  }
  if (error instanceof FullTextFieldNotFoundError) {
    // Current OpenObserve refuses this while planning (`MatchVisitor`), as 20001; the older
    // 20003 (`FullTextSearchFieldNotFound`) is no longer reached.
    return new SearchError(
      SearchErrorCode.SqlNotValid,
      'Search SQL not valid',
      'match_all() should only apply to the stream that have full text search fields',
    );
  }
  return error;
}
