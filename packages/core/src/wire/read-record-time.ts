import { numberToMicroseconds, readTimestampString, type TimestampReading } from './timestamp.js';

// The latest time a JavaScript Date can hold, in µs: anything later cannot be an event time.
const MAX_TIMESTAMP_US = 8.64e18;

/**
 * Reads a record's own `_timestamp` or `event_time`: a number (s, ms, µs or ns by its size, the
 * fraction kept), a numeric or ISO 8601 string (see `readTimestampString`), or a Date. Anything
 * else is refused with a reason the serializer puts in its repair note.
 */
export function readRecordTime(value: unknown): TimestampReading {
  let reading: TimestampReading;
  if (typeof value === 'number')
    reading = Number.isFinite(value)
      ? { ok: true, us: numberToMicroseconds(value) }
      : { ok: false, reason: `${String(value)} is not a time` };
  else if (typeof value === 'string') reading = readTimestampString(value);
  else if (value instanceof Date)
    reading = Number.isNaN(value.getTime())
      ? { ok: false, reason: 'invalid Date' }
      : { ok: true, us: value.getTime() * 1000 };
  else reading = { ok: false, reason: `a ${typeof value} is not a time` };
  if (!reading.ok) return reading;
  if (reading.us <= 0) return { ok: false, reason: 'not after 1970-01-01' };
  if (reading.us > MAX_TIMESTAMP_US) return { ok: false, reason: 'later than a Date can hold' };
  return reading;
}

/** ISO 8601 in UTC, with microseconds when the time has them (`…T16:00:00.123456Z`). */
export function isoOfMicros(us: number): string {
  const ms = Math.floor(us / 1000);
  const iso = new Date(ms).toISOString();
  const extra = us - ms * 1000;
  return extra === 0 ? iso : `${iso.slice(0, -1)}${String(extra).padStart(3, '0')}Z`;
}
