import type { ClientState } from './client-state.js';
import type { BatchAssembler } from './create-batch-assembler.js';
import { DeliveryErrorReason } from './delivery-error.js';
import { describeValue } from './describe-value.js';

/** Records serialized per timer tick: about 10 default batches, a few ms of the event loop. */
const DRAIN_SLICE_RECORDS = 1000;

/** Moves records from the intake into batches, on the client's drain and flush timers. */
export interface Drain {
  /**
   * Serializes the intake into per-stream batches; `force` also closes partly filled ones once
   * the intake is empty. Timer-driven drains take at most `maxRecords` per tick and continue on
   * the next, so a burst of thousands of records never blocks the host's event loop for long.
   */
  drain(force: boolean, maxRecords?: number): void;
  /** The drain timer (a full batch's worth arrived): serializes one slice. */
  onDrainTimer(): void;
  /** The flush timer (`flushIntervalMs` passed): serializes and closes partly filled batches. */
  onFlushTimer(): void;
}

export function createDrain(s: ClientState, assembler: BatchAssembler, pump: () => void): Drain {
  const { o, counters, intake, open, report, guarded } = s;
  const { config, clock } = o;
  const { addSerialized, closeBatch } = assembler;

  function onDrainTimer() {
    s.drainTimer = undefined;
    guarded(() => drain(false, DRAIN_SLICE_RECORDS));
  }

  function onFlushTimer() {
    s.flushTimer = undefined;
    guarded(() => drain(true, DRAIN_SLICE_RECORDS));
  }

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
          message: `record dropped: ${describeValue(error)}`,
          stream,
          count: 1,
        });
      }
    }, maxRecords);
    if (force) s.closeWhenDrained = true;
    if (intake.size > 0) {
      s.drainTimer ??= clock.setTimeout(onDrainTimer, 0);
    } else if (s.closeWhenDrained) {
      s.closeWhenDrained = false;
      for (const batch of [...open.values()]) closeBatch(batch);
    }
    if (s.overflow > 0) {
      report({
        reason: DeliveryErrorReason.queueOverflow,
        message: `queue full (maxQueueEvents ${o.maxQueueEvents}, maxQueueBytes ${o.maxQueueBytes}); dropped the ${s.overflow} oldest records`,
        count: s.overflow,
      });
      s.overflow = 0;
    }
    if (open.size === 0 && intake.size === 0 && s.flushTimer !== undefined) {
      clock.clearTimeout(s.flushTimer);
      s.flushTimer = undefined;
    } else if (open.size > 0 && s.flushTimer === undefined) {
      s.flushTimer = clock.setTimeout(onFlushTimer, config.flushIntervalMs);
    }
    pump();
  }

  return { drain, onDrainTimer, onFlushTimer };
}
