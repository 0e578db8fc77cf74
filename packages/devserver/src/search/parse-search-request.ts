import { HttpError } from '../http/http-error.js';

export interface SearchRequest {
  sql: string;
  startTime: number;
  endTime: number;
  from: number;
  size: number | undefined;
  /** `query.track_total_hits`: answer `count(*) AS zo_sql_num` instead of rows. */
  trackTotalHits: boolean;
  /** Top-level `search_type` (`ui`, `dashboards`, `alerts`, …); the URL's is used when absent. */
  searchType: string | undefined;
}

/**
 * Reads `{query:{sql,start_time,end_time,from,size,track_total_hits}}` with axum's rejections: invalid JSON →
 * 400, a missing or mistyped required field → 422 (plain text, like axum's `Json` extractor).
 * `encoding: "base64"` means `sql` is base64url.
 */
export function parseSearchRequest(text: string): SearchRequest {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, `Failed to parse the request body as JSON: ${(error as Error).message}`, {
      plain: true,
    });
  }
  const reject = (what: string) =>
    new HttpError(422, `Failed to deserialize the JSON body into the target type: ${what}`, { plain: true });
  if (body === null || typeof body !== 'object') throw reject('invalid type: expected struct Request');
  const query = (body as { query?: unknown }).query;
  if (query === undefined) throw reject('missing field `query`');
  if (query === null || typeof query !== 'object') throw reject('query: invalid type: expected struct Query');
  const q = query as Record<string, unknown>;
  if (q.sql === undefined) throw reject('query: missing field `sql`');
  if (typeof q.sql !== 'string') throw reject('query.sql: invalid type: expected a string');
  for (const field of ['start_time', 'end_time'] as const) {
    if (q[field] === undefined) throw reject(`query: missing field \`${field}\``);
    if (typeof q[field] !== 'number' || !Number.isInteger(q[field])) {
      throw reject(`query.${field}: invalid type: expected i64`);
    }
  }
  for (const field of ['from', 'size'] as const) {
    if (
      q[field] !== undefined &&
      q[field] !== null &&
      (typeof q[field] !== 'number' || !Number.isInteger(q[field]))
    ) {
      throw reject(`query.${field}: invalid type: expected i64`);
    }
  }
  if (q.track_total_hits !== undefined && typeof q.track_total_hits !== 'boolean') {
    throw reject('query.track_total_hits: invalid type: expected a boolean');
  }
  let sql = q.sql;
  if ((body as { encoding?: unknown }).encoding === 'base64')
    sql = Buffer.from(sql, 'base64url').toString('utf8');
  return {
    sql,
    startTime: q.start_time as number,
    endTime: q.end_time as number,
    from: Math.max(0, (q.from as number | undefined) ?? 0),
    size: (q.size as number | null | undefined) ?? undefined,
    trackTotalHits: q.track_total_hits === true,
    searchType:
      typeof (body as { search_type?: unknown }).search_type === 'string'
        ? (body as { search_type: string }).search_type
        : undefined,
  };
}
