import { sql } from '@shoptel/core';
import { LogCategory } from '../logger/log-types.js';
import type { OrderActions, OrderProcessing } from './analytics-types.js';
import { type AnalyticsSearch, type FieldRef, numberOf } from './create-analytics-search.js';
import type { TimeRange } from './resolve-time-range.js';

export const DEFAULT_ORDER_ACTIONS: OrderActions = {
  received: ['created'],
  processed: ['completed'],
  cancelled: ['cancelled'],
};

/** Percentiles as whole percents, so ranks are integer arithmetic in every SQL engine. */
const PERCENTS = [50, 95, 99] as const;
/**
 * Orders received, processed and cancelled, and processing-time percentiles.
 *
 * Why per-order records and not the `order_processing_duration_seconds` histogram that
 * `startOrderTimer` pushes: the histogram's samples are cumulative counters per process with no
 * instance label, so two replicas of one service write the same series and a restart resets it —
 * the increase over a range cannot be recovered from them — and its buckets (…, 300 s, 600 s)
 * only bound a percentile to within a bucket. The `ORDER` events `logger.logOrderEvent(id,
 * action)` writes carry the order id and time of every step, from any number of processes, so
 * counts are distinct orders and percentiles are exact. The server does the work in two queries
 * sent together: one counts distinct orders, the other ranks the processing times
 * (`row_number()`) and returns only the rows at the nearest ranks ⌈p·n⌉, so no order rows
 * travel to Node. The rank is computed as floor((P·n + 99) / 100) with P in whole percents:
 * exact on DuckDB (whose 0.95 is a DECIMAL) and on DataFusion (whose 0.95 is a float) alike.
 *
 * Processing time is from an order's first received event to its first processed event, both in
 * the range; orders received before the range are not timed.
 */
export async function getOrderProcessing(
  search: AnalyticsSearch,
  stream: string,
  range: TimeRange,
  actions: OrderActions,
): Promise<OrderProcessing> {
  const table = sql.id(stream);
  const orderEvents = (f: FieldRef) =>
    sql`${f('category')} = ${LogCategory.ORDER} AND ${f('order_id')} IS NOT NULL`;
  const firstAt = (f: FieldRef, names: readonly string[]) =>
    sql`min(CASE WHEN ${f('action')} IN ${names} THEN _timestamp ELSE NULL END)`;
  // One row per timed order: its processing time in µs.
  const durations = (f: FieldRef) => sql`SELECT processed_at - received_at AS duration_us
    FROM (SELECT ${f('order_id')} AS order_key, ${firstAt(f, actions.received)} AS received_at,
        ${firstAt(f, actions.processed)} AS processed_at
      FROM ${table}
      WHERE ${orderEvents(f)} AND ${f('action')} IN ${[...actions.received, ...actions.processed]}
      GROUP BY ${f('order_id')}) AS orders
    WHERE received_at IS NOT NULL AND processed_at IS NOT NULL AND processed_at >= received_at`;
  const distinctOrders = (f: FieldRef, names: readonly string[]) =>
    sql`count(DISTINCT CASE WHEN ${f('action')} IN ${names} THEN ${f('order_id')} ELSE NULL END)`;

  const rankAt = (percent: number) => sql`floor((${percent} * n + 99) / 100)`;
  const [countRows, rankedRows] = await Promise.all([
    search.page<Record<string, unknown>>(
      (f) => sql`SELECT ${distinctOrders(f, actions.received)} AS received,
          ${distinctOrders(f, actions.processed)} AS processed, ${distinctOrders(f, actions.cancelled)} AS cancelled
        FROM ${table} WHERE ${orderEvents(f)}`,
      range,
      1,
    ),
    search.all<Record<string, unknown>>(
      (f) => sql`SELECT rn, n, duration_us, average_us
        FROM (SELECT duration_us, row_number() OVER (ORDER BY duration_us) AS rn, count(*) OVER () AS n,
            avg(duration_us) OVER () AS average_us
          FROM (${durations(f)}) AS timed_orders) AS ranked
        WHERE rn IN (${sql.join(PERCENTS.map(rankAt))})
        ORDER BY rn`,
      range,
    ),
  ]);
  const counts = countRows[0] ?? {};
  const first = rankedRows[0];
  const timedOrders = numberOf(first?.n);
  const msAtRank = (percent: number) => {
    const rank = Math.floor((percent * timedOrders + 99) / 100);
    const row = rankedRows.find((r) => numberOf(r.rn) === rank);
    return row === undefined ? null : numberOf(row.duration_us) / 1000;
  };
  const [p50Ms, p95Ms, p99Ms] = PERCENTS.map(msAtRank);
  return {
    range,
    received: numberOf(counts.received),
    processed: numberOf(counts.processed),
    cancelled: numberOf(counts.cancelled),
    timedOrders,
    averageMs: first === undefined ? null : numberOf(first.average_us) / 1000,
    p50Ms: p50Ms ?? null,
    p95Ms: p95Ms ?? null,
    p99Ms: p99Ms ?? null,
  };
}
