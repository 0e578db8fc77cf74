import type { Clock, TimerHandle } from '../clock/clock.js';
import type { DeliveryGate } from './delivery-gate.js';
import type { RecordBatch } from './record-batch.js';
import type { RecordQueue } from './record-queue.js';
import { createStallThreshold } from './stall-threshold.js';

/** Requests in flight, stalled ones included, are at most this many times `maxInFlight`. */
export const MAX_IN_FLIGHT_FACTOR = 8;

/**
 * Starts requests for due batches as the gate and the in-flight limits allow. A request left
 * unanswered far longer than this server usually takes (see `stall-threshold.ts`) stops holding
 * one of the `maxInFlight` slots, so a server that leaves some requests hanging until the
 * timeout does not stall the rest. Such requests are bounded too: all requests together stay
 * within {@link MAX_IN_FLIGHT_FACTOR} × `maxInFlight` and the byte budget of `maxInFlight` full
 * batches. Against a server that is slow for every request, new ones start only as often as
 * requests stall, so load grows by at most `maxInFlight` per stall threshold.
 */
export interface RequestPump {
  /** Starts what may start now, and arms one wake-up timer for when more may. */
  pump(): void;
  /** Re-arms the wake-up timer so that it keeps the process alive for a flush. */
  keepAlive(): void;
  /** The requests in flight, settled when their batch is. */
  running(): Promise<unknown>[];
  /** Clears the client's timers (shutdown). */
  stop(): void;
}

export interface RequestPumpParts {
  queue: RecordQueue;
  gate: DeliveryGate;
  clock: Clock;
  maxInFlight: number;
  maxBatchBytes: number;
  /** Sends one batch and settles or requeues it; resolves true when the server answered. */
  attempt: (batch: RecordBatch, probe: boolean) => Promise<boolean>;
  /** Shutdown gave up: nothing starts any more. */
  isAbandoned: () => boolean;
  /** Someone awaits `flush()`/`shutdown()`: timers then keep the process alive. */
  isAwaited: () => boolean;
  guarded: (work: () => void) => void;
}

export function createRequestPump(parts: RequestPumpParts): RequestPump {
  const { queue, gate, clock, maxInFlight, attempt, isAbandoned, isAwaited, guarded } = parts;
  const byteBudget = maxInFlight * parts.maxBatchBytes;
  const running = new Set<Promise<unknown>>();
  const stallThreshold = createStallThreshold();
  let stalled = 0;
  let wakeTimer: TimerHandle | undefined;
  let wakeAtMs = 0;

  function pump() {
    if (isAbandoned()) return;
    const now = clock.now();
    for (;;) {
      const inFlight = queue.inFlightBatches;
      if (gate.allowance(now) <= 0) break;
      if (inFlight - stalled >= maxInFlight || inFlight >= MAX_IN_FLIGHT_FACTOR * maxInFlight) break;
      const probe = gate.inOutage;
      const batch = queue.startNext(now, { probe, maxBytes: byteBudget - queue.inFlightBytes });
      if (batch === undefined) break;
      launch(batch, probe);
    }
    armWake(now);
  }

  function launch(batch: RecordBatch, probe: boolean) {
    let isStalled = false;
    const startedAt = clock.now();
    gate.onStart();
    const stallTimer = clock.setTimeout(() => {
      isStalled = true;
      stalled++;
      guarded(pump);
    }, stallThreshold.current());
    const finished = (answered: boolean) => {
      gate.onEnd(probe);
      clock.clearTimeout(stallTimer);
      if (isStalled) stalled--;
      if (answered) stallThreshold.record(clock.now() - startedAt);
      running.delete(request);
      guarded(pump);
    };
    const request = attempt(batch, probe).then(finished, () => finished(false));
    running.add(request);
  }

  /** One timer, for the earliest time something waiting may start: a due time or the gate. */
  function armWake(now: number) {
    let at: number | undefined;
    if (queue.waitingBatches > 0) {
      const gateOpens = gate.opensAtMs(now);
      const due = gate.inOutage ? now : (queue.earliestDueAtMs() ?? now);
      at = Math.max(gateOpens ?? now, due);
    }
    // Due now but no free slot: the request that finishes will pump.
    if (at === undefined || at <= now) {
      clearWake();
      return;
    }
    if (wakeTimer !== undefined && wakeAtMs === at) return;
    clearWake();
    wakeAtMs = at;
    wakeTimer = clock.setTimeout(
      () => {
        wakeTimer = undefined;
        guarded(pump);
      },
      at - now,
      isAwaited(),
    );
  }

  function clearWake() {
    if (wakeTimer !== undefined) clock.clearTimeout(wakeTimer);
    wakeTimer = undefined;
  }

  return {
    pump,
    keepAlive() {
      if (wakeTimer === undefined) return;
      clearWake();
      pump();
    },
    running: () => [...running],
    stop: clearWake,
  };
}
