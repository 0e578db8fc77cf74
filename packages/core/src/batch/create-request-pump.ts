import type { ClientState } from './client-state.js';
import type { RecordBatch } from './record-batch.js';

/** Starts requests for ready batches, up to `maxInFlight` at once, honouring the retry pause. */
export interface RequestPump {
  /** Starts what may start now; while paused, arms one timer for the end of the pause. */
  pump(): void;
  /** Re-arms a pending end-of-pause timer so that it keeps the process alive for a flush. */
  keepPauseAlive(): void;
}

export function createRequestPump(
  s: ClientState,
  attempt: (batch: RecordBatch) => Promise<void>,
): RequestPump {
  const { o, ready, inFlight, attempts, guarded } = s;
  const { clock } = o;

  function pump() {
    if (s.abandoned) return;
    const now = clock.now();
    if (now < s.pausedUntil) {
      if (s.resumeTimer === undefined) {
        // While someone awaits flush()/shutdown(), the backoff wait keeps the process alive.
        s.resumeTimer = clock.setTimeout(
          () => {
            s.resumeTimer = undefined;
            guarded(pump);
          },
          s.pausedUntil - now,
          s.flushWaiters > 0,
        );
      }
      return;
    }
    while (inFlight.size < o.maxInFlight && ready.length > 0) {
      const batch = ready.shift()!;
      s.readyRecords -= batch.lines.length;
      inFlight.add(batch);
      s.inFlightRecords += batch.lines.length;
      const running = attempt(batch);
      attempts.add(running);
      void running.finally(() => attempts.delete(running));
    }
  }

  function keepPauseAlive() {
    if (s.resumeTimer !== undefined) {
      // Re-arm the backoff wait so it keeps the process alive for this flush.
      clock.clearTimeout(s.resumeTimer);
      s.resumeTimer = undefined;
      pump();
    }
  }

  return { pump, keepPauseAlive };
}
