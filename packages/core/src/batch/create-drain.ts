import type { Clock, TimerHandle } from '../clock/clock.js';
import { type DeliveryError, DeliveryErrorReason } from './delivery-error.js';
import { describeValue } from './describe-value.js';
import type { RecordQueue } from './record-queue.js';

/** Records serialized per timer tick: about 10 default batches, a few ms of the event loop. */
const DRAIN_SLICE_RECORDS = 1000;

/** Moves records from the intake into batches, on the client's drain and flush timers. */
export interface Drain {
  /** A record was accepted: arms the flush timer, and the drain timer once a batch is full. */
  onAccepted(): void;
  /**
   * Serializes the whole intake now and closes partly filled batches (`flush()`), then lets the
   * pump start requests.
   */
  drainAll(): void;
  /** Clears the timers (shutdown). */
  stop(): void;
}

export interface DrainParts {
  queue: RecordQueue;
  clock: Clock;
  batchSize: number;
  flushIntervalMs: number;
  maxQueueEvents: number;
  maxQueueBytes: number;
  assemble: (stream: string, record: object, timeMs: number, nowMs: number) => void;
  pump: () => void;
  report: (error: DeliveryError) => void;
  guarded: (work: () => void) => void;
}

export function createDrain(parts: DrainParts): Drain {
  const { queue, clock, assemble, pump, report, guarded } = parts;
  let drainTimer: TimerHandle | undefined;
  let flushTimer: TimerHandle | undefined;
  /** A flush timer fired while the intake was still being drained in slices. */
  let closeWhenDrained = false;

  function onDrainTimer() {
    drainTimer = undefined;
    guarded(() => drain(false, DRAIN_SLICE_RECORDS));
  }

  function onFlushTimer() {
    flushTimer = undefined;
    guarded(() => drain(true, DRAIN_SLICE_RECORDS));
  }

  /**
   * Serializes up to `maxRecords` of the intake; `force` also closes partly filled batches once
   * the intake is empty. Timer-driven drains take one slice per tick, so a burst of thousands of
   * records never blocks the host's event loop for long.
   */
  function drain(force: boolean, maxRecords: number) {
    const now = clock.now();
    queue.takeIntake((stream, record, timeMs) => {
      try {
        assemble(stream, record, timeMs, now);
      } catch (error) {
        // A bug here must cost one record, counted, not the rest of the drain.
        queue.discard();
        report({
          reason: DeliveryErrorReason.internal,
          message: `record dropped: ${describeValue(error)}`,
          stream,
          count: 1,
        });
      }
    }, maxRecords);
    if (force) closeWhenDrained = true;
    if (queue.intakeSize > 0) {
      drainTimer ??= clock.setTimeout(onDrainTimer, 0);
    } else if (closeWhenDrained) {
      closeWhenDrained = false;
      queue.closeOpenBatches();
    }
    const overflow = queue.takeOverflow();
    if (overflow > 0) {
      report({
        reason: DeliveryErrorReason.queueOverflow,
        message: `queue full (maxQueueEvents ${parts.maxQueueEvents}, maxQueueBytes ${parts.maxQueueBytes}); dropped the ${overflow} oldest records`,
        count: overflow,
      });
    }
    if (!queue.hasOpenBatches && queue.intakeSize === 0) clearFlushTimer();
    else if (queue.hasOpenBatches) flushTimer ??= clock.setTimeout(onFlushTimer, parts.flushIntervalMs);
    pump();
  }

  function clearFlushTimer() {
    if (flushTimer !== undefined) clock.clearTimeout(flushTimer);
    flushTimer = undefined;
  }

  return {
    onAccepted() {
      flushTimer ??= clock.setTimeout(onFlushTimer, parts.flushIntervalMs);
      // Serialize on the next tick, not inside send(): the caller's path stays a push.
      if (queue.intakeSize >= parts.batchSize) drainTimer ??= clock.setTimeout(onDrainTimer, 0);
    },
    drainAll: () => drain(true, Number.POSITIVE_INFINITY),
    stop() {
      clearFlushTimer();
      if (drainTimer !== undefined) clock.clearTimeout(drainTimer);
      drainTimer = undefined;
    },
  };
}
