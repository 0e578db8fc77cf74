import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import {
  type ClientOptions,
  type Clock,
  type ConfigProblem,
  resolveConfig,
  type ShoptelConfig,
  ShoptelConfigError,
  systemClock,
} from '@shoptel/core';
import { createErrorReporter } from '../errors/create-error-reporter.js';
import type { ErrorReporter } from '../errors/node-error.js';
import { isLogLevel, type LogLevel } from '../logger/log-level.js';
import { SDK_NAME } from '../version.js';
import {
  DEFAULT_CURRENCY,
  DEFAULT_MAX_SERIES_PER_METRIC,
  DEFAULT_METRICS_PUSH_INTERVAL_MS,
  DEFAULT_MIN_LEVEL,
  DEFAULT_SERVICE_NAME,
} from './node-defaults.js';
import type { ShoptelNodeOptions } from './node-options.js';

/** Spans held for export before new ones are dropped; OTel's 2048 lost half of a 5,000-span burst. */
export const DEFAULT_TRACE_QUEUE_SIZE = 8192;
const MAX_TRUSTED_PROXIES = 32;
const CURRENCY = /^[A-Z]{3}$/;

/** Node options after validation and defaults. */
export interface ResolvedNodeOptions {
  config: ShoptelConfig;
  /** What the core client is created with (the node fields removed, `service`/`sdk` added). */
  clientOptions: ClientOptions;
  serviceName: string;
  serviceVersion: string | undefined;
  currency: string;
  minLevel: LogLevel;
  /** Proxies trusted in `X-Forwarded-For`: 0 none, `Infinity` all (the first address wins). */
  trustedProxies: number;
  metrics: { pushIntervalMs: number; maxSeriesPerMetric: number };
  tracing: {
    enabled: boolean;
    samplingRate: number;
    exporter: SpanExporter | undefined;
    maxQueueSize: number;
  };
  clock: Clock;
  report: ErrorReporter;
}

/**
 * Validates the node settings and core's config together; throws one `ShoptelConfigError` naming
 * every bad field.
 */
export function resolveNodeOptions(options: ShoptelNodeOptions = {}): ResolvedNodeOptions {
  const problems: ConfigProblem[] = [];
  const fail = (field: string, message: string) => problems.push({ field, message });
  const whole = (field: string, value: unknown, fallback: number, min: number, max: number) => {
    if (value === undefined) return fallback;
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    fail(field, `must be a whole number from ${min} to ${max}; got ${String(value)}`);
    return fallback;
  };

  const {
    serviceName = DEFAULT_SERVICE_NAME,
    serviceVersion,
    currency = DEFAULT_CURRENCY,
    minLevel = DEFAULT_MIN_LEVEL,
    trustProxy = false,
    metrics = {},
    tracing = {},
    onError,
    commonFields,
    ...core
  } = options;

  if (typeof serviceName !== 'string' || serviceName.trim() === '' || serviceName.length > 256) {
    fail('serviceName', 'must be a non-empty string of at most 256 characters');
  }
  if (serviceVersion !== undefined && typeof serviceVersion !== 'string') {
    fail('serviceVersion', `must be a string; got ${typeof serviceVersion}`);
  }
  const upperCurrency = typeof currency === 'string' ? currency.toUpperCase() : '';
  if (!CURRENCY.test(upperCurrency))
    fail('currency', `must be an ISO 4217 code like EUR; got ${String(currency)}`);
  if (!isLogLevel(minLevel)) fail('minLevel', `must be DEBUG, INFO, WARN or ERROR; got ${String(minLevel)}`);
  let trustedProxies = 0;
  if (trustProxy === true) trustedProxies = Number.POSITIVE_INFINITY;
  else if (trustProxy !== false) trustedProxies = whole('trustProxy', trustProxy, 0, 0, MAX_TRUSTED_PROXIES);
  if (typeof onError !== 'function' && onError !== undefined) fail('onError', 'must be a function');
  if (tracing.exporter !== undefined && typeof tracing.exporter?.export !== 'function') {
    fail('tracing.exporter', 'must be an OpenTelemetry SpanExporter (with export())');
  }

  const resolvedMetrics = {
    pushIntervalMs: whole(
      'metrics.pushIntervalMs',
      metrics.pushIntervalMs,
      DEFAULT_METRICS_PUSH_INTERVAL_MS,
      100,
      2 ** 31 - 1,
    ),
    maxSeriesPerMetric: whole(
      'metrics.maxSeriesPerMetric',
      metrics.maxSeriesPerMetric,
      DEFAULT_MAX_SERIES_PER_METRIC,
      1,
      1_000_000,
    ),
  };
  const maxQueueSize = whole(
    'tracing.maxQueueSize',
    tracing.maxQueueSize,
    DEFAULT_TRACE_QUEUE_SIZE,
    1,
    1_000_000,
  );

  const coreTracing = { enabled: tracing.enabled, samplingRate: tracing.samplingRate };
  let config: ShoptelConfig | undefined;
  try {
    config = resolveConfig({ ...core, tracing: coreTracing });
  } catch (error) {
    if (!(error instanceof ShoptelConfigError)) throw error;
    problems.unshift(...error.problems);
  }
  if (problems.length > 0 || config === undefined) throw new ShoptelConfigError(problems);

  const clock = core.clock ?? systemClock;
  const report = createErrorReporter(onError, () => clock.now());
  return {
    config,
    clientOptions: {
      ...core,
      tracing: coreTracing,
      commonFields: { service: serviceName, sdk: SDK_NAME, ...commonFields },
      onError: report,
    },
    serviceName,
    serviceVersion,
    currency: upperCurrency,
    minLevel,
    trustedProxies,
    metrics: resolvedMetrics,
    tracing: {
      enabled: config.tracing.enabled,
      samplingRate: config.tracing.samplingRate,
      exporter: tracing.exporter,
      maxQueueSize,
    },
    clock,
    report,
  };
}
