import type { TimerHandle } from '../clock/clock.js';
import { authorizationHeader } from '../config/authorization-header.js';
import type { ShoptelConfig } from '../config/config-types.js';
import { createKyTransport } from '../transport/create-ky-transport.js';
import { type AbortSignalLike, TransportError, type TransportResponse } from '../transport/transport.js';
import { normalizeStreamName } from '../wire/normalize-stream-name.js';
import { createRecordSerializer } from '../wire/serialize-record.js';
import { createUuidV7Generator } from '../wire/uuid-v7.js';
import { type ClientOptions, resolveClientOptions } from './client-options.js';
import type { ClientStats } from './client-stats.js';
import { type DeliveryError, DeliveryErrorReason } from './delivery-error.js';
import { readIngestResponse, readServerMessage } from './ingest-response.js';
import { createIntakeRing } from './intake-ring.js';
import { describeRefusedRecord, isSendableRecord } from './is-sendable-record.js';
import {
  appendToBatch,
  batchBody,
  createBatch,
  eventIdsOf,
  type FlushWaiter,
  type RecordBatch,
  shiftFromBatch,
  splitBatch,
  utf8Length,
} from './record-batch.js';
import { classifyStatus, parseRetryAfterMs, retryDelayMs } from './retry-policy.js';

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

declare const AbortController: new () => { readonly signal: AbortSignalLike; abort(reason?: unknown): void };

/** Records serialized per timer tick: about 10 default batches, a few ms of the event loop. */
const DRAIN_SLICE_RECORDS = 1000;

/** Node and browsers fire longer timer delays at once; such a shutdown timeout means "no limit". */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** How long shutdown() waits for aborted requests to settle. */
const ABORT_GRACE_MS = 1000;

/** Default time `shutdown()` waits for delivery. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * Creates the client. Validates options now (a bad value throws `ShoptelConfigError` naming the
 * field); starts no timer until the first record arrives.
 *
 * @example
 * const client = createClient({ url: 'http://localhost:5080', auth: { username, password } });
 * client.send('business_events', { action: 'order_paid', order_id: 'o-1', amount: 42 });
 * await client.shutdown();
 */
export function createClient(options: ClientOptions = {}): ShoptelClient {
  const o = resolveClientOptions(options);
  const { config, clock } = o;
  const transport = o.transport ?? createKyTransport();
  const authorization = authorizationHeader(config.auth);
  const ingestBase = `${config.url}/api/${encodeURIComponent(config.organization)}/`;
  const serialize = createRecordSerializer({
    flattenLevel: o.flattenLevel,
    maxStringLength: o.maxStringLength,
    commonFields: o.commonFields,
    ingestWindow: o.ingestWindow,
    newEventId: createUuidV7Generator(clock.now),
  });

  const counters = {
    enqueued: 0,
    sent: 0,
    failed: 0,
    dropped: 0,
    retried: 0,
    bytes: 0,
    filtered: 0,
    repaired: 0,
  };
  const intake = createIntakeRing(o.maxQueueEvents);
  const open = new Map<string, RecordBatch>(); // batches being filled, one per stream
  const ready: RecordBatch[] = []; // full batches in send order; retries go back to the front
  const inFlight = new Set<RecordBatch>();
  const attempts = new Set<Promise<void>>();
  // One controller for every request: shutdown() aborts whatever is still in flight at its timeout.
  const abortInFlight = typeof AbortController === 'function' ? new AbortController() : undefined;
  const streamNames = new Map<string, string>();
  let openRecords = 0;
  let readyRecords = 0;
  let inFlightRecords = 0;
  let heldBytes = 0; // serialized bytes held: open, ready and in-flight batches
  let overflow = 0; // drops not yet reported: reported once per drain, not once per record
  let drainTimer: TimerHandle | undefined;
  let flushTimer: TimerHandle | undefined;
  let resumeTimer: TimerHandle | undefined;
  let pausedUntil = 0;
  let closed = false;
  let flushWaiters = 0;
  let closeWhenDrained = false; // a flush timer fired while the intake was still being drained
  let abandoned = false;

  const report = (error: DeliveryError) => {
    try {
      const returned: unknown = o.onError(error);
      // An async handler (`async (e) => await sentry.send(e)`) that rejects would otherwise be an
      // unhandled rejection, which ends a Node process by default.
      if (typeof (returned as { then?: unknown } | undefined)?.then === 'function') {
        (returned as PromiseLike<unknown>).then(undefined, () => {});
      }
    } catch {
      // A throwing onError must not break delivery.
    }
  };

  const queuedCount = () => intake.size + openRecords + readyRecords;

  function streamKey(stream: unknown): string | undefined {
    if (typeof stream !== 'string') return undefined;
    let name = streamNames.get(stream);
    if (name === undefined) {
      name = normalizeStreamName(stream);
      if (name === '') return undefined;
      if (streamNames.size < 1000) streamNames.set(stream, name);
    }
    return name;
  }

  function send(stream: string, record: object): void {
    try {
      if (closed) {
        counters.enqueued++;
        counters.dropped++;
        report({
          reason: DeliveryErrorReason.clientClosed,
          message: 'send() after shutdown(); record dropped',
          count: 1,
        });
        return;
      }
      let accepted: unknown = record;
      if (o.beforeSend !== undefined && isSendableRecord(accepted)) {
        let edited: unknown;
        try {
          edited = o.beforeSend(accepted, streamKey(stream) ?? String(stream));
        } catch (error) {
          counters.enqueued++;
          counters.failed++;
          report({
            reason: DeliveryErrorReason.beforeSendFailed,
            message: `beforeSend threw (${describe(error)}); the record was dropped rather than sent unfiltered`,
            count: 1,
          });
          return;
        }
        if (edited === null || edited === false) {
          counters.filtered++;
          return;
        }
        if (typeof (edited as { then?: unknown } | undefined)?.then === 'function') {
          // Handle its rejection, or an async beforeSend that throws would crash the host.
          (edited as PromiseLike<unknown>).then(undefined, () => {});
          counters.enqueued++;
          counters.failed++;
          report({
            reason: DeliveryErrorReason.beforeSendFailed,
            message: 'beforeSend returned a Promise; it must return the record (or null) synchronously',
            count: 1,
          });
          return;
        }
        if (edited !== undefined && !isSendableRecord(edited)) {
          counters.enqueued++;
          counters.failed++;
          report({
            reason: DeliveryErrorReason.beforeSendFailed,
            message: `beforeSend must return a plain object, null or false; it returned ${describeRefusedRecord(edited)}, so the record was dropped`,
            count: 1,
          });
          return;
        }
        if (edited !== undefined) accepted = edited;
      }
      const name = streamKey(stream);
      if (name === undefined || !isSendableRecord(accepted)) {
        counters.enqueued++;
        counters.failed++;
        const kind = describeRefusedRecord(accepted);
        report({
          reason: DeliveryErrorReason.invalidRecord,
          message:
            name === undefined
              ? `stream must be a non-empty string; got ${describe(stream)}`
              : `a record must be a plain object; got ${kind}${kind === 'an Error' ? ' (send it as a field, { error }, to get its name, message and stack)' : ''}`,
          count: 1,
          ...(name === undefined ? {} : { stream: name }),
        });
        return;
      }
      counters.enqueued++;
      // Retried batches can push the total past the bound while the intake is full: the new
      // record always needs a free slot in the intake itself.
      if (intake.size >= o.maxQueueEvents) dropFromIntake();
      else if (queuedCount() >= o.maxQueueEvents) dropOldest();
      intake.push(name, accepted, clock.now());
      if (flushTimer === undefined) flushTimer = clock.setTimeout(onFlushTimer, config.flushIntervalMs);
      if (intake.size >= config.batchSize && drainTimer === undefined) {
        // Serialize on the next tick, not here: the caller's path stays a push.
        drainTimer = clock.setTimeout(onDrainTimer, 0);
      }
    } catch (error) {
      report({
        reason: DeliveryErrorReason.internal,
        message: `send failed inside the client: ${describe(error)}`,
        count: 0,
      });
    }
  }

  function onDrainTimer() {
    drainTimer = undefined;
    guarded(() => drain(false, DRAIN_SLICE_RECORDS));
  }

  function onFlushTimer() {
    flushTimer = undefined;
    guarded(() => drain(true, DRAIN_SLICE_RECORDS));
  }

  function guarded(work: () => void) {
    try {
      work();
    } catch (error) {
      report({ reason: DeliveryErrorReason.internal, message: `client error: ${describe(error)}`, count: 0 });
    }
  }

  /**
   * Serializes the intake into per-stream batches; `force` also closes partly filled ones once
   * the intake is empty. Timer-driven drains take at most `maxRecords` per tick and continue on
   * the next, so a burst of thousands of records never blocks the host's event loop for long.
   */
  function drain(force: boolean, maxRecords = Number.POSITIVE_INFINITY) {
    const now = clock.now();
    intake.drain((stream, record, timeMs) => {
      try {
        addSerialized(stream, record, timeMs, now);
      } catch (error) {
        // A bug here must cost one record, counted, not the rest of the drain.
        counters.failed++;
        report({
          reason: DeliveryErrorReason.internal,
          message: `record dropped: ${describe(error)}`,
          stream,
          count: 1,
        });
      }
    }, maxRecords);
    if (force) closeWhenDrained = true;
    if (intake.size > 0) {
      drainTimer ??= clock.setTimeout(onDrainTimer, 0);
    } else if (closeWhenDrained) {
      closeWhenDrained = false;
      for (const batch of [...open.values()]) closeBatch(batch);
    }
    if (overflow > 0) {
      report({
        reason: DeliveryErrorReason.queueOverflow,
        message: `queue full (maxQueueEvents ${o.maxQueueEvents}, maxQueueBytes ${o.maxQueueBytes}); dropped the ${overflow} oldest records`,
        count: overflow,
      });
      overflow = 0;
    }
    if (open.size === 0 && intake.size === 0 && flushTimer !== undefined) {
      clock.clearTimeout(flushTimer);
      flushTimer = undefined;
    } else if (open.size > 0 && flushTimer === undefined) {
      flushTimer = clock.setTimeout(onFlushTimer, config.flushIntervalMs);
    }
    pump();
  }

  function addSerialized(stream: string, record: object, timeMs: number, now: number) {
    const result = serialize(record, timeMs, now);
    if (!result.ok) {
      counters.failed++;
      report({ reason: DeliveryErrorReason.invalidRecord, message: result.problem, stream, count: 1 });
      return;
    }
    if (result.notes !== undefined) {
      counters.repaired++;
      report({
        reason: DeliveryErrorReason.recordRepaired,
        message: `record ${result.eventId} sent with ${result.notes.length} repair(s): ${result.notes[0]!.path}: ${result.notes[0]!.problem}`,
        stream,
        count: 1,
        eventIds: [result.eventId],
        details: result.notes,
      });
    }
    const bytes = utf8Length(result.json);
    if (bytes > o.maxRecordBytes || bytes + 2 > o.maxBatchBytes) {
      counters.failed++;
      report({
        reason: DeliveryErrorReason.recordTooLarge,
        message: `record ${result.eventId} is ${bytes} bytes serialized; the limit is ${Math.min(o.maxRecordBytes, o.maxBatchBytes - 2)}`,
        stream,
        count: 1,
        eventIds: [result.eventId],
      });
      return;
    }
    let batch = open.get(stream);
    if (batch !== undefined && batch.bytes + bytes + 1 > o.maxBatchBytes) {
      closeBatch(batch);
      batch = undefined;
    }
    if (batch === undefined) {
      batch = createBatch(stream);
      open.set(stream, batch);
      heldBytes += batch.bytes;
    }
    const before = batch.bytes;
    appendToBatch(batch, result.json, bytes);
    heldBytes += batch.bytes - before;
    openRecords++;
    if (batch.lines.length >= config.batchSize) closeBatch(batch);
    while (heldBytes > o.maxQueueBytes && queuedCount() > 0) dropOldest();
  }

  function closeBatch(batch: RecordBatch) {
    open.delete(batch.stream);
    if (batch.lines.length === 0) {
      heldBytes -= batch.bytes;
      return;
    }
    openRecords -= batch.lines.length;
    readyRecords += batch.lines.length;
    ready.push(batch);
  }

  /** Drops the oldest queued record: waiting batches first (oldest data), then the intake. */
  function dropOldest() {
    const batch = ready[0] ?? firstOpenBatch();
    if (batch !== undefined) {
      heldBytes -= shiftFromBatch(batch);
      if (ready[0] === batch) readyRecords--;
      else openRecords--;
      if (batch.lines.length === 0) {
        heldBytes -= batch.bytes;
        if (ready[0] === batch) ready.shift();
        else open.delete(batch.stream);
        settle(batch);
      }
    } else if (intake.dropOldest() === undefined) {
      return;
    }
    counters.dropped++;
    overflow++;
  }

  function dropFromIntake() {
    if (intake.dropOldest() === undefined) return;
    counters.dropped++;
    overflow++;
  }

  function firstOpenBatch(): RecordBatch | undefined {
    for (const batch of open.values()) if (batch.lines.length > 0) return batch;
    return undefined;
  }

  function pump() {
    if (abandoned) return;
    const now = clock.now();
    if (now < pausedUntil) {
      if (resumeTimer === undefined) {
        // While someone awaits flush()/shutdown(), the backoff wait keeps the process alive.
        resumeTimer = clock.setTimeout(
          () => {
            resumeTimer = undefined;
            guarded(pump);
          },
          pausedUntil - now,
          flushWaiters > 0,
        );
      }
      return;
    }
    while (inFlight.size < o.maxInFlight && ready.length > 0) {
      const batch = ready.shift()!;
      readyRecords -= batch.lines.length;
      inFlight.add(batch);
      inFlightRecords += batch.lines.length;
      const running = attempt(batch);
      attempts.add(running);
      void running.finally(() => attempts.delete(running));
    }
  }

  async function attempt(batch: RecordBatch) {
    let response: TransportResponse | undefined;
    let failure: unknown;
    let wireBytes = batch.bytes;
    try {
      const body = batchBody(batch);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (authorization !== undefined) headers.authorization = authorization;
      let payload: string | Uint8Array = body;
      if (o.compressor !== undefined && batch.bytes >= o.compressAboveBytes) {
        payload = await o.compressor.compress(body);
        headers['content-encoding'] = o.compressor.encoding;
        wireBytes = payload.byteLength;
      }
      response = await transport.send({
        url: ingestBase + o.ingestPath(batch.stream),
        method: 'POST',
        headers,
        body: payload,
        timeoutMs: config.timeoutMs,
        ...(abortInFlight === undefined ? {} : { signal: abortInFlight.signal }),
      });
    } catch (error) {
      failure = error;
    }
    inFlight.delete(batch);
    inFlightRecords -= batch.lines.length;
    heldBytes -= batch.bytes; // re-added below if the batch goes back to the queue
    guarded(() => {
      if (response === undefined) retryOrFail(batch, describeTransportFailure(failure));
      else handleResponse(batch, response, wireBytes);
    });
    guarded(pump);
  }

  function handleResponse(batch: RecordBatch, response: TransportResponse, wireBytes: number) {
    const count = batch.lines.length;
    const outcome = classifyStatus(response.status);
    if (outcome === 'delivered') {
      const accounting = readIngestResponse(response.body, count);
      counters.sent += accounting.successful;
      counters.failed += accounting.failed + accounting.missing;
      counters.bytes += wireBytes;
      if (accounting.failed > 0) {
        report({
          reason: DeliveryErrorReason.partialFailure,
          message: `server stored ${accounting.successful} of ${count} records in '${batch.stream}'; ${accounting.failed} failed: ${accounting.error ?? 'no reason given'}`,
          stream: batch.stream,
          count: accounting.failed,
          status: response.status,
          ...(accounting.error === undefined ? {} : { serverMessage: accounting.error }),
        });
      }
      if (accounting.missing > 0) {
        report({
          reason: DeliveryErrorReason.silentDrop,
          message: `server answered ${response.status} but accounted for ${count - accounting.missing} of ${count} records in '${batch.stream}'`,
          stream: batch.stream,
          count: accounting.missing,
          status: response.status,
        });
      }
      settle(batch);
    } else if (outcome === 'split' && count > 1 && abandoned) {
      retryOrFail(batch, `HTTP ${response.status}`, response); // counts the records as dropped
    } else if (outcome === 'split' && count > 1) {
      const [first, second] = splitBatch(batch);
      ready.unshift(first, second);
      readyRecords += count;
      heldBytes += first.bytes + second.bytes;
    } else if (outcome === 'retry') {
      const retryAfterMs = parseRetryAfterMs(response.headers['retry-after'], clock.now());
      retryOrFail(batch, `HTTP ${response.status}`, response, retryAfterMs);
    } else {
      counters.failed += count;
      const serverMessage = readServerMessage(response.body);
      report({
        reason:
          outcome === 'split' ? DeliveryErrorReason.recordTooLarge : DeliveryErrorReason.rejectedByServer,
        message: `server refused ${count} record(s) for '${batch.stream}' with HTTP ${response.status}${serverMessage ? `: ${serverMessage}` : ''}${hintFor(response.status)}`,
        stream: batch.stream,
        count,
        status: response.status,
        eventIds: eventIdsOf(batch),
        ...(serverMessage === undefined ? {} : { serverMessage }),
      });
      settle(batch);
    }
  }

  function retryOrFail(batch: RecordBatch, why: string, response?: TransportResponse, retryAfterMs?: number) {
    const count = batch.lines.length;
    if (abandoned) {
      counters.dropped += count;
      report({
        reason: DeliveryErrorReason.shutdownTimeout,
        message: `shutdown timed out with ${count} record(s) in flight to '${batch.stream}'; the request was abandoned (the server may or may not have stored them)`,
        stream: batch.stream,
        count,
        eventIds: eventIdsOf(batch),
      });
      settle(batch);
      return;
    }
    if (batch.retries >= config.maxRetries) {
      counters.failed += count;
      const serverMessage = response === undefined ? undefined : readServerMessage(response.body);
      report({
        reason: DeliveryErrorReason.retriesExhausted,
        message: `gave up on ${count} record(s) for '${batch.stream}' after ${batch.retries + 1} attempt(s); last: ${why}`,
        stream: batch.stream,
        count,
        eventIds: eventIdsOf(batch),
        ...(response === undefined ? {} : { status: response.status }),
        ...(serverMessage === undefined ? {} : { serverMessage }),
      });
      settle(batch);
      return;
    }
    const delay = retryDelayMs(batch.retries, o.backoff, o.random, retryAfterMs);
    batch.retries++;
    counters.retried += count;
    // One pause for the whole client: a failing server gets no other batch until it is due.
    pausedUntil = Math.max(pausedUntil, clock.now() + delay);
    ready.unshift(batch);
    readyRecords += count;
    heldBytes += batch.bytes;
  }

  function settle(batch: RecordBatch) {
    if (batch.waiters === undefined) return;
    for (const waiter of batch.waiters) {
      waiter.pending--;
      if (waiter.pending === 0) waiter.resolve();
    }
    batch.waiters = undefined;
  }

  function flush(): Promise<void> {
    try {
      drain(true);
      const batches = [...ready, ...inFlight];
      if (batches.length === 0) return Promise.resolve();
      flushWaiters++;
      if (resumeTimer !== undefined) {
        // Re-arm the backoff wait so it keeps the process alive for this flush.
        clock.clearTimeout(resumeTimer);
        resumeTimer = undefined;
        pump();
      }
      return new Promise<void>((resolve) => {
        const done = () => {
          flushWaiters--;
          resolve();
        };
        const waiter: FlushWaiter = { pending: batches.length, resolve: done };
        for (const batch of batches) {
          batch.waiters ??= new Set();
          batch.waiters.add(waiter);
        }
      });
    } catch (error) {
      report({
        reason: DeliveryErrorReason.internal,
        message: `flush failed inside the client: ${describe(error)}`,
        count: 0,
      });
      return Promise.resolve();
    }
  }

  async function shutdown(shutdownOptions: { timeoutMs?: number } = {}): Promise<ClientStats> {
    closed = true;
    const given = shutdownOptions.timeoutMs;
    // Infinity means no limit; a missing, negative or NaN value (e.g. from a bad env variable)
    // means the default, never "drop everything at once" or "wait forever".
    const timeoutMs =
      given === Number.POSITIVE_INFINITY || (typeof given === 'number' && given >= 0)
        ? given
        : DEFAULT_SHUTDOWN_TIMEOUT_MS;
    let timer: TimerHandle | undefined;
    // Infinity (or a delay past what timers can hold) means: wait as long as delivery takes.
    const waitForever = !(timeoutMs >= 0 && timeoutMs <= MAX_TIMER_MS);
    const timedOut = await Promise.race([
      flush().then(() => false),
      new Promise<boolean>((resolve) => {
        if (!waitForever) timer = clock.setTimeout(() => resolve(true), timeoutMs, true);
      }),
    ]);
    if (timer !== undefined) clock.clearTimeout(timer);
    for (const handle of [flushTimer, drainTimer, resumeTimer])
      if (handle !== undefined) clock.clearTimeout(handle);
    flushTimer = drainTimer = resumeTimer = undefined;
    if (timedOut) {
      abandonQueue(timeoutMs);
      abortInFlight?.abort();
      // Aborted requests settle at once and their records are counted as dropped; a transport
      // that ignores the signal gets a short grace, then stats() shows them still in flight.
      let grace: TimerHandle | undefined;
      await Promise.race([
        Promise.all([...attempts]),
        new Promise<void>((resolve) => {
          grace = clock.setTimeout(resolve, ABORT_GRACE_MS, true);
        }),
      ]);
      clock.clearTimeout(grace);
    }
    return stats();
  }

  function abandonQueue(timeoutMs: number) {
    abandoned = true;
    const left = queuedCount();
    if (left === 0) return;
    counters.dropped += left;
    for (const batch of [...ready, ...open.values()]) settle(batch);
    ready.length = 0;
    open.clear();
    intake.drain(() => {});
    openRecords = readyRecords = 0;
    heldBytes = [...inFlight].reduce((sum, batch) => sum + batch.bytes, 0);
    report({
      reason: DeliveryErrorReason.shutdownTimeout,
      message: `shutdown timed out after ${timeoutMs} ms; dropped ${left} queued record(s)`,
      count: left,
    });
  }

  function stats(): ClientStats {
    return { ...counters, queued: queuedCount(), inFlight: inFlightRecords };
  }

  return { send, flush, shutdown, stats, config };
}

function describe(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `'${value.slice(0, 80)}'` : typeof value;
}

function describeTransportFailure(error: unknown): string {
  if (error instanceof TransportError) return `${error.kind}: ${error.message}`;
  return `network: ${describe(error)}`;
}

function hintFor(status: number): string {
  if (status === 401)
    return ' (check OPENOBSERVE_TOKEN or OPENOBSERVE_USERNAME/OPENOBSERVE_PASSWORD; OpenObserve OSS accepts Basic auth only)';
  if (status === 403) return ' (the credentials lack permission for this organization or stream)';
  if (status === 404) return ' (check OPENOBSERVE_URL and OPENOBSERVE_ORGANIZATION)';
  return '';
}
