import { toMicroseconds } from '@shoptel/core';
import { parseTimestampStrictly } from './parse-timestamp-strictly.js';

/** The accepted `_timestamp` range for one request, and the numbers its error messages quote. */
export interface IngestWindowUs {
  nowUs: number;
  minUs: number;
  maxUs: number;
  pastHours: number;
  futureHours: number;
}

export function createIngestWindow(
  nowMs: number,
  allowedPastMs: number,
  allowedFutureMs: number,
): IngestWindowUs {
  return {
    nowUs: nowMs * 1000,
    minUs: (nowMs - allowedPastMs) * 1000,
    maxUs: (nowMs + allowedFutureMs) * 1000,
    pastHours: allowedPastMs / 3_600_000,
    futureHours: allowedFutureMs / 3_600_000,
  };
}

export const CANNOT_PARSE_TIMESTAMP = "Can't parse timestamp";

/** OpenObserve's messages for records outside the window (`get_upto_discard_error` and friends). */
export function tooOldMessage(hours: number): string {
  return `Too old data, only last ${hours} hours data can be ingested. Data discarded. You can adjust ingestion max time by setting the environment variable ZO_INGEST_ALLOWED_UPTO=<max_hours>`;
}

export function tooFarMessage(hours: number): string {
  return `Too far data, only future ${hours} hours data can be ingested. Data discarded. You can adjust ingestion max time by setting the environment variable ZO_INGEST_ALLOWED_IN_FUTURE=<max_hours>`;
}

/**
 * `_timestamp` as OpenObserve reads it: missing means now; numbers in s/ms/µs/ns by size (0 is
 * now); strings as `parseTimestampStrictly` reads them. Returns µs, or the error string
 * that fails the record.
 */
export function resolveRecordTimestamp(value: unknown, window: IngestWindowUs): number | string {
  let us: number | undefined;
  if (value === undefined) return window.nowUs;
  if (typeof value === 'number') us = toMicroseconds(value);
  else if (typeof value === 'bigint') us = toMicroseconds(Number(value));
  else if (typeof value === 'string') us = parseTimestampStrictly(value);
  if (us === undefined || Number.isNaN(us)) return CANNOT_PARSE_TIMESTAMP;
  if (us === 0) return window.nowUs;
  if (us < window.minUs) return tooOldMessage(window.pastHours);
  if (us > window.maxUs) return tooFarMessage(window.futureHours);
  return us;
}
