import type { ShoptelConfig } from '../config/config-types.js';
import { createRecordSerializer } from '../wire/serialize-record.js';
import { createUuidV7Generator } from '../wire/uuid-v7.js';
import { type ClientOptions, resolveClientOptions } from './client-options.js';
import { createClientState, queuedCount } from './client-state.js';
import type { ClientStats } from './client-stats.js';
import { createBatchAssembler } from './create-batch-assembler.js';
import { createBatchDelivery } from './create-batch-delivery.js';
import { createDrain } from './create-drain.js';
import { createRequestPump } from './create-request-pump.js';
import { createSend } from './create-send.js';
import { createShutdown } from './create-shutdown.js';
import { DeliveryErrorReason } from './delivery-error.js';
import { describeValue } from './describe-value.js';
import { waitForBatches } from './wait-for-batches.js';

/** The batching client every record of the SDK is shipped through. */
export interface ShoptelClient {
  /**
   * Queues one record for `stream` (normalised as OpenObserve does). Never throws and never
   * blocks: it stores a reference; serialization and HTTP happen later, off the caller's path.
   * Do not mutate the record afterwards: it is read when its batch is built.
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
  /** A snapshot of the counters; `enqueued` always equals `sent + failed + dropped + queued + inFlight`. */
  stats(): ClientStats;
  /** The resolved configuration (credentials included: do not log it). */
  readonly config: ShoptelConfig;
}

/**
 * Creates the client. Validates options now (a bad value throws `ShoptelConfigError` naming the
 * field); starts no timer until the first record arrives.
 *
 * The client is a pipeline over one shared {@link createClientState state object}: `send` pushes
 * into the intake ring; the drain serializes it into per-stream batches (batch assembler); the
 * request pump starts ready batches, which batch delivery sends, retries, splits or settles;
 * flush waiters resolve as their batches settle; shutdown flushes, then abandons what is left.
 *
 * @example
 * const client = createClient({ url: 'http://localhost:5080', auth: { username, password } });
 * client.send('business_events', { action: 'order_paid', order_id: 'o-1', amount: 42 });
 * await client.shutdown();
 */
export function createClient(options: ClientOptions = {}): ShoptelClient {
  const o = resolveClientOptions(options);
  const { config, clock } = o;
  const serialize = createRecordSerializer({
    flattenLevel: o.flattenLevel,
    maxStringLength: o.maxStringLength,
    commonFields: o.commonFields,
    ingestWindow: o.ingestWindow,
    newEventId: createUuidV7Generator(clock.now),
  });

  const s = createClientState(o);
  const { counters, ready, inFlight, report } = s;
  const assembler = createBatchAssembler(s, serialize);
  // Delivery and the pump call each other: a finished request starts the next one.
  const attempt = createBatchDelivery(s, () => requests.pump());
  const requests = createRequestPump(s, attempt);
  const { drain, onDrainTimer, onFlushTimer } = createDrain(s, assembler, requests.pump);
  const send = createSend(s, assembler, { onDrainTimer, onFlushTimer });

  function flush(): Promise<void> {
    try {
      drain(true);
      const batches = [...ready, ...inFlight];
      if (batches.length === 0) return Promise.resolve();
      s.flushWaiters++;
      requests.keepPauseAlive();
      return waitForBatches(batches, () => {
        s.flushWaiters--;
      });
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
    return { ...counters, queued: queuedCount(s), inFlight: s.inFlightRecords };
  }

  const shutdown = createShutdown(s, flush, stats);

  return { send, flush, shutdown, stats, config };
}
