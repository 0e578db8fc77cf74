/**
 * OpenObserve's search functions as DuckDB macros, created on every read connection. Macros are
 * expanded by DuckDB's binder, so they compose with the user's SQL like built-ins and need no
 * textual rewriting.
 *
 * - `histogram(ts, '5 minute')`: OpenObserve rewrites it to `date_bin` from 2001-01-01, a
 *   TIMESTAMP (so buckets under a second stay apart and sort as times); `toJsonValue` prints it
 *   as the JSON writer does, a zone-less UTC string (`2024-06-10T06:00:00`, `…:00.500`).
 * - `str_match` / `match_field` are case-sensitive "contains"; the `_ignore_case` forms are not.
 * - `approx_distinct` / `approx_median`: DataFusion aggregates in OpenObserve's
 *   `AGGREGATE_UDF_LIST`, as DuckDB's `approx_count_distinct` / `approx_quantile(x, 0.5)`.
 * - `o2_fts_match` is the per-column test `match_all` expands to (case-insensitive; `*` is a
 *   wildcard).
 */
export const SEARCH_MACROS: readonly string[] = [
  `CREATE OR REPLACE TEMP MACRO histogram(ts, iv) AS time_bucket(CAST(iv AS INTERVAL), make_timestamp(CAST(ts AS BIGINT)), TIMESTAMP '2001-01-01 00:00:00')`,
  `CREATE OR REPLACE TEMP MACRO str_match(haystack, needle) AS contains(CAST(haystack AS VARCHAR), CAST(needle AS VARCHAR))`,
  `CREATE OR REPLACE TEMP MACRO match_field(haystack, needle) AS contains(CAST(haystack AS VARCHAR), CAST(needle AS VARCHAR))`,
  `CREATE OR REPLACE TEMP MACRO str_match_ignore_case(haystack, needle) AS contains(lower(CAST(haystack AS VARCHAR)), lower(CAST(needle AS VARCHAR)))`,
  `CREATE OR REPLACE TEMP MACRO match_field_ignore_case(haystack, needle) AS contains(lower(CAST(haystack AS VARCHAR)), lower(CAST(needle AS VARCHAR)))`,
  `CREATE OR REPLACE TEMP MACRO re_match(haystack, pattern) AS regexp_matches(CAST(haystack AS VARCHAR), pattern)`,
  `CREATE OR REPLACE TEMP MACRO re_not_match(haystack, pattern) AS NOT regexp_matches(CAST(haystack AS VARCHAR), pattern)`,
  `CREATE OR REPLACE TEMP MACRO o2_fts_match(haystack, keyword) AS CASE WHEN contains(keyword, '*') THEN CAST(haystack AS VARCHAR) ILIKE '%' || replace(keyword, '*', '%') || '%' ELSE contains(lower(CAST(haystack AS VARCHAR)), lower(keyword)) END`,
  `CREATE OR REPLACE TEMP MACRO approx_percentile_cont(x, p) AS approx_quantile(x, p)`,
  `CREATE OR REPLACE TEMP MACRO approx_distinct(x) AS approx_count_distinct(x)`,
  `CREATE OR REPLACE TEMP MACRO approx_median(x) AS approx_quantile(x, 0.5)`,
  `CREATE OR REPLACE TEMP MACRO to_timestamp_micros(x) AS make_timestamp(CAST(x AS BIGINT))`,
];

/** The columns OpenObserve's `match_all` searches by default (`ZO_FEATURE_FULLTEXT_EXTRA_FIELDS` aside). */
export const DEFAULT_FTS_COLUMNS = [
  'log',
  'message',
  'msg',
  'content',
  'data',
  'body',
  'json',
  'error',
] as const;
