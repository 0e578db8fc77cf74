import type { Clock, TimerHandle } from '../clock/clock.js';
import { type DeliveryError, DeliveryErrorReason } from './delivery-error.js';
import type { RecordQueue } from './record-queue.js';

/**
 * The client's two batching timers: the flush timer sends partly filled batches `flushIntervalMs`
 * after their first record (a timer, not a debounce), and the send timer starts requests for
 * batches that filled up, on the next tick rather than inside the caller's `send`.
 */
export interface BatchTimers {
  /** A record was added to a batch. */
  onAppended(): void;
  /** Closes every open batch and starts what may start now (`flush()`). */
  closeAll(): void;
  /** Clears the timers (shutdown). */
  stop(): void;
}

export interface BatchTimersParts {
  queue: RecordQueue;
  clock: Clock;
  flushIntervalMs: number;
  maxQueueEvents: number;
  maxQueueBytes: number;
  pump: () => void;
  report: (error: DeliveryError) => void;
  guarded: (work: () => void) => void;
}

export function createBatchTimers(parts: BatchTimersParts): BatchTimers {
  const { queue, clock, pump, report, guarded } = parts;
  let sendTimer: TimerHandle | undefined;
  let flushTimer: TimerHandle | undefined;

  function onSendTimer() {
    sendTimer = undefined;
    guarded(afterTick);
  }

  function onFlushTimer() {
    flushTimer = undefined;
    guarded(() => {
      queue.closeOpenBatches();
      afterTick();
    });
  }

  /** Drops are reported once a tick, summed, not once per record. */
  function afterTick() {
    const overflow = queue.takeOverflow();
    if (overflow > 0) {
      report({
        reason: DeliveryErrorReason.queueOverflow,
        message: `queue full (maxQueueEvents ${parts.maxQueueEvents}, maxQueueBytes ${parts.maxQueueBytes}); dropped the ${overflow} oldest records`,
        count: overflow,
      });
    }
    if (queue.hasOpenBatches) flushTimer ??= clock.setTimeout(onFlushTimer, parts.flushIntervalMs);
    pump();
  }

  return {
    onAppended() {
      if (queue.hasOpenBatches) flushTimer ??= clock.setTimeout(onFlushTimer, parts.flushIntervalMs);
      // A batch filled up (or records were dropped): act on the next tick.
      if (queue.waitingBatches > 0 || queue.overflowPending) sendTimer ??= clock.setTimeout(onSendTimer, 0);
    },
    closeAll() {
      queue.closeOpenBatches();
      if (flushTimer !== undefined) clock.clearTimeout(flushTimer);
      flushTimer = undefined;
      afterTick();
    },
    stop() {
      for (const timer of [sendTimer, flushTimer]) if (timer !== undefined) clock.clearTimeout(timer);
      sendTimer = flushTimer = undefined;
    },
  };
}
