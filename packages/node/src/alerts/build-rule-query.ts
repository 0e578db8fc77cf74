import { isSqlFragment, type SearchRequest, type SqlFragment, sql } from '@shoptel/core';
import type { AlertRule } from './alert-types.js';
import { parseTimeWindow } from './parse-time-window.js';

/**
 * The `_search` request of one evaluation at slot `slotMs`: window
 * `[slot − timeWindow − queryOffset, slot − queryOffset]`. A metric-name condition becomes the
 * average of its samples' `value` (the seed's query, with the name quoted as an identifier and
 * the time range passed as `start`/`end` rather than pasted into the SQL).
 */
export function buildRuleQuery(rule: AlertRule, slotMs: number): SearchRequest {
  const offsetMs = rule.queryOffset === undefined ? 0 : parseTimeWindow(rule.queryOffset, 'queryOffset');
  const endMs = slotMs - offsetMs;
  const startMs = endMs - parseTimeWindow(rule.timeWindow);
  const query: SqlFragment = isSqlFragment(rule.condition)
    ? rule.condition
    : sql`SELECT avg(value) AS value FROM ${sql.id(rule.condition)}`;
  return {
    sql: query,
    start: startMs * 1000,
    end: endMs * 1000,
    searchType: 'alerts',
    streamType: rule.streamType ?? (isSqlFragment(rule.condition) ? 'logs' : 'metrics'),
  };
}
