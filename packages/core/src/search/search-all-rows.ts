import type { SearchAllRequest, SearchRequest, SearchResult } from './search-types.js';

/** OpenObserve's `ZO_QUERY_DEFAULT_LIMIT`: a page the server serves without a special setting. */
export const DEFAULT_SEARCH_PAGE_SIZE = 1000;

/**
 * Yields the rows of consecutive `from`/`size` pages until a page comes back short (the last
 * one), `maxRows` is reached or the loop stops. A short page rather than `total` ends the loop,
 * because `total` may count only what the server looked at so far.
 */
export async function* searchAllRows<Row>(
  search: (request: SearchRequest) => Promise<SearchResult<Row>>,
  request: SearchAllRequest,
): AsyncGenerator<Row, void, undefined> {
  const { pageSize = DEFAULT_SEARCH_PAGE_SIZE, maxRows, ...rest } = request;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) {
    throw new TypeError('searchAll: pageSize must be an integer ≥ 1');
  }
  if (maxRows !== undefined && (!Number.isSafeInteger(maxRows) || maxRows < 0)) {
    throw new TypeError('searchAll: maxRows must be an integer ≥ 0');
  }
  let from = 0;
  for (;;) {
    const wanted = maxRows === undefined ? pageSize : Math.min(pageSize, maxRows - from);
    if (wanted <= 0) return;
    const page = await search({ ...rest, from, size: wanted });
    for (const row of page.hits) yield row;
    if (page.hits.length < wanted) return;
    from += page.hits.length;
  }
}
