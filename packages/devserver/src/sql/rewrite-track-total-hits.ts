import { isJsonObject, type JsonObject } from './json-object.js';
import type { SqlTemplates } from './load-sql-templates.js';

/**
 * `track_total_hits: true` makes OpenObserve answer a count instead of rows: its
 * `TrackTotalHitsVisitor` (`src/search/src/sql/rewriter/track_total_hits.rs`) replaces the
 * outermost SELECT list with `count(*) AS zo_sql_num` and drops GROUP BY, HAVING and ORDER BY
 * (WHERE and LIMIT stay), or, for SELECT DISTINCT and UNION/EXCEPT/INTERSECT, counts the whole
 * query as a subquery. `hits` is then `[{"zo_sql_num": n}]` and `total` is n. Returns the query
 * node to run instead of `node` (which it may edit).
 */
export function rewriteTrackTotalHits(node: JsonObject, templates: SqlTemplates): JsonObject {
  const modifiers = Array.isArray(node.modifiers) ? node.modifiers : [];
  const count = structuredClone(templates.countRows);
  if (
    node.type !== 'SELECT_NODE' ||
    modifiers.some((m) => isJsonObject(m) && m.type === 'DISTINCT_MODIFIER')
  ) {
    ((count.from_table as JsonObject).subquery as JsonObject).node = node;
    return count;
  }
  node.select_list = count.select_list;
  node.group_expressions = [];
  node.group_sets = [];
  node.aggregate_handling = 'STANDARD_HANDLING';
  node.having = null;
  node.modifiers = modifiers.filter((m) => !(isJsonObject(m) && m.type === 'ORDER_MODIFIER'));
  return node;
}
