import { type ClientOptions, createClient, type ShoptelClient } from '@shoptel/core';
import { createGzipCompressor, createNodeHttpTransport } from '@shoptel/core/node';
import { configFromEnv } from '../config/config-from-env.js';
import { DEFAULT_SERVICE_NAME } from '../config/node-defaults.js';
import { SDK_NAME } from '../version.js';
import type { LogTransportOptions } from './log-transport-options.js';

/** Lines a transport holds by default: a 10,000-line burst during an outage must fit. */
export const DEFAULT_LOG_QUEUE_EVENTS = 50_000;
/** Bytes a transport holds by default (core's 8 MiB fits ~30,000 typical lines). */
export const DEFAULT_LOG_QUEUE_BYTES = 32 * 1024 * 1024;
/**
 * Lines per request unless `batchSize` or `OPENOBSERVE_BATCH_SIZE` says otherwise: a logger
 * bursts, and 100-line requests (core's default) cost a request's CPU per 100 lines.
 */
export const DEFAULT_LOG_BATCH_SIZE = 1000;
/** Under pino's 10 s wait for its worker to end, so the drain ends before pino gives up. */
export const DEFAULT_LOG_SHUTDOWN_TIMEOUT_MS = 8000;

/** A core client of a log transport, with the stream it writes and how it drains. */
export interface LogClient {
  client: ShoptelClient;
  stream: string;
  /** The client's queue bound in records. */
  maxQueueEvents: number;
  /** How long `shutdown()` may take. */
  shutdownTimeoutMs: number;
  /** Drains within `timeoutMs` (the transport's shutdown timeout), then closes sockets. Never rejects. */
  shutdown(timeoutMs?: number): Promise<void>;
}

/**
 * Builds the client a log transport ships through: `OPENOBSERVE_*` from the environment (unless
 * `env: false`) overridden by the options, the keep-alive `node:http` transport and gzip, and
 * `service`/`sdk` on every line. Throws `ShoptelConfigError` naming every bad field.
 */
export function createLogClient(
  options: LogTransportOptions = {},
  onError?: ClientOptions['onError'],
): LogClient {
  const { stream, serviceName, shutdownTimeoutMs, env = true, ...given } = options;
  const fromEnv = env ? configFromEnv(process.env) : {};
  const {
    serviceName: envService,
    serviceVersion,
    currency,
    minLevel,
    trustProxy,
    metrics,
    ...core
  } = fromEnv as ReturnType<typeof configFromEnv>;
  const transport = createNodeHttpTransport();
  const clientOptions: ClientOptions = {
    ...core,
    ...given,
    auth: given.auth ?? core.auth,
    streams: { ...core.streams, ...given.streams },
    batchSize:
      given.batchSize ??
      (env && process.env.OPENOBSERVE_BATCH_SIZE?.trim() ? core.batchSize : DEFAULT_LOG_BATCH_SIZE),
    maxQueueEvents: given.maxQueueEvents ?? DEFAULT_LOG_QUEUE_EVENTS,
    maxQueueBytes: given.maxQueueBytes ?? DEFAULT_LOG_QUEUE_BYTES,
    commonFields: {
      service: serviceName ?? envService ?? DEFAULT_SERVICE_NAME,
      sdk: SDK_NAME,
      ...given.commonFields,
    },
    transport,
    compressor: createGzipCompressor(),
    ...(onError === undefined ? {} : { onError }),
  };
  const client = createClient(clientOptions);
  let done: Promise<void> | undefined;
  return {
    client,
    stream: stream ?? client.config.streams.applicationLogs,
    maxQueueEvents: clientOptions.maxQueueEvents ?? DEFAULT_LOG_QUEUE_EVENTS,
    shutdownTimeoutMs: shutdownTimeoutMs ?? DEFAULT_LOG_SHUTDOWN_TIMEOUT_MS,
    shutdown(timeoutMs) {
      done ??= client
        .shutdown({ timeoutMs: timeoutMs ?? shutdownTimeoutMs ?? DEFAULT_LOG_SHUTDOWN_TIMEOUT_MS })
        .then(
          () => transport.close(),
          () => transport.close(),
        );
      return done;
    },
  };
}
