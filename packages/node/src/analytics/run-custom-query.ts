import { isSqlFragment, type SqlFragment } from '@shoptel/core';
import { AnalyticsValidationError } from './analytics-validation-error.js';
import type { AnalyticsSearch } from './create-analytics-search.js';
import type { TimeRange } from './resolve-time-range.js';

export interface CustomQueryOptions {
  /** Stop after this many rows. @default all rows, page by page */
  maxRows?: number;
}

/**
 * Custom SQL built only with the `sql` tag: a plain string is refused, because a string cannot
 * show that its values were quoted. Name streams with `sql.id(...)`. Rows are read page by page;
 * give the query an `ORDER BY` that orders rows totally when it may exceed one page.
 */
export async function runCustomQuery<Row>(
  search: AnalyticsSearch,
  range: TimeRange,
  query: SqlFragment,
  options: CustomQueryOptions = {},
): Promise<Row[]> {
  if (!isSqlFragment(query)) {
    throw new AnalyticsValidationError(
      'query',
      'must be built with the sql tag (sql`SELECT … WHERE id = ` with values interpolated), not a string or a look-alike object',
    );
  }
  const { maxRows } = options;
  if (maxRows !== undefined && (!Number.isSafeInteger(maxRows) || maxRows < 0)) {
    throw new AnalyticsValidationError('options.maxRows', `must be an integer ≥ 0; got ${String(maxRows)}`);
  }
  return search.all<Row>(query, range, maxRows);
}
