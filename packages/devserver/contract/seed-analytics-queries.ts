/**
 * The seed's three LogAnalyticsService queries (design-sketch.zh.md §1.3), corrected per architecture.md's
 * "Defects in the seed sketch": stream names double-quoted and already normalised (`business-events` is
 * stored as `business_events`), the window on `_timestamp` in µs instead of a `timestamp` string, every
 * value a typed literal through the `sql` tag, and camelCase fields under the names OpenObserve stores
 * (`userId` → `userid`). The share is computed in floating point: COUNT(*)/COUNT(*) is integer division.
 */
import { identifier, joinSql, type SqlPart, sql, sqlPart } from './sql.js';

export interface AnalyticsScope {
  /** Normalised stream name, for example `business_events`. */
  stream: string;
  startUs: number;
  endUs: number;
}

export interface StatsFilters {
  level?: string;
  category?: string;
  service?: string;
}

function timeWindow({ startUs, endUs }: AnalyticsScope): SqlPart {
  return sqlPart`_timestamp >= ${startUs} AND _timestamp < ${endUs}`;
}

export function buildStatsQuery(scope: AnalyticsScope, filters: StatsFilters = {}): string {
  const conditions = [timeWindow(scope)];
  if (filters.level !== undefined) conditions.push(sqlPart`level = ${filters.level}`);
  if (filters.category !== undefined) conditions.push(sqlPart`category = ${filters.category}`);
  if (filters.service !== undefined) conditions.push(sqlPart`service = ${filters.service}`);
  return sql`SELECT level, category, COUNT(*) AS event_count, COUNT(DISTINCT userid) AS unique_users
    FROM ${identifier(scope.stream)}
    WHERE ${joinSql(conditions, ' AND ')}
    GROUP BY level, category
    ORDER BY event_count DESC, level ASC, category ASC`;
}

export function buildBehaviorAnalyticsQuery(scope: AnalyticsScope, userId?: string): string {
  const conditions = [timeWindow(scope)];
  if (userId !== undefined) conditions.push(sqlPart`userid = ${userId}`);
  return sql`SELECT eventtype, COUNT(*) AS event_count, COUNT(DISTINCT sessionid) AS unique_sessions,
      COUNT(DISTINCT userid) AS unique_users
    FROM ${identifier(scope.stream)}
    WHERE ${joinSql(conditions, ' AND ')}
    GROUP BY eventtype
    ORDER BY event_count DESC, eventtype ASC`;
}

/** Error groups whose share of all events in the window exceeds `minShare` (the seed's 5 %). */
export function buildAnomalyDetectionQuery(scope: AnalyticsScope, minShare = 0.05): string {
  const stream = identifier(scope.stream);
  const share = sqlPart`CAST(COUNT(*) AS DOUBLE) / (SELECT COUNT(*) FROM ${stream} WHERE ${timeWindow(scope)})`;
  return sql`SELECT level, category, action, COUNT(*) AS event_count, ${share} AS percentage
    FROM ${stream}
    WHERE ${timeWindow(scope)} AND level = ${'ERROR'}
    GROUP BY level, category, action
    HAVING ${share} > ${minShare}
    ORDER BY percentage DESC, category ASC, action ASC`;
}
