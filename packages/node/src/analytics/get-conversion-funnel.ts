import { sql } from '@shoptel/core';
import { BehaviorEventType } from '../behavior/behavior-types.js';
import type { ConversionFunnel, FunnelStep, RevenueRow } from './analytics-types.js';
import { type AnalyticsSearch, type FieldRef, numberOf, ratio, textOf } from './create-analytics-search.js';
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
  const funnelQuery = (f: FieldRef) => {
    const flag = (type: string) => sql`max(CASE WHEN ${f('event_type')} = ${type} THEN 1 ELSE 0 END)`;
    return sql`SELECT sum(v) AS viewed, sum(v * c) AS carted, sum(v * c * k) AS checked_out,
        sum(v * c * k * p) AS purchased
      FROM (SELECT ${f('session_id')} AS session_key, ${flag(PRODUCT_VIEW)} AS v, ${flag(CART_ADD)} AS c,
          ${flag(CHECKOUT)} AS k, ${flag(PURCHASE)} AS p
        FROM ${sql.id(stream)}
        WHERE ${f('session_id')} IS NOT NULL AND ${f('event_type')} IN ${[PRODUCT_VIEW, CART_ADD, CHECKOUT, PURCHASE]}
        GROUP BY ${f('session_id')}) AS sessions`;
  };
  // count(total_amount) skips purchases without an amount, so they do not lower the average.
  const revenueQuery = (
    f: FieldRef,
  ) => sql`SELECT ${f('currency')} AS currency_key, count(${f('total_amount')}) AS orders,
      sum(${f('total_amount')}) AS revenue
    FROM ${sql.id(stream)}
    WHERE ${f('event_type')} = ${PURCHASE} AND ${f('total_amount')} IS NOT NULL
    GROUP BY ${f('currency')}
    ORDER BY revenue DESC, currency_key`;

  const [funnelRows, revenueRows] = await Promise.all([
    search.page<Record<string, unknown>>(funnelQuery, range, 1),
    search.all<Record<string, unknown>>(revenueQuery, range),
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
    return {
      currency: textOf(r.currency_key),
      orders,
      revenue: total,
      averageOrderValue: ratio(total, orders),
    };
  });
  return { range, steps, overallRate: ratio(counts[3]!, counts[0]!), revenue };
}
