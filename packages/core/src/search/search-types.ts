import type { ShoptelConfig } from '../config/config-types.js';
import type { AbortSignalLike, Transport } from '../transport/transport.js';
import type { SqlFragment } from './sql-fragment.js';

/**
 * A search time: a `Date`, or a number of **microseconds** since the epoch (the unit of
 * `_timestamp` and of OpenObserve's `start_time`/`end_time`). Milliseconds such as
 * `Date.now()` are refused with a TypeError rather than silently read as 1970: pass
 * `Date.now() * 1000` or `new Date()`.
 */
export type SearchTime = Date | number;

/** `search_type` query parameter: which OpenObserve usage bucket the query is counted in. */
export type SearchType =
  | 'ui'
  | 'dashboards'
  | 'reports'
  | 'alerts'
  | 'values'
  | 'other'
  | 'rum'
  | 'derived_stream';

/** `type` query parameter: which kind of stream `FROM` names. */
export type SearchStreamType = 'logs' | 'metrics' | 'traces';

/** Minimal `AbortSignal` shape, so core needs no DOM types; a real `AbortSignal` fits. */
export type SearchAbortSignal = AbortSignalLike;

/** One `_search` call. */
export interface SearchRequest {
  /** The query; build it with the `sql` tag. A string is sent as-is and must not contain user input. */
  sql: SqlFragment | string;
  /** Start of the time range (inclusive), a Date or µs. OpenObserve requires it. */
  start: SearchTime;
  /** End of the time range, a Date or µs. OpenObserve requires it; must not be before `start`. */
  end: SearchTime;
  /** Rows to skip. @default 0 */
  from?: number;
  /**
   * Rows to return. Omitted: the server default (`ZO_QUERY_DEFAULT_LIMIT`, 1000). `0` or `-1`: the
   * SQL `LIMIT`, or 1000 with a warning in `functionErrors` when there is none.
   * @default undefined (server default)
   */
  size?: number;
  /** @default undefined (server default: `ui`) */
  searchType?: SearchType;
  /** @default undefined (server default: `logs`) */
  streamType?: SearchStreamType;
  /**
   * Stops waiting: `search` rejects with `signal.reason`. The transport seam cannot cancel a
   * request yet, so the HTTP request itself still runs until it ends or hits `timeoutMs`.
   */
  signal?: SearchAbortSignal;
}

/** {@link SearchClient.searchAll}: a search read page by page. */
export interface SearchAllRequest extends Omit<SearchRequest, 'from' | 'size'> {
  /** Rows per request. @default 1000 (OpenObserve's default limit) */
  pageSize?: number;
  /** Stop after this many rows in total. @default undefined (all rows) */
  maxRows?: number;
}

/** What `_search` answered, camelCased. */
export interface SearchResult<Row> {
  /** The rows. `Row` is what you expect, not checked: aggregations are keyed by the SQL aliases. */
  hits: Row[];
  /** Rows matched (may exceed `hits.length` when paging). */
  total: number;
  /** Server time spent, in ms. */
  took: number;
  from: number;
  size: number;
  /** Data scanned, in MB (per OpenObserve's docs). */
  scanSize: number;
  /** Warnings and function errors, e.g. "Warn: results are capped to meet default limit". */
  functionErrors: string[];
  /** True when the server returned only part of the result (a node or partition failed). */
  isPartial: boolean;
  /** OpenObserve's trace id of this search. */
  traceId?: string;
}

/** Connection settings a search client needs: a resolved {@link ShoptelConfig} fits. */
export type SearchClientConfig = Pick<ShoptelConfig, 'url' | 'organization' | 'auth' | 'timeoutMs'>;

export interface SearchClientOptions {
  /** How requests are made. @default createKyTransport() */
  transport?: Transport;
}

/** Runs SQL against OpenObserve's `POST /api/{org}/_search`. */
export interface SearchClient {
  /**
   * Runs one search. Rejects with an `OpenObserveQueryError` for every failure of the server or
   * the network, with a TypeError for invalid arguments, with `signal.reason` when aborted.
   *
   * @example
   * const { hits } = await client.search<{ n: number }>({
   *   sql: sql`SELECT count(*) AS n FROM ${sql.id('business_events')} WHERE user_id = ${userId}`,
   *   start: new Date(Date.now() - 3_600_000),
   *   end: new Date(),
   * });
   */
  search<Row = Record<string, unknown>>(request: SearchRequest): Promise<SearchResult<Row>>;
  /**
   * Every row of a search, fetched `pageSize` rows at a time with `from`/`size`; the next page is
   * requested only when the loop asks for it, and leaving the loop early stops paging. Paging is
   * stable only with an `ORDER BY` that makes the order total (e.g. `_timestamp DESC, event_id`):
   * rows arriving meanwhile can otherwise shift between pages. Errors are those of `search`.
   *
   * @example
   * for await (const row of client.searchAll<Order>({ sql: q, start, end, pageSize: 500 })) handle(row);
   */
  searchAll<Row = Record<string, unknown>>(request: SearchAllRequest): AsyncGenerator<Row, void, undefined>;
}
