import type { SearchResult } from './search-types.js';

/**
 * Reads a 2xx `_search` body into a {@link SearchResult}, snake_case to camelCase. Returns
 * `undefined` when the body is not a search response (no `hits` array), so the caller can report
 * it. Missing numbers fall back to what the hits say; `function_error` is an array since v0.15,
 * a lone string from older servers is wrapped.
 */
export function parseSearchResponse<Row>(body: string): SearchResult<Row> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const wire = parsed as Record<string, unknown>;
  if (!Array.isArray(wire.hits)) return undefined;
  const hits = wire.hits as Row[];
  const result: SearchResult<Row> = {
    hits,
    total: numberOr(wire.total, hits.length),
    took: numberOr(wire.took, 0),
    from: numberOr(wire.from, 0),
    size: numberOr(wire.size, hits.length),
    scanSize: numberOr(wire.scan_size, 0),
    functionErrors: functionErrors(wire.function_error),
    isPartial: wire.is_partial === true,
  };
  if (typeof wire.trace_id === 'string' && wire.trace_id !== '') result.traceId = wire.trace_id;
  return result;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function functionErrors(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is string => typeof item === 'string' && item !== '');
}
