import type { ClientOptions } from '@shoptel/core';
import TransportStream from 'winston-transport';
import { createLogClient, type LogClient } from '../log-transport/create-log-client.js';
import type { LogTransportOptions, SharedClientOption } from '../log-transport/log-transport-options.js';
import { parseIngestEndpoint } from './parse-ingest-endpoint.js';
import { toWinstonRecord } from './to-winston-record.js';

/** Options of {@link OpenObserveTransport}: the log transport's, winston's, and the seed's names. */
export interface OpenObserveTransportOptions
  extends LogTransportOptions,
    SharedClientOption,
    TransportStream.TransportStreamOptions {
  /** The seed's ingest URL, `${url}/api/${org}/${stream}/_json`: sets url, organization, stream. */
  endpoint?: string;
  /** The seed's token: Basic (`base64(user:password)`) unless `auth.type` says bearer. */
  token?: string;
  /** The seed's name for `flushIntervalMs`. */
  flushInterval?: number;
  /** The seed's name for `serviceName`. */
  service?: string;
  /** Every loss, refusal and repair, with a reason. @default a console warning per reason a minute */
  onError?: ClientOptions['onError'];
}

/**
 * A winston transport to OpenObserve through shoptel's core client (bounded queue, batching,
 * retry, masking): `level` → level text, `message`, `timestamp` → `_timestamp`, other fields kept,
 * span and request ids added. Also the seed's `OpenObserveTransport`: `new
 * OpenObserveTransport({ endpoint, token, batchSize, flushInterval, service }).log(entry, cb)`.
 * `log` never throws and never waits for the network.
 *
 * @example
 * const logger = winston.createLogger({ transports: [new OpenObserveTransport()] }); // OPENOBSERVE_* from env
 */
export class OpenObserveTransport extends TransportStream {
  /** The client lines go through (yours if you passed `client`). */
  readonly client: LogClient['client'];
  /** The stream lines go to. */
  readonly stream: string;
  readonly #owned: LogClient | undefined;

  constructor(options: OpenObserveTransportOptions = {}) {
    const {
      endpoint,
      token,
      flushInterval,
      service,
      client,
      onError,
      format,
      level,
      silent,
      handleExceptions,
      handleRejections,
      ...logOptions
    } = options;
    super({ format, level, silent, handleExceptions, handleRejections });
    const target = endpoint === undefined ? undefined : parseIngestEndpoint(endpoint);
    if (client !== undefined) {
      this.client = client;
      this.stream = logOptions.stream ?? target?.stream ?? client.config.streams.applicationLogs;
      this.#owned = undefined;
    } else {
      const owned = createLogClient(
        {
          ...logOptions,
          ...(target === undefined ? {} : { url: target.url, organization: target.organization }),
          stream: logOptions.stream ?? target?.stream,
          ...(token === undefined || logOptions.auth !== undefined ? {} : { auth: { token } }),
          ...(flushInterval === undefined ? {} : { flushIntervalMs: flushInterval }),
          ...(service === undefined ? {} : { serviceName: logOptions.serviceName ?? service }),
        },
        onError,
      );
      this.client = owned.client;
      this.stream = owned.stream;
      this.#owned = owned;
    }
  }

  /** winston's contract: hand the entry over, call back at once (delivery happens later). */
  override log(info: Record<string | symbol, unknown>, callback?: () => void): void {
    try {
      this.client.send(this.stream, toWinstonRecord(info));
    } catch {
      // `send` never throws; this guards the mapping against an exotic entry (a throwing getter).
    }
    setImmediate(() => this.emit('logged', info));
    callback?.();
  }

  /** Delivers everything handed over so far; resolves when each line is settled. */
  flush(): Promise<void> {
    return this.client.flush();
  }

  /** Drains and closes the transport's own client (a shared `client` is only flushed). */
  shutdown(): Promise<void> {
    return this.#owned === undefined ? this.client.flush() : this.#owned.shutdown();
  }

  /** winston calls this when the transport is removed or the logger closes. */
  override close(): void {
    void this.shutdown();
  }

  /** `logger.end()` reaches here: the transport's 'finish' waits for the drain. */
  override _final(callback: (error?: Error | null) => void): void {
    this.shutdown().then(
      () => callback(),
      () => callback(),
    );
  }
}
