import { sql } from '@shoptel/core';
import { LogLevel } from '../logger/log-level.js';
import type { AnomalyOptions, AnomalyReport, ErrorRate } from './analytics-types.js';
import { AnalyticsValidationError } from './analytics-validation-error.js';
import { anomalySeverity } from './anomaly-severity.js';
import { type AnalyticsSearch, numberOf, ratio, textOf } from './create-analytics-search.js';
import { previousTimeRange, type TimeRange } from './resolve-time-range.js';

const DEFAULT_MIN_SHARE = 0.05;

/**
 * ERROR actions of `business_events` whose share of all events in the range exceeds `minShare`,
 * with the seed's severity tiers, and the error rate beside the previous range of equal length.
 *
 * The seed divided by a correlated sub-query; here the totals and the error counts per action
 * are separate aggregations sent together (one round trip), and the share is computed in Node.
 * Error actions are few, so their groups are small; they are paged all the same.
 */
export async function detectAnomalousPatterns(
  search: AnalyticsSearch,
  stream: string,
  range: TimeRange,
  options: AnomalyOptions = {},
): Promise<AnomalyReport> {
  if (typeof options !== 'object' || options === null) {
    throw new AnalyticsValidationError('options', 'must be an object { minShare? }');
  }
  const minShare = options.minShare ?? DEFAULT_MIN_SHARE;
  if (typeof minShare !== 'number' || !(minShare >= 0 && minShare < 1)) {
    throw new AnalyticsValidationError(
      'options.minShare',
      `must be a number from 0 to below 1; got ${String(minShare)}`,
    );
  }
  const table = sql.id(stream);
  const errorRate = async (r: TimeRange): Promise<ErrorRate> => {
    const rows = await search.page<Record<string, unknown>>(
      (
        f,
      ) => sql`SELECT count(*) AS events, sum(CASE WHEN ${f('level')} = ${LogLevel.ERROR} THEN 1 ELSE 0 END) AS errors
        FROM ${table}`,
      r,
      1,
    );
    const events = numberOf(rows[0]?.events);
    const errors = numberOf(rows[0]?.errors);
    return { range: r, events, errors, rate: ratio(errors, events) };
  };

  const [current, previous, groups] = await Promise.all([
    errorRate(range),
    errorRate(previousTimeRange(range)),
    search.all<Record<string, unknown>>(
      (f) => sql`SELECT ${f('category')} AS category_key, ${f('action')} AS action_key, count(*) AS errors
        FROM ${table}
        WHERE ${f('level')} = ${LogLevel.ERROR}
        GROUP BY ${f('category')}, ${f('action')}
        ORDER BY errors DESC, category_key, action_key`,
      range,
    ),
  ]);
  const anomalies = groups
    .map((row) => {
      const count = numberOf(row.errors);
      const share = ratio(count, current.events);
      return {
        level: LogLevel.ERROR,
        category: textOf(row.category_key),
        action: textOf(row.action_key),
        count,
        share,
        severity: anomalySeverity(share),
      };
    })
    .filter((anomaly) => anomaly.share > minShare);
  return { anomalies, current, previous, errorRateChange: current.rate - previous.rate };
}
