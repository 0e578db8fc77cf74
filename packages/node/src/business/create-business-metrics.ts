import type { Clock } from '@shoptel/core';
import { type ErrorReporter, NodeErrorReason } from '../errors/node-error.js';
import type { MetricsRegistry } from '../metrics/create-metrics-registry.js';
import type { Labels } from '../metrics/metric-types.js';
import type {
  ConversionMetric,
  OrderProcessingMetric,
  OrderTimer,
  UserActivityMetric,
} from './business-metric-types.js';

/** The seed's `BusinessMetricsCollector` plus an order-processing timer. */
export interface BusinessMetrics {
  recordUserActivityMetric(metric: UserActivityMetric): void;
  recordConversionMetric(metric: ConversionMetric): void;
  recordOrderProcessingMetric(metric: OrderProcessingMetric): void;
  /**
   * Times one order from now; `end(status)` observes the seconds in `order_processing_duration_seconds`
   * (label `status`), whose buckets give p50/p95/p99 in SQL or PromQL.
   * @example const timer = business.startOrderTimer('o-1'); … timer.end('completed');
   */
  startOrderTimer(orderId: string): OrderTimer;
}

/** Seconds: from a quick card payment to a slow manual review. */
export const ORDER_PROCESSING_BUCKETS: readonly number[] = [
  0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600,
];
export const ORDER_PROCESSING_HISTOGRAM = 'order_processing_duration_seconds';

type Kind = 'counter' | 'gauge';
/** [field, metric name (the seed's), kind, unit, description] */
type Spec<M> = readonly [keyof M & string, string, Kind, string, string];

const USER_ACTIVITY: readonly Spec<UserActivityMetric>[] = [
  ['activeUsers', 'active_users', 'gauge', 'count', 'Number of active users'],
  ['newUsers', 'new_users', 'counter', 'count', 'Number of new users'],
  ['returningUsers', 'returning_users', 'counter', 'count', 'Number of returning users'],
  ['averageSessionDuration', 'average_session_duration', 'gauge', 'seconds', 'Average session duration'],
  ['bounceRate', 'bounce_rate', 'gauge', 'percent', 'Bounce rate'],
  ['pageViews', 'page_views', 'counter', 'count', 'Total page views'],
  ['uniquePageViews', 'unique_page_views', 'counter', 'count', 'Unique page views'],
];
const CONVERSION: readonly Spec<ConversionMetric>[] = [
  ['cartAdditions', 'cart_additions', 'counter', 'count', 'Number of cart additions'],
  ['checkouts', 'checkouts', 'counter', 'count', 'Number of checkouts'],
  ['purchases', 'purchases', 'counter', 'count', 'Number of purchases'],
  ['cartToCheckoutRate', 'cart_to_checkout_rate', 'gauge', 'percent', 'Cart to checkout conversion rate'],
  [
    'checkoutToPurchaseRate',
    'checkout_to_purchase_rate',
    'gauge',
    'percent',
    'Checkout to purchase conversion rate',
  ],
  ['overallConversionRate', 'overall_conversion_rate', 'gauge', 'percent', 'Overall conversion rate'],
  ['averageOrderValue', 'average_order_value', 'gauge', 'currency', 'Average order value'],
];
const ORDER_PROCESSING: readonly Spec<OrderProcessingMetric>[] = [
  ['ordersReceived', 'orders_received', 'counter', 'count', 'Number of orders received'],
  ['ordersProcessed', 'orders_processed', 'counter', 'count', 'Number of orders processed'],
  ['ordersCancelled', 'orders_cancelled', 'counter', 'count', 'Number of orders cancelled'],
  ['averageProcessingTime', 'average_processing_time', 'gauge', 'seconds', 'Average order processing time'],
  ['processingTimeP50', 'processing_time_p50', 'gauge', 'seconds', 'Order processing time P50'],
  ['processingTimeP95', 'processing_time_p95', 'gauge', 'seconds', 'Order processing time P95'],
  ['processingTimeP99', 'processing_time_p99', 'gauge', 'seconds', 'Order processing time P99'],
];

/**
 * Creates the business metrics over the registry, with the seed's names. The seed's figures are
 * per period, so counters are increased by them (cumulative, as Prometheus and OpenObserve expect)
 * and gauges set to them. Metrics are registered on first use. Never throws.
 */
export function createBusinessMetrics(deps: {
  registry: MetricsRegistry;
  currency: string;
  clock: Clock;
  report: ErrorReporter;
}): BusinessMetrics {
  const { registry, currency, clock, report } = deps;

  function record<M extends object>(label: string, specs: readonly Spec<M>[], metric: M) {
    if (typeof metric !== 'object' || metric === null) {
      report({ reason: NodeErrorReason.invalidInput, message: `${label} needs a metric object`, count: 1 });
      return;
    }
    for (const [field, name, kind, unit, description] of specs) {
      const value = (metric as Record<string, unknown>)[field];
      if (value === undefined) continue;
      if (typeof value !== 'number' || !Number.isFinite(value) || (kind === 'counter' && value < 0)) {
        report({
          reason: NodeErrorReason.invalidInput,
          message: `${label}: ${field} must be a finite number${kind === 'counter' ? ' ≥ 0' : ''}; got ${String(value)} (left out)`,
          count: 1,
        });
        continue;
      }
      // The order value is in a currency: say which.
      const labels: Labels | undefined = unit === 'currency' ? { currency } : undefined;
      if (kind === 'counter') registry.registerCounter(name, description, labels, { unit }).inc(value);
      else registry.registerGauge(name, description, labels, { unit }).set(value);
    }
  }

  return {
    recordUserActivityMetric: (metric) => record('recordUserActivityMetric', USER_ACTIVITY, metric),
    recordConversionMetric: (metric) => record('recordConversionMetric', CONVERSION, metric),
    recordOrderProcessingMetric: (metric) => record('recordOrderProcessingMetric', ORDER_PROCESSING, metric),
    startOrderTimer(orderId) {
      const startedAt = clock.now();
      let ended = false;
      return {
        orderId: String(orderId),
        end(status = 'completed') {
          const seconds = Math.max(0, clock.now() - startedAt) / 1000;
          if (ended) return seconds;
          ended = true;
          registry
            .registerHistogram(
              ORDER_PROCESSING_HISTOGRAM,
              'Time from order start to its final status',
              ORDER_PROCESSING_BUCKETS,
              undefined,
              { unit: 'seconds' },
            )
            .observe(seconds, { status: String(status) });
          return seconds;
        },
      };
    },
  };
}
