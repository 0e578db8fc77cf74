import { sql } from '@shoptel/core';
import { LogCategory } from '../logger/log-types.js';
import type { OrderActions, OrderProcessing } from './analytics-types.js';
import { type AnalyticsSearch, numberOf } from './create-analytics-search.js';
import type { TimeRange } from './resolve-time-range.js';

export const DEFAULT_ORDER_ACTIONS: OrderActions = {
  received: ['created'],
  processed: ['completed'],
  cancelled: ['cancelled'],
};

const PERCENTILES = [0.5, 0.95, 0.99] as const;

/**
 * Orders received, processed and cancelled, and processing-time percentiles.
 *
 * Why per-order records and not the `order_processing_duration_seconds` histogram that
 * `startOrderTimer` pushes: the histogram's samples are cumulative counters per process with no
 * instance label, so two replicas of one service write the same series and a restart resets it —
 * the increase over a range cannot be recovered from them — and its buckets (…, 300 s, 600 s)
 * only bound a percentile to within a bucket. The `ORDER` events `logger.logOrderEvent(id,
 * action)` writes carry the order id and time of every step, from any number of processes, so
 * counts are distinct orders and percentiles are exact. The server does the work: one grouped
 * count, then each percentile is one row picked by rank with `from`/`size` (nearest rank:
 * the ⌈p·n⌉-th smallest time), so no order rows travel to Node.
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
  const orderEvents = sql`category = ${LogCategory.ORDER} AND order_id IS NOT NULL`;
  const firstAt = (names: readonly string[]) =>
    sql`min(CASE WHEN action IN ${names} THEN _timestamp ELSE NULL END)`;
  // One row per timed order: its processing time in µs.
  const durations = sql`SELECT processed_at - received_at AS duration_us
    FROM (SELECT order_id, ${firstAt(actions.received)} AS received_at, ${firstAt(actions.processed)} AS processed_at
      FROM ${table}
      WHERE ${orderEvents} AND action IN ${[...actions.received, ...actions.processed]}
      GROUP BY order_id) AS orders
    WHERE received_at IS NOT NULL AND processed_at IS NOT NULL AND processed_at >= received_at`;
  const distinctOrders = (names: readonly string[]) =>
    sql`count(DISTINCT CASE WHEN action IN ${names} THEN order_id ELSE NULL END)`;

  const [countRows, timedRows] = await Promise.all([
    search.page<Record<string, unknown>>(
      sql`SELECT ${distinctOrders(actions.received)} AS received, ${distinctOrders(actions.processed)} AS processed,
          ${distinctOrders(actions.cancelled)} AS cancelled
        FROM ${table} WHERE ${orderEvents}`,
      range,
      1,
      0,
      { emptyWhenFieldMissing: true },
    ),
    search.page<Record<string, unknown>>(
      sql`SELECT count(*) AS timed, avg(duration_us) AS average_us FROM (${durations}) AS timed_orders`,
      range,
      1,
      0,
      { emptyWhenFieldMissing: true },
    ),
  ]);
  const counts = countRows[0] ?? {};
  const timedOrders = numberOf(timedRows[0]?.timed);
  const result: OrderProcessing = {
    range,
    received: numberOf(counts.received),
    processed: numberOf(counts.processed),
    cancelled: numberOf(counts.cancelled),
    timedOrders,
    averageMs: null,
    p50Ms: null,
    p95Ms: null,
    p99Ms: null,
  };
  if (timedOrders === 0) return result;

  const sorted = sql`${durations} ORDER BY duration_us`;
  const [p50, p95, p99] = await Promise.all(
    PERCENTILES.map(async (p) => {
      const rank = Math.max(1, Math.ceil(p * timedOrders));
      const rows = await search.page<Record<string, unknown>>(sorted, range, 1, rank - 1);
      return rows[0] === undefined ? null : numberOf(rows[0].duration_us) / 1000;
    }),
  );
  return {
    ...result,
    averageMs: numberOf(timedRows[0]?.average_us) / 1000,
    p50Ms: p50 ?? null,
    p95Ms: p95 ?? null,
    p99Ms: p99 ?? null,
  };
}
