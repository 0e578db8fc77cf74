import type { SearchTime } from './search-types.js';

// 1e14 µs is 1973-03-03, while 1e14 ms is the year 5138: a number below it is milliseconds or
// seconds, never a plausible µs time. Above 1e17 µs (year 5138) it is nanoseconds.
const MIN_PLAUSIBLE_MICROS = 1e14;
const MAX_PLAUSIBLE_MICROS = 1e17;

/**
 * A search bound as integer µs. Numbers must already be µs: OpenObserve's own unit guessing is
 * not used, because a wrong guess here silently searches the wrong range (issue #3406: an
 * `end_time` of 0 returned no hits). Fractions of a µs are dropped.
 *
 * @throws TypeError for an invalid Date, or a number that is not finite or does not look like µs.
 */
export function toSearchMicroseconds(value: SearchTime, name: string): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new TypeError(`search: ${name} is an invalid Date`);
    return ms * 1000;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`search: ${name} must be a Date or a finite number of microseconds`);
  }
  if (Math.abs(value) < MIN_PLAUSIBLE_MICROS) {
    throw new TypeError(
      `search: ${name} (${value}) looks like milliseconds or seconds; pass microseconds (ms × 1000) or a Date`,
    );
  }
  if (Math.abs(value) > MAX_PLAUSIBLE_MICROS) {
    throw new TypeError(
      `search: ${name} (${value}) looks like nanoseconds; pass microseconds (ns / 1000) or a Date`,
    );
  }
  return Math.trunc(value);
}
