import { daysFromCivil, invalidDateReason, invalidTimeReason, MS_PER_DAY } from './civil-date.js';

/** OpenObserve's default ingestion window: `ZO_INGEST_ALLOWED_UPTO` (5 h past). */
export const DEFAULT_INGEST_ALLOWED_PAST_MS = 5 * 60 * 60 * 1000;
/** OpenObserve's default ingestion window: `ZO_INGEST_ALLOWED_IN_FUTURE` (24 h ahead). */
export const DEFAULT_INGEST_ALLOWED_FUTURE_MS = 24 * 60 * 60 * 1000;

// OpenObserve tells the unit of a numeric timestamp by its size, against 1971-01-01.
const NANOS_ABOVE = 3.15e16;
const MICROS_ABOVE = 3.15e13;
const MILLIS_ABOVE = 3.15e10;

/**
 * Converts a numeric timestamp of unknown unit (s, ms, µs or ns) to integer microseconds the way
 * OpenObserve does (`parse_i64_to_timestamp_micros`). `0` means "now" on the server, so it is
 * returned as 0 for the caller to replace.
 */
export function toMicroseconds(value: number): number {
  const v = Math.trunc(value);
  if (v > NANOS_ABOVE) return Math.trunc(v / 1000);
  if (v > MICROS_ABOVE) return v;
  if (v > MILLIS_ABOVE) return v * 1000;
  return v * 1_000_000;
}

/** A timestamp read from a record: µs since the epoch, or why it was refused. */
export type TimestampReading = { ok: true; us: number } | { ok: false; reason: string };

const NUMERIC = /^-?\d+(\.\d+)?$/;
/**
 * ISO 8601 / RFC 3339 date and time: `T` or a space between them, seconds required, a fraction of
 * up to 9 digits, and an optional zone (`Z`, `±hh:mm`, `±hhmm`).
 */
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;
const EXPECTED = 'expected ISO 8601 / RFC 3339 (2024-11-25T16:00:00.123Z, zone optional) or a number';

/**
 * Reads a `_timestamp` or `event_time` string strictly: a numeric string (unit by size, as
 * OpenObserve does, fraction kept), or an ISO 8601 / RFC 3339 date and time, where a value
 * without a zone is UTC as OpenObserve reads it. Anything else — `12/31/2024`, RFC 2822,
 * `2024-02-30`, `24:00:00` — is refused with a reason, never read in the host's time zone or
 * rolled over into the next day or month as `Date.parse` would.
 */
export function readTimestampString(text: string): TimestampReading {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'empty string' };
  if (NUMERIC.test(trimmed)) return { ok: true, us: numberToMicroseconds(Number(trimmed)) };
  const match = ISO_DATE_TIME.exec(trimmed);
  if (!match) return { ok: false, reason: `not a time: ${EXPECTED}` };
  const n = (i: number) => Number(match[i]);
  const [year, month, day, hour, minute, second] = [n(1), n(2), n(3), n(4), n(5), n(6)];
  const invalid = invalidDateReason(year, month, day) ?? invalidTimeReason(hour, minute, second);
  if (invalid !== undefined) return { ok: false, reason: invalid };
  let offsetMinutes = 0;
  if (match[9] !== undefined) {
    const [zoneHours, zoneMinutes] = [n(10), n(11)];
    if (zoneHours > 23 || zoneMinutes > 59)
      return { ok: false, reason: `zone offset ${match[9]}${match[10]}:${match[11]} is out of range` };
    offsetMinutes = (match[9] === '-' ? -1 : 1) * (zoneHours * 60 + zoneMinutes);
  }
  const ms =
    daysFromCivil(year, month, day) * MS_PER_DAY +
    ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000;
  const fraction = match[7] === undefined ? 0 : Number(match[7].padEnd(6, '0').slice(0, 6));
  return { ok: true, us: ms * 1000 + fraction };
}

/**
 * {@link readTimestampString} as µs, or `undefined` for a string that is refused.
 *
 * @example
 * parseTimestampString('2024-11-25 16:00:00'); // 1732550400000000 (UTC)
 * parseTimestampString('12/31/2024'); // undefined
 */
export function parseTimestampString(text: string): number | undefined {
  const reading = readTimestampString(text);
  return reading.ok ? reading.us : undefined;
}

/**
 * A numeric timestamp of unknown unit in µs, like {@link toMicroseconds} but keeping the
 * fraction (`1732550400.25` s is a quarter second later, where OpenObserve would truncate).
 */
export function numberToMicroseconds(value: number): number {
  const v = Math.trunc(value);
  if (v > NANOS_ABOVE) return Math.trunc(value / 1000);
  if (v > MICROS_ABOVE) return v;
  if (v > MILLIS_ABOVE) return Math.trunc(value * 1000);
  return Math.trunc(value * 1_000_000);
}

/** The server window in µs around `nowMs`, in which a `_timestamp` is accepted. */
export interface IngestWindow {
  /** How far back the server accepts records, in ms. @default 5 h */
  allowedPastMs: number;
  /** How far ahead the server accepts records, in ms. @default 24 h */
  allowedFutureMs: number;
}

/**
 * Keeps `_timestamp` inside the server's window so an offline queue or a skewed clock does not
 * get records rejected as "Too old data". A one-minute margin covers the time a batch spends in
 * the queue and in retries; the true time is kept in `event_time`.
 */
export function clampToIngestWindow(timestampUs: number, nowMs: number, window: IngestWindow): number {
  const marginMs = 60_000;
  const minUs = (nowMs - window.allowedPastMs + marginMs) * 1000;
  const maxUs = (nowMs + window.allowedFutureMs - marginMs) * 1000;
  if (timestampUs < minUs) return minUs;
  if (timestampUs > maxUs) return maxUs;
  return timestampUs;
}
