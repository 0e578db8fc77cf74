import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { ClientOptions, ShoptelConfig } from '@shoptel/core';
import type { ShoptelNodeError } from '../errors/node-error.js';
import type { LogLevel } from '../logger/log-level.js';

/** Node-side settings on top of core's: who is speaking, in which currency, how loud. */
export interface NodeSettings {
  /** `service` of every record and `service.name` of every span. @default 'caddy-shopping-backend' */
  serviceName?: string;
  /** `service.version` of every span. */
  serviceVersion?: string;
  /** ISO 4217 code written with amounts that name none. @default 'CNY' */
  currency?: string;
  /** Logger calls below this level cost nothing and record nothing. @default 'INFO' */
  minLevel?: LogLevel;
  /**
   * Read the client IP from `X-Forwarded-For`: `true` takes the first address, a number `n` trusts
   * that many proxies in front of you (the `n`-th address from the right). Leave it off unless a
   * proxy you run sets the header, or any client can choose its IP. @default false
   */
  trustProxy?: boolean | number;
  metrics?: {
    /** Push interval for `/api/{org}/ingest/metrics/_json`. @default 15000 */
    pushIntervalMs?: number;
    /** Series per metric; further label sets go to one overflow series. @default 1000 */
    maxSeriesPerMetric?: number;
  };
}

/**
 * Options of `createShoptel`: core's client options (or `configFromEnv(process.env)`) plus the
 * node settings.
 *
 * @example
 * const shoptel = createShoptel({ ...configFromEnv(process.env), serviceName: 'checkout', currency: 'EUR' });
 */
export interface ShoptelNodeOptions
  extends Omit<ClientOptions, 'onError' | 'tracing' | 'metrics'>,
    NodeSettings {
  /** Every loss, refusal and repair from any part, with a reason. Never throws into the host. */
  onError?: (error: ShoptelNodeError) => unknown;
  tracing?: {
    /** @default false (`OPENOBSERVE_TRACING_ENABLED`) */
    enabled?: boolean;
    /** Fraction of root traces kept, parent-based. @default 0.1 */
    samplingRate?: number;
    /** Where spans go instead of OTLP/HTTP to OpenObserve (another exporter, a test one). */
    exporter?: SpanExporter;
    /** Spans held for export; beyond it new spans are dropped (and counted by OTel). @default 8192 */
    maxQueueSize?: number;
  };
}

/** What `configFromEnv` returns: core's resolved config plus the node settings read from env. */
export interface ShoptelNodeConfig extends ShoptelConfig, NodeSettings {}
