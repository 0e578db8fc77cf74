import type { Clock, TimerHandle } from '../clock/clock.js';

/** A clock tests move by hand. */
export interface FakeClock extends Clock {
  /** Moves time forward, running due timers in time order (timers they set run too, if due). */
  advance(ms: number): void;
  /** Like `advance`, letting promise callbacks run between timers so async work can progress. */
  advanceAsync(ms: number): Promise<void>;
  /** Timers not yet run. */
  pendingTimers(): number;
}

interface FakeTimer {
  id: number;
  at: number;
  callback: () => void;
}

/** @example const clock = createFakeClock(Date.UTC(2026, 0, 1)); clock.advance(5000); */
export function createFakeClock(startMs = 1_767_225_600_000): FakeClock {
  let now = startMs;
  let nextId = 1;
  const timers = new Map<number, FakeTimer>();

  const nextDue = (until: number) => {
    let due: FakeTimer | undefined;
    for (const timer of timers.values()) {
      if (
        timer.at <= until &&
        (due === undefined || timer.at < due.at || (timer.at === due.at && timer.id < due.id))
      )
        due = timer;
    }
    return due;
  };

  return {
    now: () => now,
    setTimeout(callback, delayMs) {
      const timer = { id: nextId++, at: now + Math.max(0, delayMs), callback };
      timers.set(timer.id, timer);
      return timer.id as TimerHandle;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const until = now + ms;
      for (let timer = nextDue(until); timer !== undefined; timer = nextDue(until)) {
        timers.delete(timer.id);
        now = Math.max(now, timer.at);
        timer.callback();
      }
      now = until;
    },
    async advanceAsync(ms) {
      const until = now + ms;
      await settlePromises();
      for (let timer = nextDue(until); timer !== undefined; timer = nextDue(until)) {
        timers.delete(timer.id);
        now = Math.max(now, timer.at);
        timer.callback();
        await settlePromises();
      }
      now = until;
      await settlePromises();
    },
    pendingTimers: () => timers.size,
  };
}

declare function setTimeout(callback: () => void, ms: number): unknown;

/**
 * Lets queued promise callbacks run, however long their chain: a real timer task runs only once
 * the microtask queue is empty (a fixed number of `await`s would stop a long chain halfway).
 */
export async function settlePromises(): Promise<void> {
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
}
