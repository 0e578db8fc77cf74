import { type SqlFragment, sql } from '@shoptel/core';
import { LogLevel } from '../logger/log-level.js';
import { LogCategory } from '../logger/log-types.js';
import type { LogStatsFilters, LogStatsRow } from './analytics-types.js';
import { AnalyticsValidationError } from './analytics-validation-error.js';
import { checkEnumValue, checkFilterText } from './check-filter-value.js';
import { type AnalyticsSearch, type FieldRef, numberOf, textOf } from './create-analytics-search.js';
import type { TimeRange } from './resolve-time-range.js';

const LEVELS = Object.values(LogLevel);
const CATEGORIES = Object.values(LogCategory);

/**
 * The seed's log statistics: events and distinct users of `business_events` per level and
 * category, largest first. Level and category must be enum values; the service goes through
 * the `sql` tag as a literal.
 */
export async function getLogStats(
  search: AnalyticsSearch,
  stream: string,
  range: TimeRange,
  filters: LogStatsFilters = {},
): Promise<LogStatsRow[]> {
  if (typeof filters !== 'object' || filters === null) {
    throw new AnalyticsValidationError('filters', 'must be an object { level?, category?, service? }');
  }
  const level = checkEnumValue(filters.level, LEVELS, 'filters.level');
  const category = checkEnumValue(filters.category, CATEGORIES, 'filters.category');
  const service = checkFilterText(filters.service, 'filters.service');

  const where = (f: FieldRef) => {
    const conditions: SqlFragment[] = [];
    if (level !== undefined) conditions.push(sql`${f('level')} = ${level}`);
    if (category !== undefined) conditions.push(sql`${f('category')} = ${category}`);
    if (service !== undefined) conditions.push(sql`${f('service')} = ${service}`);
    return conditions.length === 0 ? sql`` : sql`WHERE ${sql.join(conditions, sql` AND `)}`;
  };

  // At most 4 levels × 5 categories plus records without them: one page, but paged anyway.
  const rows = await search.all<Record<string, unknown>>(
    (f) => sql`SELECT ${f('level')} AS level_key, ${f('category')} AS category_key, count(*) AS events,
        count(DISTINCT ${f('user_id')}) AS unique_users
      FROM ${sql.id(stream)} ${where(f)}
      GROUP BY ${f('level')}, ${f('category')}
      ORDER BY events DESC, level_key, category_key`,
    range,
  );
  return rows.map((row) => ({
    level: textOf(row.level_key),
    category: textOf(row.category_key),
    count: numberOf(row.events),
    uniqueUsers: numberOf(row.unique_users),
  }));
}
