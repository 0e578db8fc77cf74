import { sql } from '@shoptel/core';
import { BehaviorEventType } from '../behavior/behavior-types.js';
import type { ConversionFunnel, FunnelStep, RevenueRow } from './analytics-types.js';
import { type AnalyticsSearch, numberOf, ratio, textOf } from './create-analytics-search.js';
import type { TimeRange } from './resolve-time-range.js';

const { PRODUCT_VIEW, CART_ADD, CHECKOUT, PURCHASE } = BehaviorEventType;

/**
 * Sessions through product view → cart add → checkout → purchase. A session counts at a step
 * when it did that step and every step before it within the range (order inside the session is
 * not checked: a purchase logged before its product view is the same session's purchase). One
 * grouped query answers all four steps; the server returns one row, never the events.
 */
export async function getConversionFunnel(
  search: AnalyticsSearch,
  stream: string,
  range: TimeRange,
): Promise<ConversionFunnel> {
  const flag = (type: string) => sql`max(CASE WHEN event_type = ${type} THEN 1 ELSE 0 END)`;
  const funnelQuery = sql`SELECT sum(v) AS viewed, sum(v * c) AS carted, sum(v * c * k) AS checked_out,
      sum(v * c * k * p) AS purchased
    FROM (SELECT session_id, ${flag(PRODUCT_VIEW)} AS v, ${flag(CART_ADD)} AS c, ${flag(CHECKOUT)} AS k,
        ${flag(PURCHASE)} AS p
      FROM ${sql.id(stream)}
      WHERE session_id IS NOT NULL AND event_type IN ${[PRODUCT_VIEW, CART_ADD, CHECKOUT, PURCHASE]}
      GROUP BY session_id) AS sessions`;
  // count(total_amount) skips purchases without an amount, so they do not lower the average.
  const revenueQuery = sql`SELECT currency, count(total_amount) AS orders, sum(total_amount) AS revenue
    FROM ${sql.id(stream)}
    WHERE event_type = ${PURCHASE} AND total_amount IS NOT NULL
    GROUP BY currency
    ORDER BY revenue DESC, currency`;

  const [funnelRows, revenueRows] = await Promise.all([
    search.page<Record<string, unknown>>(funnelQuery, range, 1),
    search.all<Record<string, unknown>>(revenueQuery, range, { emptyWhenFieldMissing: true }),
  ]);
  const row = funnelRows[0] ?? {};
  const counts = [row.viewed, row.carted, row.checked_out, row.purchased].map(numberOf);
  const names: FunnelStep['step'][] = ['product_view', 'cart_add', 'checkout', 'purchase'];
  const steps = names.map((step, i) => ({
    step,
    sessions: counts[i]!,
    rateFromPrevious: i === 0 ? ratio(counts[0]!, counts[0]!) : ratio(counts[i]!, counts[i - 1]!),
  }));
  const revenue: RevenueRow[] = revenueRows.map((r) => {
    const orders = numberOf(r.orders);
    const total = numberOf(r.revenue);
    return { currency: textOf(r.currency), orders, revenue: total, averageOrderValue: ratio(total, orders) };
  });
  return { range, steps, overallRate: ratio(counts[3]!, counts[0]!), revenue };
}
