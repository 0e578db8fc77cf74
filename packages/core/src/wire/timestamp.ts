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

/**
 * Parses the time formats OpenObserve accepts in `_timestamp` strings: numeric strings, ISO 8601 /
 * RFC 3339 (a value without a zone is UTC) and RFC 2822 (and whatever else `Date.parse` reads). Returns µs, or `undefined` when the
 * string is not a time the server would read.
 */
export function parseTimestampString(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return toMicroseconds(Number(trimmed));
  // `YYYY-MM-DD HH:MM:SS[.ffffff]` and `YYYY-MM-DDTHH:MM:SS[.ffffff]` without zone are UTC.
  const naive = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.(\d{1,9}))?$/.exec(trimmed);
  if (naive) {
    const seconds = Date.parse(`${naive[1]}T${naive[2]}Z`);
    if (Number.isNaN(seconds)) return undefined;
    return seconds * 1000 + fractionToMicros(naive[4]);
  }
  const zoned = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/i.exec(trimmed);
  if (zoned) {
    const ms = Date.parse(`${zoned[1]}${zoned[4]!.toUpperCase()}`);
    if (Number.isNaN(ms)) return undefined;
    return ms * 1000 + fractionToMicros(zoned[3]);
  }
  // Anything else (RFC 2822 and the like): what Date reads. Lenient on purpose: the client turns
  // it into µs, so the server never has to parse it.
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? undefined : ms * 1000;
}

function fractionToMicros(fraction: string | undefined): number {
  if (!fraction) return 0;
  return Number(fraction.padEnd(6, '0').slice(0, 6));
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
