/** `ZO_QUERY_DEFAULT_LIMIT`. */
export const DEFAULT_QUERY_LIMIT = 1000;

export interface RowLimit {
  /** Rows to return at most; undefined leaves it to the SQL's own LIMIT. */
  limit: number | undefined;
  /** Whether the default cap applies, with its "results are capped" warning past it. */
  capped: boolean;
}

/**
 * How many rows a search answers. `size` > 0 wins. `size` 0/-1 takes the SQL's own LIMIT, or
 * OpenObserve's default cap with a warning (`is_default_query_limit_exceeded`: only a limit of 0
 * or less warns). An omitted `size` is serde's default, `ZO_QUERY_DEFAULT_LIMIT`: a plain limit
 * without a warning, or the SQL's own LIMIT when it has one.
 */
export function resolveRowLimit(size: number | undefined, sqlHasLimit: boolean): RowLimit {
  if (size !== undefined && size > 0) return { limit: size, capped: false };
  if (sqlHasLimit) return { limit: undefined, capped: false };
  return { limit: DEFAULT_QUERY_LIMIT, capped: size !== undefined };
}
