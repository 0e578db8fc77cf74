import {
  createSearchClient,
  resolveConfig,
  ShoptelConfigError,
  type ShoptelOptions,
  type SqlFragment,
} from '@shoptel/core';
import type {
  AnalyticsConfig,
  AnalyticsOptions,
  AnomalyOptions,
  AnomalyReport,
  BehaviorRow,
  ConversionFunnel,
  LogStatsFilters,
  LogStatsRow,
  OrderActions,
  OrderProcessing,
  TopProductRow,
  TopProductsOptions,
} from './analytics-types.js';
import { AnalyticsValidationError } from './analytics-validation-error.js';
import { checkFilterText } from './check-filter-value.js';
import { createAnalyticsSearch } from './create-analytics-search.js';
import { detectAnomalousPatterns } from './detect-anomalous-patterns.js';
import { getConversionFunnel } from './get-conversion-funnel.js';
import { getLogStats } from './get-log-stats.js';
import { DEFAULT_ORDER_ACTIONS, getOrderProcessing } from './get-order-processing.js';
import { getTopProducts } from './get-top-products.js';
import { getUserBehaviorAnalytics } from './get-user-behavior-analytics.js';
import { resolveTimeRange, type TimeRangeInput } from './resolve-time-range.js';
import { type CustomQueryOptions, runCustomQuery } from './run-custom-query.js';

/**
 * The seed's `LogAnalyticsService`, over OpenObserve's `_search`. Every method takes a range
 * (`{ start, end }`: Date, ISO string with zone, or epoch ms; end exclusive) and sends it as the
 * search's time range. Bad arguments reject with `AnalyticsValidationError` before any request;
 * server and network failures reject with core's `OpenObserveQueryError` (code, message, trace id).
 * A stream nothing was written to yet reads as empty; a field no record of it has had reads as NULL.
 */
export interface Analytics {
  /** Events and distinct users of `business_events` per level and category. */
  getLogStats(range: TimeRangeInput, filters?: LogStatsFilters): Promise<LogStatsRow[]>;
  /** Events, distinct sessions and users of `user_behavior` per event type, optionally for one user. */
  getUserBehaviorAnalytics(range: TimeRangeInput, userId?: string): Promise<BehaviorRow[]>;
  /** Sessions through product view → cart add → checkout → purchase, rates, revenue and AOV. */
  getConversionFunnel(range: TimeRangeInput): Promise<ConversionFunnel>;
  /** Products by views, cart adds or purchases. @example getTopProducts(range, { by: 'purchases', limit: 5 }) */
  getTopProducts(range: TimeRangeInput, options?: TopProductsOptions): Promise<TopProductRow[]>;
  /** Orders received/processed/cancelled and processing-time percentiles (see `getOrderProcessing`). */
  getOrderProcessing(range: TimeRangeInput): Promise<OrderProcessing>;
  /** ERROR actions above `minShare` of all events, with severity, and the error rate vs the previous range. */
  detectAnomalousPatterns(range: TimeRangeInput, options?: AnomalyOptions): Promise<AnomalyReport>;
  /**
   * Custom SQL built with the `sql` tag.
   * @example
   * await analytics.query(range, sql`SELECT count(*) AS n FROM ${sql.id('business_events')} WHERE user_id = ${id}`);
   */
  query<Row = Record<string, unknown>>(
    range: TimeRangeInput,
    query: SqlFragment,
    options?: CustomQueryOptions,
  ): Promise<Row[]>;
}

/**
 * Creates analytics over one OpenObserve org. No I/O until a method is called.
 *
 * @example
 * const analytics = createAnalytics(resolveConfig({ url: 'http://localhost:5080', auth }));
 * const funnel = await analytics.getConversionFunnel({ start: Date.now() - 86_400_000, end: Date.now() });
 */
export function createAnalytics(given: AnalyticsConfig, options: AnalyticsOptions = {}): Analytics {
  const config = asResolvedConfig(given);
  const client = createSearchClient(
    config,
    options.transport === undefined ? {} : { transport: options.transport },
  );
  const search = createAnalyticsSearch(client);
  const businessEvents = config.streams.businessEvents;
  const userBehavior = config.streams.userBehavior;
  const orderActions = resolveOrderActions(options.orderActions);

  return {
    getLogStats: async (range, filters) =>
      getLogStats(search, businessEvents, resolveTimeRange(range), filters),
    getUserBehaviorAnalytics: async (range, userId) =>
      getUserBehaviorAnalytics(search, userBehavior, resolveTimeRange(range), userId),
    getConversionFunnel: async (range) => getConversionFunnel(search, userBehavior, resolveTimeRange(range)),
    getTopProducts: async (range, topOptions) =>
      getTopProducts(search, userBehavior, resolveTimeRange(range), topOptions),
    getOrderProcessing: async (range) =>
      getOrderProcessing(search, businessEvents, resolveTimeRange(range), orderActions),
    detectAnomalousPatterns: async (range, anomalyOptions) =>
      detectAnomalousPatterns(search, businessEvents, resolveTimeRange(range), anomalyOptions),
    query: async <Row>(range: TimeRangeInput, query: SqlFragment, queryOptions?: CustomQueryOptions) =>
      runCustomQuery<Row>(search, resolveTimeRange(range), query, queryOptions),
  };
}

/** Checked at creation: a bad action list is a configuration error, named. */
function resolveOrderActions(actions: Partial<OrderActions> | undefined): OrderActions {
  const resolved = { ...DEFAULT_ORDER_ACTIONS, ...actions };
  for (const key of ['received', 'processed', 'cancelled'] as const) {
    const list = resolved[key];
    const field = `orderActions.${key}`;
    if (!Array.isArray(list) || list.length === 0) {
      throw new AnalyticsValidationError(field, 'must be a non-empty array of action names');
    }
    list.forEach((name, i) => {
      checkFilterText(name, `${field}[${i}]`);
    });
  }
  return resolved;
}

/**
 * The config as given when it is resolved already (`configFromEnv`, `resolveConfig`); otherwise
 * options such as `{ url, auth }` (what the alert engine takes) are resolved here, so a bad or
 * missing field throws a `ShoptelConfigError` naming it instead of a TypeError on first use.
 */
function asResolvedConfig(config: AnalyticsConfig): AnalyticsConfig {
  const c = config as Partial<AnalyticsConfig> | null | undefined;
  const resolved =
    typeof c === 'object' &&
    c !== null &&
    typeof c.url === 'string' &&
    typeof c.organization === 'string' &&
    typeof c.auth === 'object' &&
    c.auth !== null &&
    typeof c.streams === 'object' &&
    c.streams !== null;
  if (resolved) return config;
  if (typeof c !== 'object' || c === null)
    throw new ShoptelConfigError([
      { field: 'config', message: 'must be an object (configFromEnv(process.env))' },
    ]);
  return resolveConfig(c as ShoptelOptions);
}
