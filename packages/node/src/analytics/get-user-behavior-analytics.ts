import { sql } from '@shoptel/core';
import type { BehaviorRow } from './analytics-types.js';
import { checkFilterText } from './check-filter-value.js';
import { type AnalyticsSearch, numberOf, textOf } from './create-analytics-search.js';
import type { TimeRange } from './resolve-time-range.js';

/** Events, distinct sessions and distinct users of `user_behavior` per `event_type`, largest first. */
export async function getUserBehaviorAnalytics(
  search: AnalyticsSearch,
  stream: string,
  range: TimeRange,
  userId?: string,
): Promise<BehaviorRow[]> {
  const user = checkFilterText(userId, 'userId');
  const rows = await search.all<Record<string, unknown>>(
    (f) => sql`SELECT ${f('event_type')} AS event_type_key, count(*) AS events,
        count(DISTINCT ${f('session_id')}) AS unique_sessions, count(DISTINCT ${f('user_id')}) AS unique_users
      FROM ${sql.id(stream)} ${user === undefined ? sql`` : sql`WHERE ${f('user_id')} = ${user}`}
      GROUP BY ${f('event_type')}
      ORDER BY events DESC, event_type_key`,
    range,
  );
  return rows.map((row) => ({
    eventType: textOf(row.event_type_key),
    count: numberOf(row.events),
    uniqueSessions: numberOf(row.unique_sessions),
    uniqueUsers: numberOf(row.unique_users),
  }));
}
