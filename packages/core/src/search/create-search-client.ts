import { authorizationHeader } from '../config/authorization-header.js';
import { createCredentialRedactor } from '../config/create-credential-redactor.js';
import { createKyTransport } from '../transport/create-ky-transport.js';
import { TransportError, type TransportResponse } from '../transport/transport.js';
import { checkSearchClientConfig } from './check-search-client-config.js';
import { OpenObserveQueryError } from './openobserve-query-error.js';
import { parseSearchResponse } from './parse-search-response.js';
import { queryErrorFromResponse } from './query-error-from-response.js';
import { searchAllRows } from './search-all-rows.js';
import type {
  SearchAbortSignal,
  SearchAllRequest,
  SearchClient,
  SearchClientConfig,
  SearchClientOptions,
  SearchRequest,
  SearchResult,
} from './search-types.js';
import { type ResolvedSearchRequest, serializeSearchRequest } from './serialize-search-request.js';
import { isSqlFragment } from './sql-fragment.js';
import { toSearchMicroseconds } from './to-search-microseconds.js';

/**
 * A client for OpenObserve's `POST /api/{org}/_search`. Creating it does no I/O. Every failure of
 * `search()` is a rejection: an {@link OpenObserveQueryError} for the server or the network
 * (a transport timeout or reset is wrapped, with `code` `'timeout'`/`'network'` and the
 * `TransportError` as `cause`, so callers handle one error type), a TypeError for bad arguments.
 * Searches are not retried: the caller (an alert engine, a dashboard) knows whether a retry is
 * worth it, and `error.retryable` tells it when one may help.
 *
 * @example
 * const client = createSearchClient(resolveConfig({ url: 'http://localhost:5080' }));
 * const { hits } = await client.search<{ n: number }>({
 *   sql: sql`SELECT count(*) AS n FROM ${sql.id('business_events')} WHERE amount > ${100}`,
 *   start: new Date(Date.now() - 24 * 3_600_000),
 *   end: new Date(),
 * });
 */
export function createSearchClient(
  config: SearchClientConfig,
  options: SearchClientOptions = {},
): SearchClient {
  checkSearchClientConfig(config);
  const transport = options.transport ?? createKyTransport();
  const authorization = authorizationHeader(config.auth);
  const redactCredentials = createCredentialRedactor(config.auth);
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (authorization !== undefined) headers.Authorization = authorization;

  async function search<Row>(request: SearchRequest): Promise<SearchResult<Row>> {
    const resolved = resolveSearchRequest(request);
    const { url, body } = serializeSearchRequest(config.url, config.organization, resolved);
    throwIfAborted(request.signal);
    let response: TransportResponse;
    try {
      response = await untilAborted(
        transport.send({
          url,
          method: 'POST',
          headers: { ...headers },
          body,
          timeoutMs: config.timeoutMs,
          ...(request.signal === undefined ? {} : { signal: request.signal }),
        }),
        request.signal,
      );
    } catch (error) {
      if (error instanceof TransportError) {
        throw new OpenObserveQueryError({
          status: undefined,
          code: error.kind,
          serverMessage: error.message,
          sql: resolved.sql,
          cause: error,
        });
      }
      throw error;
    }
    if (response.status < 200 || response.status > 299) {
      // A proxy's error page may echo our Authorization header; the error ends up in logs.
      const shown = redactCredentials === undefined ? response : redactCredentials(response);
      throw queryErrorFromResponse(shown, resolved.sql);
    }
    const result = parseSearchResponse<Row>(response.body);
    if (result === undefined) {
      throw new OpenObserveQueryError({
        status: response.status,
        code: 'invalid-response',
        serverMessage: `expected a JSON search response with "hits", got: ${response.body.trim().slice(0, 200) || '(empty body)'}`,
        sql: resolved.sql,
      });
    }
    return result;
  }

  return {
    search,
    searchAll: <Row>(request: SearchAllRequest) => searchAllRows<Row>(search, request),
  };
}

/** Checks and converts the caller's request; TypeErrors name the field. */
function resolveSearchRequest(request: SearchRequest): ResolvedSearchRequest {
  if (typeof request !== 'object' || request === null)
    throw new TypeError('search: the request must be an object');
  const sql = isSqlFragment(request.sql) ? request.sql.text : request.sql;
  if (typeof sql !== 'string' || sql.trim() === '') {
    throw new TypeError('search: sql must be a non-empty string or a fragment from the sql tag');
  }
  if (request.start === undefined || request.end === undefined) {
    // OpenObserve answers 422 without them (and older servers silently searched nothing).
    throw new TypeError('search: start and end are required (a Date or µs)');
  }
  const startUs = toSearchMicroseconds(request.start, 'start');
  const endUs = toSearchMicroseconds(request.end, 'end');
  if (endUs < startUs) throw new RangeError(`search: end (${endUs} µs) is before start (${startUs} µs)`);
  const from = request.from ?? 0;
  if (!Number.isSafeInteger(from) || from < 0) throw new TypeError('search: from must be an integer ≥ 0');
  const size = request.size;
  if (size !== undefined && (!Number.isSafeInteger(size) || size < -1)) {
    throw new TypeError('search: size must be an integer ≥ -1 (0 and -1 mean the SQL LIMIT)');
  }
  return { sql, startUs, endUs, from, size, searchType: request.searchType, streamType: request.streamType };
}

function throwIfAborted(signal: SearchAbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}

/** Settles with `promise`, or rejects with the abort reason as soon as `signal` fires. */
function untilAborted<T>(promise: Promise<T>, signal: SearchAbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function abortReason(signal: SearchAbortSignal): unknown {
  if (signal.reason !== undefined) return signal.reason;
  const error = new Error('search aborted');
  error.name = 'AbortError';
  return error;
}
