import { OpenObserveQueryError, type SearchClient, type SqlFragment } from '@shoptel/core';
import type { TimeRange } from './resolve-time-range.js';

/** OpenObserve's "stream not found": nothing was ever written there, so there is nothing to count. */
const STREAM_NOT_FOUND = 20002;
/** OpenObserve's "field not found": no record of the stream ever had that field. */
const FIELD_NOT_FOUND = 20004;

/** How a query treats a field no record has had yet. */
export interface ReadOptions {
  /**
   * True when every row needs the optional fields the query names (a purchase's `total_amount`):
   * then a stream without them has no such rows, and 20004 answers no rows.
   * @default false (20004 is an error: the query names a field it cannot do without)
   */
  emptyWhenFieldMissing?: boolean;
  /** Stop after this many rows. @default all */
  maxRows?: number;
}

/** Rows per `_search` page: OpenObserve's default limit, served without special settings. */
export const ANALYTICS_PAGE_SIZE = 1000;

/** How analytics methods read: every query carries the range as `start_time`/`end_time`. */
export interface AnalyticsSearch {
  /**
   * Every row of a query, page by page (`from`/`size`), for results that may exceed one page.
   * The SQL must order its rows totally, or rows can move between pages.
   */
  all<Row>(query: SqlFragment, range: TimeRange, options?: ReadOptions): Promise<Row[]>;
  /** One page: `size` rows from row `from` (0-based) of the query's result. */
  page<Row>(
    query: SqlFragment,
    range: TimeRange,
    size: number,
    from?: number,
    options?: ReadOptions,
  ): Promise<Row[]>;
}

/**
 * Wraps the core search client. A stream that does not exist yet answers no rows instead of
 * OpenObserve's 20002, because a shop that has not sent a purchase yet has zero purchases, not
 * an error; every other failure stays an `OpenObserveQueryError` (code, message, trace id).
 */
export function createAnalyticsSearch(client: SearchClient): AnalyticsSearch {
  async function orEmpty<Row>(options: ReadOptions, run: () => Promise<Row[]>): Promise<Row[]> {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof OpenObserveQueryError)) throw error;
      if (error.code === STREAM_NOT_FOUND) return [];
      if (error.code === FIELD_NOT_FOUND && options.emptyWhenFieldMissing === true) return [];
      throw error;
    }
  }

  return {
    all: <Row>(query: SqlFragment, range: TimeRange, options: ReadOptions = {}) =>
      orEmpty(options, async () => {
        const rows: Row[] = [];
        const request = { sql: query, start: range.start, end: range.end, pageSize: ANALYTICS_PAGE_SIZE };
        const { maxRows } = options;
        const pages = client.searchAll<Row>(maxRows === undefined ? request : { ...request, maxRows });
        for await (const row of pages) rows.push(row);
        return rows;
      }),
    page: <Row>(query: SqlFragment, range: TimeRange, size: number, from = 0, options: ReadOptions = {}) =>
      orEmpty(options, async () => {
        const result = await client.search<Row>({
          sql: query,
          start: range.start,
          end: range.end,
          from,
          size,
        });
        return result.hits;
      }),
  };
}

/** A count or sum from a hit: JSON numbers, with NULL columns left out of the hit. */
export function numberOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : 0;
  }
  return 0;
}

/** A text column of a hit, `null` when the record had none. */
export function textOf(value: unknown): string | null {
  return value === undefined || value === null ? null : String(value);
}

/** `part / whole`, 0 when there is no whole (no sessions means a rate of 0, not NaN). */
export function ratio(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}
