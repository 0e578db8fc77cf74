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
   * Runs `callback` after `delayMs`. Timers do not keep a Node process alive unless `keepAlive`
   * is set: the client sets it only while someone awaits `flush()` or `shutdown()`.
   */
  setTimeout(callback: () => void, delayMs: number, keepAlive?: boolean): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

declare function setTimeout(callback: () => void, ms: number): unknown;
declare function clearTimeout(handle: unknown): void;

/**
 * The real clock. Timers are unref'd where the platform allows it (unless `keepAlive`), so queued
 * telemetry never keeps a Node process alive on its own; `shutdown()` is how a host waits.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, delayMs, keepAlive = false) {
    const handle = setTimeout(callback, delayMs) as { unref?: () => void };
    if (!keepAlive && typeof handle === 'object' && handle !== null && typeof handle.unref === 'function')
      handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle),
};
