import { parseHttpDate } from '../wire/parse-http-date.js';

/** What to do with a batch after an attempt. */
export type AttemptOutcome = 'delivered' | 'retry' | 'split' | 'reject';

/**
 * The retry matrix (architecture.md, matching DataDog, Segment and OTel): network errors,
 * timeouts, 408, 429 and 5xx are retried; 413 splits the batch; every other status is final.
 */
export function classifyStatus(status: number): AttemptOutcome {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 413) return 'split';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'reject';
}

/** Settings of {@link retryDelayMs}. */
export interface BackoffOptions {
  /** @default 1000 */
  baseDelayMs: number;
  /** @default 60000 */
  maxDelayMs: number;
}

/**
 * Exponential backoff with full jitter: a random delay in [0, min(cap, base·2^retry)], so many
 * clients recovering from one outage do not return in lockstep. A `Retry-After` from the server
 * wins when it asks for longer, still capped.
 */
export function retryDelayMs(
  retry: number,
  backoff: BackoffOptions,
  random: () => number,
  retryAfterMs?: number,
): number {
  const ceiling = Math.min(backoff.maxDelayMs, backoff.baseDelayMs * 2 ** retry);
  const jittered = Math.floor(random() * ceiling);
  if (retryAfterMs === undefined) return jittered;
  return Math.min(backoff.maxDelayMs, Math.max(retryAfterMs, jittered));
}

/** Reads an HTTP date as Unix ms, or `undefined` when it is not one. */
export type HttpDateReader = (text: string, nowMs: number) => number | undefined;

/**
 * Reads `Retry-After` as delay seconds or an HTTP date (RFC 9110 §10.2.3), in ms from `nowMs`,
 * with the given date reader. Returns `undefined` when absent or unreadable.
 */
export function readRetryAfterMs(
  header: string | undefined,
  nowMs: number,
  readDate: HttpDateReader,
): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = readDate(text, nowMs);
  if (date === undefined) return undefined;
  return Math.max(0, date - nowMs);
}

/**
 * {@link readRetryAfterMs} with strictly RFC 9110's date forms, all GMT: `Date.parse` would read a
 * zone-less date in local time.
 */
export function parseRetryAfterMs(header: string | undefined, nowMs: number): number | undefined {
  return readRetryAfterMs(header, nowMs, parseHttpDate);
}
