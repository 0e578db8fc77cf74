// The public API of @shoptel/node, by module path.

export type {
  AnalyticsConfig,
  AnalyticsOptions,
  AnomalyOptions,
  AnomalyReport,
  AnomalyRow,
  AnomalySeverity,
  BehaviorRow,
  ConversionFunnel,
  ErrorRate,
  FunnelStep,
  LogStatsFilters,
  LogStatsRow,
  OrderActions,
  OrderProcessing,
  RevenueRow,
  TopProductRow,
  TopProductsBy,
  TopProductsOptions,
} from './analytics/analytics-types.js';
export { AnalyticsValidationError } from './analytics/analytics-validation-error.js';
export { MAX_FILTER_LENGTH } from './analytics/check-filter-value.js';
export { type Analytics, createAnalytics } from './analytics/create-analytics.js';
export { DEFAULT_ORDER_ACTIONS } from './analytics/get-order-processing.js';
export type { TimeInput, TimeRange, TimeRangeInput } from './analytics/resolve-time-range.js';
export type { CustomQueryOptions } from './analytics/run-custom-query.js';
export { BehaviorEventType, type BehaviorItem, type TrackMetadata } from './behavior/behavior-types.js';
export type { BehaviorTracker } from './behavior/create-behavior-tracker.js';
export type {
  ConversionMetric,
  OrderProcessingMetric,
  OrderTimer,
  UserActivityMetric,
} from './business/business-metric-types.js';
export {
  type BusinessMetrics,
  ORDER_PROCESSING_BUCKETS,
  ORDER_PROCESSING_HISTOGRAM,
} from './business/create-business-metrics.js';
export type { CliCommand, CliIo } from './cli/cli-command.js';
export type { ShopReport } from './cli/commands/report-command.js';
export { runCli } from './cli/run-cli.js';
export { configFromEnv } from './config/config-from-env.js';
export {
  DEFAULT_CURRENCY,
  DEFAULT_MAX_SERIES_PER_METRIC,
  DEFAULT_METRICS_PUSH_INTERVAL_MS,
  DEFAULT_MIN_LEVEL,
  DEFAULT_SERVICE_NAME,
} from './config/node-defaults.js';
export type { NodeSettings, ShoptelNodeConfig, ShoptelNodeOptions } from './config/node-options.js';
export { DEFAULT_TRACE_QUEUE_SIZE } from './config/resolve-node-options.js';
export {
  getRequestContext,
  type RequestContext,
  runWithRequestContext,
  setRequestUser,
} from './context/request-context.js';
export { NodeErrorReason, type ShoptelNodeError } from './errors/node-error.js';
export type { BusinessLogger } from './logger/create-business-logger.js';
export { LogLevel } from './logger/log-level.js';
export {
  type BusinessContext,
  type BusinessLogEntry,
  LogCategory,
  type LogMetadata,
} from './logger/log-types.js';
export { DEFAULT_HISTOGRAM_BUCKETS, type MetricsRegistry } from './metrics/create-metrics-registry.js';
export { OVERFLOW_LABEL } from './metrics/create-series-store.js';
export type {
  Counter,
  Gauge,
  Histogram,
  Labels,
  MetricOptions,
  MetricSnapshot,
  MetricType,
  SeriesSnapshot,
} from './metrics/metric-types.js';
export type { MiddlewareOptions, ShoptelMiddleware } from './middleware/create-middleware.js';
export type { Relay } from './relay/create-relay.js';
export type { Rejection } from './relay/parse-relay-body.js';
export {
  DEFAULT_RELAY_BURST,
  DEFAULT_RELAY_DEDUPE_EVENT_IDS,
  DEFAULT_RELAY_MAX_BODY_BYTES,
  DEFAULT_RELAY_MAX_EVENTS,
  DEFAULT_RELAY_REQUESTS_PER_SECOND,
  type RelayOptions,
  type TraceRelayOptions,
} from './relay/relay-options.js';
export type { AnyRequest } from './request/request-headers.js';
export { createShoptel, type Shoptel } from './shoptel/create-shoptel.js';
export type { ExitHookOptions } from './shoptel/start-exit-hooks.js';
export { type EnsureStreamsOptions, ensureStreams } from './streams/ensure-streams.js';
export { describeStreamChange, type StreamChange } from './streams/stream-change.js';
export { planStreams, type StreamTarget, type StreamType } from './streams/stream-plan.js';
export type { Tracing } from './tracing/create-tracing.js';
export { SDK_VERSION } from './version.js';
