import { OpenObserveQueryError, type SearchClient, type SqlFragment, sql } from '@shoptel/core';
import type { TimeRange } from './resolve-time-range.js';

/** OpenObserve's "stream not found": nothing was ever written there, so there is nothing to count. */
const STREAM_NOT_FOUND = 20002;
/** OpenObserve's "field not found": no record of the stream ever had that field. */
const FIELD_NOT_FOUND = 20004;
/** How OpenObserve (and the devserver) name the field: `Search field not found: user_id`. */
const MISSING_FIELD = /field not found:\s*"?([A-Za-z0-9_]+)"?/i;

/** Rows per `_search` page: OpenObserve's default limit, served without special settings. */
export const ANALYTICS_PAGE_SIZE = 1000;

/** A stream field in a query: its quoted name, or `NULL` once the stream turned out not to have it. */
export type FieldRef = (name: string) => SqlFragment;

/**
 * A query written against {@link FieldRef}s, so it can be rebuilt without a field: a stream's
 * schema holds only fields some record has had, and a shop whose visitors are all anonymous has
 * no `user_id` column. A missing field is exactly a field that is NULL in every record, so the
 * rebuilt query answers what the full one would (no users, no rows `WHERE user_id = …`).
 */
export type QueryBuilder = (field: FieldRef) => SqlFragment;

/** How analytics reads: every query carries the range as `start_time`/`end_time`. */
export interface AnalyticsSearch {
  /**
   * Every row, page by page (`from`/`size`), for results that may exceed one page. The SQL must
   * order its rows totally, or rows can move between pages.
   */
  all<Row>(query: QueryBuilder | SqlFragment, range: TimeRange, maxRows?: number): Promise<Row[]>;
  /** One page: `size` rows from row `from` (0-based) of the result. */
  page<Row>(query: QueryBuilder | SqlFragment, range: TimeRange, size: number, from?: number): Promise<Row[]>;
}

/**
 * Wraps the core search client. A stream that does not exist yet answers no rows instead of
 * OpenObserve's 20002 (a shop that has not sent a purchase has zero purchases, not an error); a
 * field the stream has never had is replaced by `NULL` and the query sent again (20004, once per
 * field). Every other failure stays an `OpenObserveQueryError` (code, message, trace id).
 */
export function createAnalyticsSearch(client: SearchClient): AnalyticsSearch {
  async function withSchemaFallback<Row>(
    query: QueryBuilder | SqlFragment,
    run: (sqlText: SqlFragment) => Promise<Row[]>,
  ): Promise<Row[]> {
    const missing = new Set<string>();
    for (;;) {
      const used = new Set<string>();
      const field: FieldRef = (name) => {
        used.add(name);
        return missing.has(name) ? sql`NULL` : sql.id(name);
      };
      try {
        return await run(typeof query === 'function' ? query(field) : query);
      } catch (error) {
        if (!(error instanceof OpenObserveQueryError)) throw error;
        if (error.code === STREAM_NOT_FOUND) return [];
        const name =
          error.code === FIELD_NOT_FOUND ? MISSING_FIELD.exec(error.serverMessage)?.[1] : undefined;
        // Only a field this query asked for through `field()`, and each once: no endless loop.
        if (name === undefined || !used.has(name) || missing.has(name)) throw error;
        missing.add(name);
      }
    }
  }

  return {
    all: <Row>(query: QueryBuilder | SqlFragment, range: TimeRange, maxRows?: number) =>
      withSchemaFallback<Row>(query, async (text) => {
        const rows: Row[] = [];
        const request = { sql: text, start: range.start, end: range.end, pageSize: ANALYTICS_PAGE_SIZE };
        const pages = client.searchAll<Row>(maxRows === undefined ? request : { ...request, maxRows });
        for await (const row of pages) rows.push(row);
        return rows;
      }),
    page: <Row>(query: QueryBuilder | SqlFragment, range: TimeRange, size: number, from = 0) =>
      withSchemaFallback<Row>(query, async (text) => {
        const result = await client.search<Row>({
          sql: text,
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
