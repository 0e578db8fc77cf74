import type { ClientOptions, ShoptelClient } from '@shoptel/core';

/**
 * Options of the pino and winston transports: core's options (as `configFromEnv` reads them from
 * `OPENOBSERVE_*`, which these override) plus where the lines go and how many may wait.
 */
export interface LogTransportOptions
  extends Pick<
    ClientOptions,
    | 'url'
    | 'organization'
    | 'auth'
    | 'streams'
    | 'batchSize'
    | 'flushIntervalMs'
    | 'maxRetries'
    | 'retryBaseDelayMs'
    | 'retryMaxDelayMs'
    | 'timeoutMs'
    | 'maxQueueBytes'
    | 'maxBatchBytes'
    | 'maxInFlight'
    | 'compressAboveBytes'
    | 'commonFields'
  > {
  /** Stream the lines go to. @default the configured `streams.applicationLogs` ('application_logs') */
  stream?: string;
  /** `service` of every line. @default `OPENOBSERVE_SERVICE_NAME`, else 'caddy-shopping-backend' */
  serviceName?: string;
  /**
   * Lines held while OpenObserve is slow or down; beyond it the oldest are dropped and reported.
   * Larger than core's default because a logger bursts. @default 50000
   */
  maxQueueEvents?: number;
  /** How long the drain on exit may take; pino's `end()` gives its worker 10 s. @default 8000 */
  shutdownTimeoutMs?: number;
  /** Read `OPENOBSERVE_*` from the environment first. @default true */
  env?: boolean;
}

/** The winston transport may also ship through a client you already have (`shoptel.client`). */
export interface SharedClientOption {
  /** Ship through this client; the transport then leaves its shutdown to you. */
  client?: ShoptelClient;
}
