/** An opaque timer handle from {@link Clock.setTimeout}. */
export type TimerHandle = unknown;

/**
 * Time and timers, injectable so every time-based test runs on a fake clock
 * (`@shoptel/core/testing`).
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /**
   * Runs `callback` after `delayMs`; a delay of 0 means the next turn of the event loop. Timers do
   * not keep a Node process alive unless `keepAlive` is set: the client sets it only while someone
   * awaits `flush()` or `shutdown()`.
   */
  setTimeout(callback: () => void, delayMs: number, keepAlive?: boolean): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

declare function setTimeout(callback: () => void, ms: number): unknown;
declare function clearTimeout(handle: unknown): void;

interface Unrefable {
  unref?: () => void;
}
/** Node's and Bun's; absent in browsers, where a zero delay stays `setTimeout(…, 0)`. */
const platform = globalThis as {
  setImmediate?: (callback: () => void) => Unrefable;
  clearImmediate?: (handle: unknown) => void;
};

/** A zero-delay timer made with `setImmediate`, told apart from a `setTimeout` handle when cleared. */
class ImmediateHandle {
  readonly immediate: Unrefable;
  constructor(immediate: Unrefable) {
    this.immediate = immediate;
  }
}

/**
 * The real clock. Timers are unref'd where the platform allows it (unless `keepAlive`), so queued
 * telemetry never keeps a Node process alive on its own; `shutdown()` is how a host waits.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, delayMs, keepAlive = false) {
    if (delayMs <= 0 && platform.setImmediate !== undefined) {
      // Node's setTimeout(…, 0) waits at least 1 ms: the process sleeps, and waking costs more CPU
      // than the work (a paced sender's requests start once per burst: 10% less CPU per record in
      // the core bench's paced delivery). setImmediate runs after pending I/O, without sleeping.
      const immediate = platform.setImmediate(callback);
      if (!keepAlive) immediate.unref?.();
      return new ImmediateHandle(immediate);
    }
    const handle = setTimeout(callback, delayMs) as Unrefable;
    if (!keepAlive && typeof handle === 'object' && handle !== null && typeof handle.unref === 'function')
      handle.unref();
    return handle;
  },
  clearTimeout(handle) {
    if (handle instanceof ImmediateHandle) platform.clearImmediate?.(handle.immediate);
    else clearTimeout(handle);
  },
};
