import { AnalyticsValidationError } from './analytics-validation-error.js';

/** A point in time: a `Date`, an ISO 8601 string with a zone, or epoch **milliseconds**. */
export type TimeInput = Date | string | number;

/** The range every analytics method reads: `start` inclusive, `end` exclusive (as `_search`). */
export interface TimeRangeInput {
  start: TimeInput;
  end: TimeInput;
}

/** A checked range. */
export interface TimeRange {
  readonly start: Date;
  readonly end: Date;
}

// A date, optionally a time; a time must carry its zone, or it would mean the host's local time.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/;
// Epoch ms of 9999-12-31: a larger number is µs or ns, which OpenObserve users often pass by mistake.
const MAX_EPOCH_MS = 253_402_300_799_999;

/** Checks a `{ start, end }` argument; throws {@link AnalyticsValidationError} naming the field. */
export function resolveTimeRange(input: unknown, field = 'range'): TimeRange {
  if (typeof input !== 'object' || input === null) {
    throw new AnalyticsValidationError(field, 'must be an object { start, end }');
  }
  const { start, end } = input as Record<string, unknown>;
  const range = { start: toDate(start, `${field}.start`), end: toDate(end, `${field}.end`) };
  if (range.end.getTime() <= range.start.getTime()) {
    throw new AnalyticsValidationError(
      field,
      `is empty: end (${range.end.toISOString()}) must be after start (${range.start.toISOString()})`,
    );
  }
  return range;
}

/** The range of equal length just before `range`, for "compared with the previous period". */
export function previousTimeRange(range: TimeRange): TimeRange {
  const length = range.end.getTime() - range.start.getTime();
  return { start: new Date(range.start.getTime() - length), end: range.start };
}

function toDate(value: unknown, field: string): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new AnalyticsValidationError(field, 'is an invalid Date');
    return value;
  }
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0 || value > MAX_EPOCH_MS) {
      throw new AnalyticsValidationError(
        field,
        `must be whole epoch milliseconds between 0 and ${MAX_EPOCH_MS}; got ${value}`,
      );
    }
    return new Date(value);
  }
  if (typeof value === 'string') {
    const ms = ISO_8601.test(value) ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(ms)) {
      const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
      throw new AnalyticsValidationError(
        field,
        `must be an ISO 8601 date or date-time with a zone (2026-12-07T10:00:00Z); got '${shown}'`,
      );
    }
    return new Date(ms);
  }
  throw new AnalyticsValidationError(
    field,
    `must be a Date, an ISO 8601 string or epoch ms; got ${typeof value}`,
  );
}
