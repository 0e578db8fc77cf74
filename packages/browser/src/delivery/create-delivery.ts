import { classifyStatus, readRetryAfterMs, retryDelayMs } from '@shoptel/core/retry';
import type { EventQueue, QueuedEvent } from '../queue/create-event-queue.js';
import type { Reporter } from '../report/report.js';
import type { Transport } from './transport.js';

/** Two requests at once: enough to keep one urgent purchase from waiting behind a slow batch. */
const MAX_IN_FLIGHT = 2;
/** The architecture's backoff: 1 s doubling with full jitter, capped at 60 s. */
const BACKOFF = { baseDelayMs: 1000, maxDelayMs: 60_000 };
/** No bound on a take (`Infinity`, spelt so that it minifies to three bytes). */
const UNBOUNDED = 1 / 0;

/**
 * A `Retry-After` date read by the browser's own `Date.parse`, which reads RFC 9110's GMT forms;
 * core's strict reader would cost the tag ~1 KB. Only a zone-less asctime date could be read in
 * local time, and the backoff's 60 s cap bounds what that costs.
 */
const readDate = (text: string) => {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
};

export interface DeliverySettings {
  maxBatchEvents: number;
  maxBatchBytes: number;
  flushIntervalMs: number;
}

export interface Delivery {
  /** An event was queued: send now when `urgent` or a batch is full, else within the interval. */
  schedule(urgent: boolean): void;
  /** Sends everything waiting; resolves when sent, refused, or waiting for the network. */
  flush(): Promise<void>;
  /** The page may be going away: beacon what is waiting. */
  exit(): void;
  /** The network is back (`online`) or sending was just allowed (consent): retry at once. */
  resume(): void;
  /** Cancels timers. */
  stop(): void;
}

/**
 * The flush controller: batches of `maxBatchEvents` / `maxBatchBytes` / `flushIntervalMs`,
 * the retry matrix and backoff from core (network errors, 408, 429 and 5xx retried without a
 * limit while the queue bound holds; 413 split; other statuses dropped and reported), a pause
 * while the browser is offline, and beacons at page exit.
 */
export function createDelivery(
  queue: EventQueue,
  settings: DeliverySettings,
  transport: Transport,
  canSend: () => boolean,
  report: Reporter,
): Delivery {
  const inFlight = new Set<Promise<void>>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let retries = 0;
  let waitUntilMs = 0;
  let draining = false;

  const online = () => navigator.onLine !== false;
  const ready = () => canSend() && online() && Date.now() >= waitUntilMs;
  const clearTimer = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  const wakeAt = (delayMs: number) => {
    clearTimer();
    timer = setTimeout(() => pump(true), delayMs);
  };

  const full = () => queue.count >= settings.maxBatchEvents || queue.bytes >= settings.maxBatchBytes;

  /**
   * Sends full batches only, so the event that did not fit a full batch waits for the next ones
   * instead of going alone (a request costs the page more main-thread time than tens of events);
   * `force` (the interval, `flush`, an urgent event, `resume`) drains everything waiting, partial
   * batches included, until the queue is empty. Whatever still waits has a timer: the backoff's
   * end or the flush interval.
   */
  function pump(force = false, urgent = false): void {
    if (force) {
      clearTimer();
      draining = true;
    }
    while ((draining || full()) && inFlight.size < MAX_IN_FLIGHT && queue.count > 0 && ready())
      send(queue.take(settings.maxBatchEvents, settings.maxBatchBytes), urgent);
    if (queue.count === 0) {
      draining = false;
      return;
    }
    if (timer) return;
    const backoffMs = waitUntilMs - Date.now();
    if (backoffMs > 0) wakeAt(backoffMs);
    else if (!draining) wakeAt(settings.flushIntervalMs);
  }

  function send(batch: QueuedEvent[], urgent = false): void {
    const promise = deliver(batch, urgent).then(() => {
      inFlight.delete(promise);
      pump();
    });
    inFlight.add(promise);
  }

  async function deliver(batch: QueuedEvent[], urgent: boolean): Promise<void> {
    let bytes = batch.length - 1;
    for (const event of batch) bytes += event.bytes;
    const answer = await transport.post(batch, bytes, urgent);
    const outcome = answer.status === 0 ? 'retry' : classifyStatus(answer.status);
    if (outcome === 'retry') {
      queue.requeue(batch);
      // Offline: the `online` event resumes, and the outage costs no backoff step.
      if (!online()) return;
      const now = Date.now();
      const delay = retryDelayMs(
        retries++,
        BACKOFF,
        Math.random,
        readRetryAfterMs(answer.retryAfter, now, readDate),
      );
      waitUntilMs = now + delay;
      wakeAt(delay);
      return;
    }
    if (outcome === 'split' && batch.length > 1) {
      queue.requeue(batch);
      const half = batch.length >> 1;
      send(queue.take(half, UNBOUNDED));
      send(queue.take(batch.length - half, UNBOUNDED));
      return;
    }
    queue.settle(batch);
    if (outcome === 'delivered') retries = 0;
    else report('dropped_by_status', batch.length, __SHOPTEL_DEBUG__ ? `HTTP ${answer.status}` : '');
  }

  return {
    schedule: (urgent) => pump(urgent, urgent),
    async flush() {
      pump(true);
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    exit() {
      if (!canSend() || !online() || queue.count === 0) return;
      const waiting = queue.take(UNBOUNDED, UNBOUNDED);
      const handed = transport.beacon(waiting, settings.maxBatchBytes, (events, accepted) => {
        if (accepted) queue.settle(events);
        else queue.requeue(events);
      });
      if (!handed) send(waiting, true);
    },
    resume() {
      retries = 0;
      waitUntilMs = 0;
      pump(true);
    },
    stop: clearTimer,
  };
}
