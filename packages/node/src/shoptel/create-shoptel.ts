import {
  type ClientStats,
  createClient,
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  type ShoptelClient,
  type ShoptelConfig,
} from '@shoptel/core';
import { createGzipCompressor, createNodeHttpTransport } from '@shoptel/core/node';
import { type Analytics, createAnalytics } from '../analytics/create-analytics.js';
import { type BehaviorTracker, createBehaviorTracker } from '../behavior/create-behavior-tracker.js';
import { type BusinessMetrics, createBusinessMetrics } from '../business/create-business-metrics.js';
import type { ShoptelNodeOptions } from '../config/node-options.js';
import { resolveNodeOptions } from '../config/resolve-node-options.js';
import { type BusinessLogger, createBusinessLogger } from '../logger/create-business-logger.js';
import { createMetricsRegistry, type MetricsRegistry } from '../metrics/create-metrics-registry.js';
import { type MetricsPush, startMetricsPush } from '../metrics/start-metrics-push.js';
import {
  createMiddleware,
  type MiddlewareOptions,
  type ShoptelMiddleware,
} from '../middleware/create-middleware.js';
import { createRelay, type Relay } from '../relay/create-relay.js';
import { createTraceRelay } from '../relay/create-trace-relay.js';
import type { RelayOptions, TraceRelayOptions } from '../relay/relay-options.js';
import { createDeviceParser } from '../request/create-device-parser.js';
import { createTracing, type Tracing } from '../tracing/create-tracing.js';
import { type RunningTracerProvider, startTracerProvider } from '../tracing/start-tracer-provider.js';
import { type ExitHookOptions, startExitHooks } from './start-exit-hooks.js';
import { withDeadline } from './with-deadline.js';

/** Metrics bodies this large are gzipped, as core does for records. */
const DEFAULT_METRICS_COMPRESS_ABOVE_BYTES = 32 * 1024;

/** Everything `createShoptel` returns. */
export interface Shoptel {
  /** Business events into `business_events`. */
  readonly logger: BusinessLogger;
  /** Server-side storefront events into `user_behavior`. */
  readonly behavior: BehaviorTracker;
  /** Counters, gauges and histograms, pushed to `/api/{org}/ingest/metrics/_json` each interval. */
  readonly metrics: MetricsRegistry;
  /** The seed's business metrics and an order-processing timer. */
  readonly business: BusinessMetrics;
  /** Spans to OpenObserve's traces stream when `tracing.enabled`; cheap no-ops otherwise. */
  readonly tracing: Tracing;
  /** Questions over what was collected (`_search`): stats, behaviour, funnel, top products, orders, anomalies. */
  readonly analytics: Analytics;
  /**
   * Connect/Express middleware (`app.use(shoptel.middleware())`) with `.fetch(handler)` for
   * Fetch-style servers: request id, server span, request context, one access record per request.
   */
  middleware(options?: MiddlewareOptions): ShoptelMiddleware;
  /**
   * The storefront's first-party endpoint, `(req, res)` with `.fetch(request)`: validates browser
   * events, adds IP and device fields, forwards them to `user_behavior` with the server's
   * credentials. Throws a `TypeError` for bad options (when the route is built).
   */
  relay(options?: RelayOptions): Relay;
  /**
   * The storefront's first-party endpoint for spans (`@shoptel/browser/tracing`'s default
   * `exportUrl` is `/shoptel/traces`): OTLP/HTTP JSON forwarded to the traces stream with the
   * server's credentials. Throws a `TypeError` for bad options (when the route is built).
   */
  traceRelay(options?: TraceRelayOptions): Relay;
  /** Sends everything queued now (records, metrics, spans) and resolves when it is settled. */
  flush(): Promise<void>;
  /**
   * Drains records, metrics and spans within `timeoutMs` (core's default: 10 s), then releases
   * sockets and timers. Never rejects; later calls return the same promise.
   */
  shutdown(options?: { timeoutMs?: number }): Promise<ClientStats>;
  /** Attaches SIGTERM/`beforeExit` hooks that call `shutdown()` (opt-in). */
  startExitHooks(options?: ExitHookOptions): { stop(): void };
  /** The core client's counters. */
  stats(): ClientStats;
  /** The resolved configuration (credentials included: do not log it). */
  readonly config: ShoptelConfig;
  /** The core client, for records of your own streams. */
  readonly client: ShoptelClient;
}

/**
 * Creates shoptel for a Node service: one core client with the keep-alive `node:http` transport and
 * gzip (both replaceable through `transport`/`compressor`), and the parts built on it. Validates all
 * options now and throws one `ShoptelConfigError` naming every bad field; after that, no call
 * throws into the host.
 *
 * @example
 * import { configFromEnv, createShoptel } from '@shoptel/node';
 * const shoptel = createShoptel({ ...configFromEnv(process.env), serviceName: 'checkout' });
 * shoptel.logger.logOrderEvent('o-1', 'created', { amount: 99.5 });
 * await shoptel.shutdown();
 */
/** `options` may be `configFromEnv(process.env)` (a `ShoptelNodeConfig`), spread or as it is. */
export function createShoptel(options: ShoptelNodeOptions = {}): Shoptel {
  const o = resolveNodeOptions(options);
  const ownTransport = o.clientOptions.transport === undefined ? createNodeHttpTransport() : undefined;
  const client = createClient({
    ...o.clientOptions,
    transport: o.clientOptions.transport ?? ownTransport,
    compressor: o.clientOptions.compressor ?? createGzipCompressor(),
  });
  const { config, report } = o;

  const logger = createBusinessLogger({
    client,
    stream: config.streams.businessEvents,
    currency: o.currency,
    minLevel: o.minLevel,
    report,
  });

  // One User-Agent cache for the tracker, the middleware and the relay.
  const parseDevice = createDeviceParser();
  const behavior = createBehaviorTracker({
    client,
    stream: config.streams.userBehavior,
    currency: o.currency,
    trustedProxies: o.trustedProxies,
    parseDevice,
    report,
  });

  // The push starts with the first metric registered: no timer for a service without metrics.
  let metricsPush: MetricsPush | undefined;
  const transport = o.clientOptions.transport ?? ownTransport!;
  const metrics = createMetricsRegistry({
    maxSeriesPerMetric: o.metrics.maxSeriesPerMetric,
    report,
    onRegister() {
      metricsPush ??= startMetricsPush({
        entries: () => metrics.entries(),
        transport,
        compressor: o.clientOptions.compressor ?? createGzipCompressor(),
        compressAboveBytes: o.clientOptions.compressAboveBytes ?? DEFAULT_METRICS_COMPRESS_ABOVE_BYTES,
        config,
        intervalMs: o.metrics.pushIntervalMs,
        extraLabels: { service: o.serviceName },
        clock: o.clock,
        report,
      });
    },
  });
  const business = createBusinessMetrics({ registry: metrics, currency: o.currency, clock: o.clock, report });

  const provider: RunningTracerProvider | undefined = o.tracing.enabled
    ? startTracerProvider({
        config,
        serviceName: o.serviceName,
        serviceVersion: o.serviceVersion,
        samplingRate: o.tracing.samplingRate,
        exporter: o.tracing.exporter,
        maxQueueSize: o.tracing.maxQueueSize,
        report,
      })
    : undefined;
  const tracing = createTracing(provider?.tracer);
  // Searches share the keep-alive transport; creating analytics does no I/O.
  const analytics = createAnalytics(config, { transport });

  async function flush(): Promise<void> {
    try {
      await Promise.all([client.flush(), metricsPush?.push(), provider?.forceFlush()]);
    } catch (error) {
      report({ reason: 'internal', message: `flush failed: ${String(error)}`, count: 0 });
    }
  }

  let shutdownPromise: Promise<ClientStats> | undefined;
  function shutdown(shutdownOptions: { timeoutMs?: number } = {}): Promise<ClientStats> {
    shutdownPromise ??= (async () => {
      const timeoutMs = shutdownOptions.timeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
      // Records, metrics and spans drain side by side, under one deadline.
      const [stats] = await Promise.all([
        withDeadline(client.shutdown({ timeoutMs }), timeoutMs + 1000, client.stats()),
        metricsPush === undefined ? undefined : withDeadline(metricsPush.stop(), timeoutMs, undefined),
        provider === undefined ? undefined : withDeadline(provider.shutdown(), timeoutMs, undefined),
      ]);
      ownTransport?.close();
      return stats;
    })();
    return shutdownPromise;
  }

  return {
    logger,
    behavior,
    metrics,
    business,
    tracing,
    analytics,
    middleware: (middlewareOptions) =>
      createMiddleware(
        {
          client,
          stream: config.streams.applicationLogs,
          tracer: provider?.tracer,
          trustedProxies: o.trustedProxies,
          report,
        },
        middlewareOptions,
      ),
    relay: (relayOptions) =>
      createRelay(
        {
          client,
          stream: config.streams.userBehavior,
          trustedProxies: o.trustedProxies,
          parseDevice,
          clock: o.clock,
          report,
          isShutDown: () => shutdownPromise !== undefined,
        },
        relayOptions,
      ),
    traceRelay: (traceOptions) =>
      createTraceRelay({ config, trustedProxies: o.trustedProxies, clock: o.clock, report }, traceOptions),
    flush,
    shutdown,
    startExitHooks: (hookOptions) => startExitHooks(shutdown, hookOptions),
    stats: () => client.stats(),
    config,
    client,
  };
}
