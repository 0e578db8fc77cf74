/**
 * What went wrong, as a machine-readable code:
 * - a number: OpenObserve's code from the error body — `200xx` for search errors (20001 SQL not
 *   valid, 20002 stream not found, 20004 field not found, 20010 timeout, 20012 rate limit, …),
 *   10001 for an internal error — or the HTTP status when the body carries no code;
 * - `'timeout'` / `'network'`: no HTTP answer arrived (from the transport's `TransportError`);
 * - `'invalid-response'`: a 2xx answer that is not an OpenObserve search response (a proxy page).
 */
export type QueryErrorCode = number | 'timeout' | 'network' | 'invalid-response';

/** Fields of an {@link OpenObserveQueryError}. */
export interface QueryErrorDetails {
  /** HTTP status, `undefined` when no answer arrived. */
  status: number | undefined;
  code: QueryErrorCode;
  /** OpenObserve's `message`, or a plain-text body, or a description of the failure. */
  serverMessage: string;
  /** OpenObserve's `error_detail`: usually the parser or DataFusion error text. */
  errorDetail?: string | undefined;
  /** OpenObserve's `trace_id` for the failed search, to look up in its own traces. */
  traceId?: string | undefined;
  /** OpenObserve's `hint`, when it has one. */
  hint?: string | undefined;
  /** Field names OpenObserve suggests for code 20004 (field not found). */
  suggestions?: readonly string[] | undefined;
  /** The SQL that was sent. */
  sql: string;
  cause?: unknown;
}

/**
 * A search that OpenObserve refused or that never got an answer. One error type for every
 * failure of `search()`, so callers (alert rules, analytics) need one `instanceof` check and can
 * decide on {@link OpenObserveQueryError.retryable}.
 *
 * The message holds status, code, OpenObserve's message and detail; it never holds the request
 * headers, so no credential can leak through logs. `sql` is kept as a property, not in the
 * message, because values in it may be user data.
 *
 * @example
 * try {
 *   await client.search({ sql: q, start, end });
 * } catch (error) {
 *   if (error instanceof OpenObserveQueryError && error.code === 20002) createStream();
 * }
 */
export class OpenObserveQueryError extends Error {
  /** HTTP status, `undefined` when no answer arrived (`code` is then `'timeout'` or `'network'`). */
  readonly status: number | undefined;
  readonly code: QueryErrorCode;
  /** OpenObserve's own message, without the status and code prefix of `message`. */
  readonly serverMessage: string;
  readonly errorDetail: string | undefined;
  readonly traceId: string | undefined;
  readonly hint: string | undefined;
  readonly suggestions: readonly string[] | undefined;
  /** The SQL text that was sent. */
  readonly sql: string;

  constructor(details: QueryErrorDetails) {
    super(formatMessage(details), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'OpenObserveQueryError';
    this.status = details.status;
    this.code = details.code;
    this.serverMessage = details.serverMessage;
    this.errorDetail = details.errorDetail;
    this.traceId = details.traceId;
    this.hint = details.hint;
    this.suggestions = details.suggestions;
    this.sql = details.sql;
  }

  /**
   * True when the same search may succeed later: no answer, 408, 429, 5xx, or OpenObserve's
   * cancelled / timeout / rate-limit codes (20009, 20010, 20012).
   */
  get retryable(): boolean {
    if (this.code === 'timeout' || this.code === 'network') return true;
    if (this.code === 20009 || this.code === 20010 || this.code === 20012) return true;
    const status = this.status;
    return status === 408 || status === 429 || (status !== undefined && status >= 500);
  }
}

function formatMessage(details: QueryErrorDetails): string {
  const where = details.status === undefined ? 'no response' : `HTTP ${details.status}`;
  const code = details.code === details.status ? '' : `, code ${details.code}`;
  let text = `OpenObserve search failed (${where}${code}): ${details.serverMessage}`;
  if (details.errorDetail && details.errorDetail !== details.serverMessage)
    text += ` — ${details.errorDetail}`;
  if (details.hint) text += ` (hint: ${details.hint})`;
  if (details.traceId) text += ` [trace_id ${details.traceId}]`;
  return text;
}
