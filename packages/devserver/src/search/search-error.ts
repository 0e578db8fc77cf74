/** OpenObserve's coded search errors (`ErrorCodes` in `src/infra/src/errors/mod.rs`). */
export const SearchErrorCode = {
  SqlNotValid: 20001,
  StreamNotFound: 20002,
  FullTextFieldNotFound: 20003,
  FieldNotFound: 20004,
  FunctionNotDefined: 20005,
  SqlExecuteError: 20008,
  Cancelled: 20009,
  Timeout: 20010,
} as const;
export type SearchErrorCode = (typeof SearchErrorCode)[keyof typeof SearchErrorCode];

// OpenObserve's `map_error_to_http_response`: cancelled → 429, timeout → 408, the rest 400.
const STATUS_BY_CODE: Partial<Record<SearchErrorCode, number>> = {
  [SearchErrorCode.Cancelled]: 429,
  [SearchErrorCode.Timeout]: 408,
};

/**
 * A coded search error: answered 400 (408 for a timeout, 429 when cancelled) with `{code, message, error_detail, trace_id}` and the
 * `X-Error-Message` header carrying the code, like OpenObserve.
 */
export class SearchError extends Error {
  override name = 'SearchError';
  readonly code: SearchErrorCode;
  /** `error_detail` in the body (empty for some codes, as in OpenObserve). */
  readonly detail: string;
  /** HTTP status of the answer. */
  readonly status: number;
  constructor(code: SearchErrorCode, message: string, detail: string) {
    super(message);
    this.code = code;
    this.detail = detail;
    this.status = STATUS_BY_CODE[code] ?? 400;
  }
}

/** Maps a DuckDB error to the OpenObserve code a client would get for the same mistake. */
export function searchErrorFromDuckDb(error: unknown): SearchError {
  const text = error instanceof Error ? error.message : String(error);
  // A read interrupted by `stop()` (timeouts and disconnects are told apart by the caller).
  if (/^INTERRUPT Error/i.test(text))
    return new SearchError(SearchErrorCode.Cancelled, 'Search query was cancelled', text);
  if (/^Parser Error/i.test(text))
    return new SearchError(SearchErrorCode.SqlNotValid, 'Search SQL not valid', text);
  const column = /Referenced column "?(.+?)"? not found/i.exec(text);
  if (column) {
    return new SearchError(SearchErrorCode.FieldNotFound, `Search field not found: ${column[1]}`, '');
  }
  const func = /(?:Scalar|Aggregate|Table) Function with name "?([^\s"]+?)"? does not exist/i.exec(text);
  if (func) {
    return new SearchError(SearchErrorCode.FunctionNotDefined, `Search function not defined: ${func[1]}`, '');
  }
  const table = /Table with name "?(.+?)"? does not exist/i.exec(text);
  if (table) {
    return new SearchError(SearchErrorCode.StreamNotFound, `Search stream not found: ${table[1]}`, '');
  }
  return new SearchError(SearchErrorCode.SqlExecuteError, 'Search SQL execute error', text);
}
