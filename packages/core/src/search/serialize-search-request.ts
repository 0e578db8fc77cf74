import type { SearchStreamType, SearchType } from './search-types.js';

/** A search with every value checked and converted, camelCase: the input of the serializer. */
export interface ResolvedSearchRequest {
  sql: string;
  startUs: number;
  endUs: number;
  from: number;
  size: number | undefined;
  searchType: SearchType | undefined;
  streamType: SearchStreamType | undefined;
}

/**
 * The `_search` URL and JSON body for a resolved request: the one place where the search
 * request's camelCase becomes the wire's snake_case. `search_type` and `type` are query
 * parameters (the handler reads them from the query string, not from the body).
 */
export function serializeSearchRequest(
  baseUrl: string,
  organization: string,
  request: ResolvedSearchRequest,
): { url: string; body: string } {
  const params: string[] = [];
  if (request.streamType !== undefined) params.push(`type=${encodeURIComponent(request.streamType)}`);
  if (request.searchType !== undefined) params.push(`search_type=${encodeURIComponent(request.searchType)}`);
  const query = params.length > 0 ? `?${params.join('&')}` : '';
  const url = `${baseUrl.replace(/\/+$/, '')}/api/${encodeURIComponent(organization)}/_search${query}`;
  const body = JSON.stringify({
    query: {
      sql: request.sql,
      start_time: request.startUs,
      end_time: request.endUs,
      from: request.from,
      // Left out when undefined, so the server's ZO_QUERY_DEFAULT_LIMIT applies.
      size: request.size,
    },
  });
  return { url, body };
}
