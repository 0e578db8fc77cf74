import type { DuckDBConnection } from '@duckdb/node-api';
import { isJsonObject, type JsonObject } from './json-object.js';
import { onlyStatementNode, readSqlParseTrees } from './read-sql-parse-tree.js';

/** Named parameters the rewritten SQL expects: the request's time range in µs. */
export const TIME_RANGE_PARAMS = { start: 'zo_start_time', end: 'zo_end_time' } as const;
/** Named parameters of the page the answer is cut to: `size` (when it applies) and `from`. */
export const PAGE_PARAMS = { limit: 'zo_limit', offset: 'zo_offset' } as const;
/** The column `track_total_hits` counts into; `total` is read from it. */
export const TOTAL_HITS_COLUMN = 'zo_sql_num';

/**
 * Pieces of DuckDB parse trees the search rewriter puts into a query, parsed from SQL by DuckDB
 * itself (`json_serialize_sql`), so that they have exactly the shape its printer expects. Every
 * use takes a copy (`structuredClone`); placeholder names (`zo_table`, `zo_binding`, …) are
 * replaced by the user of the piece.
 */
export interface SqlTemplates {
  /** A CTE entry `zo_stream AS (SELECT * FROM zo_table WHERE _timestamp in the time range)`. */
  streamCte: JsonObject;
  /** `SELECT * FROM (SELECT 1) AS zo_result LIMIT $zo_limit OFFSET $zo_offset` (the node). */
  pageWithLimit: JsonObject;
  /** `SELECT * FROM (SELECT 1) AS zo_result OFFSET $zo_offset` (the node). */
  pageWithoutLimit: JsonObject;
  /** `SELECT count(*) AS zo_sql_num FROM (SELECT 1)` (the node). */
  countRows: JsonObject;
  /** The ORDER BY modifier `ORDER BY zo_binding._timestamp DESC`. */
  newestFirst: JsonObject;
  /** The column reference `zo_binding._timestamp`. */
  timestampColumn: JsonObject;
  /** `o2_fts_match(zo_column, 'zo_keyword')`. */
  ftsMatch: JsonObject;
  /** `a OR b` (a `CONJUNCTION_OR`; its children are replaced). */
  or: JsonObject;
  /** The text constant `'zo_text'`. */
  text: JsonObject;
}

const { start, end } = TIME_RANGE_PARAMS;
const { limit, offset } = PAGE_PARAMS;
const SOURCES = [
  `WITH zo_stream AS (SELECT * FROM zo_table WHERE _timestamp >= $${start} AND _timestamp < $${end}) SELECT 1`,
  `SELECT * FROM (SELECT 1) AS zo_result LIMIT $${limit} OFFSET $${offset}`,
  `SELECT * FROM (SELECT 1) AS zo_result OFFSET $${offset}`,
  `SELECT count(*) AS ${TOTAL_HITS_COLUMN} FROM (SELECT 1)`,
  `SELECT zo_binding._timestamp, o2_fts_match(zo_column, 'zo_keyword'), true OR false, 'zo_text' ORDER BY zo_binding._timestamp DESC`,
] as const;

// The templates depend only on DuckDB's version, fixed for the process.
let loaded: Promise<SqlTemplates> | undefined;

/** Parses the templates once per process. */
export function loadSqlTemplates(connection: DuckDBConnection): Promise<SqlTemplates> {
  loaded ??= readSqlParseTrees(connection, SOURCES)
    .then((trees) => {
      const [withCte, pageWithLimit, pageWithoutLimit, countRows, pieces] = trees.map((tree) => {
        const node = onlyStatementNode(tree);
        if (!isJsonObject(node))
          throw new Error(`DuckDB could not parse a search template: ${tree.error_message}`);
        return node;
      }) as [JsonObject, JsonObject, JsonObject, JsonObject, JsonObject];
      const [timestampColumn, ftsMatch, or, text] = pieces.select_list as JsonObject[];
      return {
        streamCte: (withCte.cte_map as { map: JsonObject[] }).map[0]!,
        pageWithLimit,
        pageWithoutLimit,
        countRows,
        newestFirst: (pieces.modifiers as JsonObject[])[0]!,
        timestampColumn: timestampColumn!,
        ftsMatch: ftsMatch!,
        or: or!,
        text: text!,
      };
    })
    .catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
  return loaded;
}
