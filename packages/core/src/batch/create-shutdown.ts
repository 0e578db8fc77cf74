import type { TimerHandle } from '../clock/clock.js';
import { type ClientState, queuedCount } from './client-state.js';
import type { ClientStats } from './client-stats.js';
import { DeliveryErrorReason } from './delivery-error.js';
import { settleBatch } from './wait-for-batches.js';

/** Node and browsers fire longer timer delays at once; such a shutdown timeout means "no limit". */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** How long shutdown() waits for aborted requests to settle. */
const ABORT_GRACE_MS = 1000;

/** Default time `shutdown()` waits for delivery. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * Builds `shutdown`: refuses new records, flushes, and at the timeout drops what is still queued
 * and aborts what is in flight, all counted and reported as `shutdown_timeout`.
 */
export function createShutdown(
  s: ClientState,
  flush: () => Promise<void>,
  stats: () => ClientStats,
): (options?: { timeoutMs?: number }) => Promise<ClientStats> {
  const { o, counters, intake, open, ready, inFlight, attempts, report } = s;
  const { clock } = o;

  async function shutdown(shutdownOptions: { timeoutMs?: number } = {}): Promise<ClientStats> {
    s.closed = true;
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
    for (const handle of [s.flushTimer, s.drainTimer, s.resumeTimer])
      if (handle !== undefined) clock.clearTimeout(handle);
    s.flushTimer = s.drainTimer = s.resumeTimer = undefined;
    if (timedOut) {
      abandonQueue(timeoutMs);
      s.abortInFlight?.abort();
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
    s.abandoned = true;
    const left = queuedCount(s);
    if (left === 0) return;
    counters.dropped += left;
    for (const batch of [...ready, ...open.values()]) settleBatch(batch);
    ready.length = 0;
    open.clear();
    intake.drain(() => {});
    s.openRecords = s.readyRecords = 0;
    s.heldBytes = [...inFlight].reduce((sum, batch) => sum + batch.bytes, 0);
    report({
      reason: DeliveryErrorReason.shutdownTimeout,
      message: `shutdown timed out after ${timeoutMs} ms; dropped ${left} queued record(s)`,
      count: left,
    });
  }

  return shutdown;
}
