import type { ShoptelConfig } from '../config/config-types.js';
import type { AbortSignalLike } from '../transport/transport.js';
import { createRecordSerializer } from '../wire/serialize-record.js';
import { createUuidV7Source } from '../wire/uuid-v7.js';
import { createClientLifecycle } from './client-lifecycle.js';
import { type ClientOptions, resolveClientOptions } from './client-options.js';
import type { ClientStats } from './client-stats.js';
import { createBatchAssembler } from './create-batch-assembler.js';
import { createBatchDelivery } from './create-batch-delivery.js';
import { createBatchTimers } from './create-batch-timers.js';
import { createRequestPump } from './create-request-pump.js';
import { createSafeReporter } from './create-safe-reporter.js';
import { createSend } from './create-send.js';
import { createShutdown } from './create-shutdown.js';
import { DeliveryErrorReason } from './delivery-error.js';
import { createDeliveryGate, outageThreshold } from './delivery-gate.js';
import { describeValue } from './describe-value.js';
import { createRecordQueue } from './record-queue.js';
import { waitForBatches } from './wait-for-batches.js';

declare const AbortController: new () => { readonly signal: AbortSignalLike; abort(reason?: unknown): void };

/** The batching client every record of the SDK is shipped through. */
export interface ShoptelClient {
  /**
   * Queues one record for `stream` (normalised as OpenObserve does). Never throws and never
   * blocks: it serializes the record into its batch at once (about a microsecond for a dozen
   * fields), so the object may be changed or reused afterwards; HTTP happens later, off the
   * caller's path.
   *
   * `object`, not `Record<string, unknown>`, so a record typed by an interface or a class can be
   * passed without a cast; at run time anything but a plain object or class instance is refused
   * with `invalid_record`.
   */
  send(stream: string, record: object): void;
  /** Sends everything queued now and resolves when each of those records is settled. */
  flush(): Promise<void>;
  /**
   * Refuses new records, flushes, and resolves with the final stats. At `timeoutMs`, records
   * still queued are dropped and requests in flight aborted, all reported as `shutdown_timeout`.
   */
  shutdown(options?: { timeoutMs?: number }): Promise<ClientStats>;
  /**
   * A snapshot of the counters (`enqueued` always equals `sent + failed + dropped + queued +
   * inFlight`) and of what delivery is doing: outage mode, a server-asked pause, the last success.
   */
  stats(): ClientStats;
  /** The resolved configuration (credentials included: do not log it). */
  readonly config: ShoptelConfig;
}

/**
 * Creates the client. Validates options now (a bad value throws `ShoptelConfigError` naming the
 * field); starts no timer until the first record arrives.
 *
 * A pipeline around one {@link createRecordQueue record queue}, the only owner of where records
 * are: `send` serializes each record into its stream's batch; the batch timers close partly
 * filled batches and start requests on the next tick; the request pump starts due batches as the
 * {@link createDeliveryGate delivery gate} allows;
 * batch delivery sends each and settles, splits or requeues it with its own backoff; flush
 * waiters resolve as their batches settle; shutdown flushes, then abandons what is left.
 *
 * @example
 * const client = createClient({ url: 'http://localhost:5080', auth: { username, password } });
 * client.send('business_events', { action: 'order_paid', order_id: 'o-1', amount: 42 });
 * await client.shutdown();
 */
export function createClient(options: ClientOptions = {}): ShoptelClient {
  const o = resolveClientOptions(options);
  const { config, clock } = o;
  const { report, guarded } = createSafeReporter(o);
  const serialize = createRecordSerializer({
    flattenLevel: o.flattenLevel,
    maxStringLength: o.maxStringLength,
    maxFields: o.maxFieldsPerRecord,
    commonFields: o.commonFields,
    ingestWindow: o.ingestWindow,
    eventIds: createUuidV7Source(clock.now),
  });
  const queue = createRecordQueue({
    maxQueueEvents: o.maxQueueEvents,
    maxQueueBytes: o.maxQueueBytes,
    maxBatchBytes: o.maxBatchBytes,
    batchSize: config.batchSize,
    maxRecordBytes: Math.min(o.maxRecordBytes, o.maxBatchBytes - 2),
  });
  const gate = createDeliveryGate(o.backoff, o.random, outageThreshold(config.maxRetries));
  const lifecycle = createClientLifecycle();
  // One controller for every request: shutdown() aborts whatever is still in flight at its timeout.
  const abort = typeof AbortController === 'function' ? new AbortController() : undefined;

  const attempt = createBatchDelivery({
    queue,
    gate,
    clock,
    config,
    transport: o.transport,
    compressor: o.compressor,
    compressAboveBytes: o.compressAboveBytes,
    ingestPath: o.ingestPath,
    backoff: o.backoff,
    random: o.random,
    signal: abort?.signal,
    isAbandoned: () => lifecycle.isAbandoned,
    report,
    guarded,
  });
  const pump = createRequestPump({
    queue,
    gate,
    clock,
    maxInFlight: o.maxInFlight,
    maxBatchBytes: o.maxBatchBytes,
    attempt,
    isAbandoned: () => lifecycle.isAbandoned,
    isAwaited: () => lifecycle.isAwaited,
    guarded,
  });
  const timers = createBatchTimers({
    queue,
    clock,
    flushIntervalMs: config.flushIntervalMs,
    maxQueueEvents: o.maxQueueEvents,
    maxQueueBytes: o.maxQueueBytes,
    pump: pump.pump,
    report,
    guarded,
  });
  const assemble = createBatchAssembler({
    queue,
    serialize,
    maxRecordBytes: Math.min(o.maxRecordBytes, o.maxBatchBytes - 2),
    report,
  });
  const send = createSend({ queue, assemble, timers, lifecycle, clock, beforeSend: o.beforeSend, report });

  function flush(): Promise<void> {
    try {
      timers.closeAll();
      const batches = queue.pendingBatches();
      if (batches.length === 0) return Promise.resolve();
      const done = lifecycle.await();
      pump.keepAlive();
      return waitForBatches(batches, done);
    } catch (error) {
      report({
        reason: DeliveryErrorReason.internal,
        message: `flush failed inside the client: ${describeValue(error)}`,
        count: 0,
      });
      return Promise.resolve();
    }
  }

  function stats(): ClientStats {
    const pausedUntil = gate.pausedUntilMs > clock.now() ? gate.pausedUntilMs : null;
    return { ...queue.counts(), outage: gate.inOutage, pausedUntil, lastSuccessAt: gate.lastSuccessAtMs };
  }

  const shutdown = createShutdown({
    queue,
    timers,
    pump,
    lifecycle,
    clock,
    flush,
    stats,
    abortInFlight: () => abort?.abort(),
    report,
  });

  return { send, flush, shutdown, stats, config };
}
