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
  const where = user === undefined ? sql`` : sql`WHERE user_id = ${user}`;
  const rows = await search.all<Record<string, unknown>>(
    sql`SELECT event_type, count(*) AS events, count(DISTINCT session_id) AS unique_sessions,
        count(DISTINCT user_id) AS unique_users
      FROM ${sql.id(stream)} ${where}
      GROUP BY event_type
      ORDER BY events DESC, event_type`,
    range,
  );
  return rows.map((row) => ({
    eventType: textOf(row.event_type),
    count: numberOf(row.events),
    uniqueSessions: numberOf(row.unique_sessions),
    uniqueUsers: numberOf(row.unique_users),
  }));
}
