import type { Clock } from '../clock/clock.js';
import { systemClock } from '../clock/clock.js';
import type { Compressor } from '../compress/compressor.js';
import { ShoptelConfigError } from '../config/config-error.js';
import type { ShoptelConfig, ShoptelOptions } from '../config/config-types.js';
import { resolveConfig } from '../config/resolve-config.js';
import type { Transport } from '../transport/transport.js';
import { DEFAULT_FLATTEN_LEVEL } from '../wire/flatten-rules.js';
import {
  DEFAULT_INGEST_ALLOWED_FUTURE_MS,
  DEFAULT_INGEST_ALLOWED_PAST_MS,
  type IngestWindow,
} from '../wire/timestamp.js';
import { createDefaultErrorReporter } from './default-error-reporter.js';
import type { DeliveryError } from './delivery-error.js';

export const DEFAULT_MAX_QUEUE_EVENTS = 10_000;
export const DEFAULT_MAX_QUEUE_BYTES = 8 * 1024 * 1024;
export const DEFAULT_MAX_BATCH_BYTES = 1024 * 1024;
export const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;
export const DEFAULT_MAX_STRING_LENGTH = 65_536;
/** OpenObserve's `ZO_COLS_PER_RECORD_LIMIT`: a batch with more fields is discarded whole. */
export const DEFAULT_MAX_FIELDS_PER_RECORD = 1000;
export const DEFAULT_MAX_IN_FLIGHT = 2;
export const DEFAULT_RETRY_BASE_DELAY_MS = 1000;
export const DEFAULT_RETRY_MAX_DELAY_MS = 60_000;
export const DEFAULT_COMPRESS_ABOVE_BYTES = 32 * 1024;

/**
 * What `beforeSend` may return: the record (edited or replaced) to send it, or `null`/`false`
 * to leave it out.
 */
export type BeforeSend = (
  record: Record<string, unknown>,
  stream: string,
) => Record<string, unknown> | null | false | undefined;

/** Options of `createClient`: the shared config plus the client's own knobs and seams. */
export interface ClientOptions extends ShoptelOptions {
  /** How requests are made. @default a ky (fetch) transport */
  transport?: Transport;
  /** Gzip for large bodies; none by default in core (`@shoptel/core/node` has one). */
  compressor?: Compressor;
  /**
   * Bodies at least this large are compressed. @default 32768, and no compression for a loopback
   * URL unless this is set
   */
  compressAboveBytes?: number;
  /** @default the system clock */
  clock?: Clock;
  /** Jitter source, injectable for tests. @default Math.random */
  random?: () => number;
  /** Queue bound in records; the oldest are dropped beyond it, and counted. @default 10000 */
  maxQueueEvents?: number;
  /** Bound on serialized bytes held, waiting and in flight. @default 8 MiB */
  maxQueueBytes?: number;
  /** Request body bound; a batch is cut before it would pass this. @default 1 MiB */
  maxBatchBytes?: number;
  /** A larger serialized record is refused with `record_too_large`. @default 1 MiB */
  maxRecordBytes?: number;
  /** Longer string values are cut (and reported). @default 65536 */
  maxStringLength?: number;
  /**
   * A record with more wire fields (`_timestamp`, `event_time`, `event_id` and common fields
   * included) is refused as `invalid_record`: OpenObserve discards the whole batch of such a
   * record. Set it to the server's `ZO_COLS_PER_RECORD_LIMIT` if that was changed. @default 1000
   */
  maxFieldsPerRecord?: number;
  /** Requests at once. @default 2 */
  maxInFlight?: number;
  /** First backoff ceiling; doubles per retry, full jitter. @default 1000 */
  retryBaseDelayMs?: number;
  /** Backoff and `Retry-After` cap. @default 60000 */
  retryMaxDelayMs?: number;
  /** The server's `_timestamp` window (OpenObserve: 5 h back, 24 h ahead). */
  ingestWindow?: Partial<IngestWindow>;
  /** Nested objects deeper than this become JSON strings, as OpenObserve does. @default 3 */
  flattenLevel?: number;
  /** Fields added to every record, such as `{ service: 'checkout', sdk: 'shoptel-node/1.0.0' }`. */
  commonFields?: Record<string, string | number | boolean>;
  /** Edit or drop a record before it is queued; runs inside `send`. */
  beforeSend?: BeforeSend;
  /**
   * Every loss, refusal and repair, with a reason. May be async; a throw or a rejected promise is
   * ignored (it never reaches the host as an unhandled rejection).
   */
  onError?: (error: DeliveryError) => void;
  /** Ingest path under `/api/{org}/`, as a function of the stream. @default `${stream}/_json` */
  ingestPath?: (stream: string) => string;
}

export interface ResolvedClientOptions {
  config: ShoptelConfig;
  transport: Transport | undefined;
  compressor: Compressor | undefined;
  compressAboveBytes: number;
  clock: Clock;
  random: () => number;
  maxQueueEvents: number;
  maxQueueBytes: number;
  maxBatchBytes: number;
  maxRecordBytes: number;
  maxStringLength: number;
  maxFieldsPerRecord: number;
  maxInFlight: number;
  backoff: { baseDelayMs: number; maxDelayMs: number };
  ingestWindow: IngestWindow;
  flattenLevel: number;
  commonFields: Record<string, string | number | boolean>;
  beforeSend: BeforeSend | undefined;
  onError: (error: DeliveryError) => void;
  ingestPath: (stream: string) => string;
}

const MAX_TIMER_MS = 2 ** 31 - 1;
const RESERVED_COMMON_KEYS = new Set(['_timestamp', 'event_time', 'event_id']);

/** Common fields go into every record, so a bad one would break every request: refuse it now. */
function checkCommonFields(
  fields: Record<string, unknown>,
  problems: { field: string; message: string }[],
): Record<string, string | number | boolean> {
  if (typeof fields !== 'object' || fields === null) {
    problems.push({ field: 'commonFields', message: 'must be an object of strings, numbers and booleans' });
    return {};
  }
  for (const [key, value] of Object.entries(fields)) {
    if (key === '' || RESERVED_COMMON_KEYS.has(key)) {
      problems.push({
        field: `commonFields.${key}`,
        message: 'is set per record by the client and cannot be a common field',
      });
      continue;
    }
    const ok =
      typeof value === 'string' ||
      typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value));
    if (!ok) {
      problems.push({
        field: `commonFields.${key}`,
        message: `must be a string, a finite number or a boolean; got ${value === undefined ? 'undefined' : typeof value}`,
      });
    }
  }
  return fields as Record<string, string | number | boolean>;
}

const LOOPBACK_URL = /^https?:\/\/(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?(\/|$)/i;

/** Validates and fills defaults once; throws `ShoptelConfigError` naming each bad field. */
export function resolveClientOptions(options: ClientOptions): ResolvedClientOptions {
  const config = resolveConfig(options);
  const problems: { field: string; message: string }[] = [];
  const positive = (field: keyof ClientOptions, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER) => {
    const value = options[field];
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      problems.push({ field, message: `must be a whole number from ${min} to ${max}; got ${String(value)}` });
      return fallback;
    }
    return value;
  };
  const resolved: ResolvedClientOptions = {
    config,
    transport: options.transport,
    compressor: options.compressor,
    // By default a loopback server gets no compression: it costs CPU and saves nothing there.
    compressAboveBytes:
      options.compressAboveBytes === undefined && LOOPBACK_URL.test(config.url)
        ? Number.POSITIVE_INFINITY
        : positive('compressAboveBytes', DEFAULT_COMPRESS_ABOVE_BYTES, 0),
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
    maxQueueEvents: positive('maxQueueEvents', DEFAULT_MAX_QUEUE_EVENTS),
    maxQueueBytes: positive('maxQueueBytes', DEFAULT_MAX_QUEUE_BYTES, 1024),
    maxBatchBytes: positive('maxBatchBytes', DEFAULT_MAX_BATCH_BYTES, 256),
    maxRecordBytes: positive('maxRecordBytes', DEFAULT_MAX_RECORD_BYTES, 64),
    maxStringLength: positive('maxStringLength', DEFAULT_MAX_STRING_LENGTH, 16),
    // Room for the three fields every record has, the common fields and one of its own.
    maxFieldsPerRecord: positive(
      'maxFieldsPerRecord',
      DEFAULT_MAX_FIELDS_PER_RECORD,
      4 + Object.keys(options.commonFields ?? {}).length,
    ),
    maxInFlight: positive('maxInFlight', DEFAULT_MAX_IN_FLIGHT),
    backoff: {
      // Timers cannot hold longer delays (they would fire at once).
      baseDelayMs: positive('retryBaseDelayMs', DEFAULT_RETRY_BASE_DELAY_MS, 0, MAX_TIMER_MS),
      maxDelayMs: positive('retryMaxDelayMs', DEFAULT_RETRY_MAX_DELAY_MS, 0, MAX_TIMER_MS),
    },
    ingestWindow: {
      allowedPastMs: options.ingestWindow?.allowedPastMs ?? DEFAULT_INGEST_ALLOWED_PAST_MS,
      allowedFutureMs: options.ingestWindow?.allowedFutureMs ?? DEFAULT_INGEST_ALLOWED_FUTURE_MS,
    },
    flattenLevel: positive('flattenLevel', DEFAULT_FLATTEN_LEVEL),
    commonFields: checkCommonFields(options.commonFields ?? {}, problems),
    beforeSend: options.beforeSend,
    onError: options.onError ?? createDefaultErrorReporter(() => (options.clock ?? systemClock).now()),
    ingestPath: options.ingestPath ?? ((stream) => `${stream}/_json`),
  };
  for (const [field, value] of [
    ['beforeSend', options.beforeSend],
    ['onError', options.onError],
    ['ingestPath', options.ingestPath],
  ] as const) {
    if (value !== undefined && typeof value !== 'function') {
      problems.push({ field, message: `must be a function; got ${typeof value}` });
    }
  }
  for (const key of ['allowedPastMs', 'allowedFutureMs'] as const) {
    const value = options.ingestWindow?.[key];
    if (value !== undefined && !(typeof value === 'number' && value > 60_000 && Number.isFinite(value))) {
      problems.push({ field: `ingestWindow.${key}`, message: 'must be a number of ms above one minute' });
    }
  }
  // Requests in flight hold their bytes until answered; the queue must still have room for one
  // more batch besides them, or the byte bound would drop every record that arrives meanwhile.
  const inFlightBytes = resolved.maxInFlight * resolved.maxBatchBytes;
  if (inFlightBytes + resolved.maxBatchBytes > resolved.maxQueueBytes) {
    problems.push({
      field: 'maxQueueBytes',
      message: `must hold the requests in flight plus one more batch: (maxInFlight ${resolved.maxInFlight} + 1) × maxBatchBytes ${resolved.maxBatchBytes} = ${inFlightBytes + resolved.maxBatchBytes} bytes, but it is ${resolved.maxQueueBytes}; raise maxQueueBytes or lower maxBatchBytes or maxInFlight`,
    });
  }
  if (problems.length > 0) throw new ShoptelConfigError(problems);
  return resolved;
}
