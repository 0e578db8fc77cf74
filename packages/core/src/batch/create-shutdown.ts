import type { Clock, TimerHandle } from '../clock/clock.js';
import type { ClientLifecycle } from './client-lifecycle.js';
import type { ClientStats } from './client-stats.js';
import type { BatchTimers } from './create-batch-timers.js';
import type { RequestPump } from './create-request-pump.js';
import { type DeliveryError, DeliveryErrorReason } from './delivery-error.js';
import type { RecordQueue } from './record-queue.js';

/** Node and browsers fire longer timer delays at once; such a shutdown timeout means "no limit". */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** How long shutdown() waits for aborted requests to settle. */
const ABORT_GRACE_MS = 1000;

/** Default time `shutdown()` waits for delivery. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

export interface ShutdownParts {
  queue: RecordQueue;
  timers: Pick<BatchTimers, 'stop'>;
  pump: Pick<RequestPump, 'stop' | 'running'>;
  lifecycle: ClientLifecycle;
  clock: Clock;
  flush: () => Promise<void>;
  stats: () => ClientStats;
  /** Aborts every request in flight. */
  abortInFlight: () => void;
  report: (error: DeliveryError) => void;
}

/**
 * Builds `shutdown`: refuses new records, flushes, and at the timeout drops what is still queued
 * and aborts what is in flight, all counted and reported as `shutdown_timeout`.
 */
export function createShutdown(
  parts: ShutdownParts,
): (options?: { timeoutMs?: number }) => Promise<ClientStats> {
  const { queue, lifecycle, clock, report } = parts;

  return async function shutdown(options: { timeoutMs?: number } = {}): Promise<ClientStats> {
    lifecycle.close();
    const given = options.timeoutMs;
    // Infinity means no limit; a missing, negative or NaN value (e.g. from a bad env variable)
    // means the default, never "drop everything at once" or "wait forever".
    const timeoutMs =
      given === Number.POSITIVE_INFINITY || (typeof given === 'number' && given >= 0)
        ? given
        : DEFAULT_SHUTDOWN_TIMEOUT_MS;
    let timer: TimerHandle | undefined;
    const waitForever = !(timeoutMs >= 0 && timeoutMs <= MAX_TIMER_MS);
    const timedOut = await Promise.race([
      parts.flush().then(() => false),
      new Promise<boolean>((resolve) => {
        if (!waitForever) timer = clock.setTimeout(() => resolve(true), timeoutMs, true);
      }),
    ]);
    if (timer !== undefined) clock.clearTimeout(timer);
    parts.timers.stop();
    parts.pump.stop();
    if (timedOut) {
      lifecycle.abandon();
      const left = queue.dropWaiting();
      if (left > 0) {
        report({
          reason: DeliveryErrorReason.shutdownTimeout,
          message: `shutdown timed out after ${timeoutMs} ms; dropped ${left} queued record(s)`,
          count: left,
        });
      }
      parts.abortInFlight();
      // Aborted requests settle at once and their records are counted as dropped; a transport
      // that ignores the signal gets a short grace, then stats() shows them still in flight.
      let grace: TimerHandle | undefined;
      await Promise.race([
        Promise.all(parts.pump.running()),
        new Promise<void>((resolve) => {
          grace = clock.setTimeout(resolve, ABORT_GRACE_MS, true);
        }),
      ]);
      clock.clearTimeout(grace);
    }
    return parts.stats();
  };
}
