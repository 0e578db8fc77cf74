/** OpenObserve stores `_timestamp` and takes `start_time`/`end_time` in microseconds (reference §3, §8). */
export const SECOND_US = 1_000_000;
export const MINUTE_US = 60 * SECOND_US;
export const HOUR_US = 60 * MINUTE_US;

export function nowUs(): number {
  return Date.now() * 1000;
}

export interface WindowUs {
  startUs: number;
  endUs: number;
}

/** A search window that holds records written "now" (with or without an explicit `_timestamp`). */
export function recentWindowUs(): WindowUs {
  const now = nowUs();
  return { startUs: now - 2 * HOUR_US, endUs: now + 10 * MINUTE_US };
}
