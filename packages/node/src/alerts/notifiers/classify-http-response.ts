import { NotifierError } from './notifier.js';

/** Retry 408, 425, 429 and 5xx (`alerting-anchors.md` §7.3); every other non-2xx is permanent. */
export function isRetryableHttpStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/** `Retry-After` in seconds or as an HTTP date, in ms from `nowMs`; `undefined` when absent or unreadable. */
export function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Turns a non-2xx answer into a classified error (the body is cut short: it may be an HTML page). */
export function httpStatusError(
  channel: string,
  response: Response,
  body: string,
  nowMs: number,
): NotifierError {
  const retryAfterMs =
    response.status === 429 || response.status === 503
      ? parseRetryAfter(response.headers.get('retry-after'), nowMs)
      : undefined;
  return new NotifierError(`${channel} answered ${response.status}: ${body.slice(0, 200)}`, {
    retryable: isRetryableHttpStatus(response.status),
    kind: 'status',
    status: response.status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

/** Sends with `fetch`, turning network failures and the attempt's abort into classified errors. */
export async function postForNotifier(
  channel: string,
  url: string,
  init: RequestInit,
  signal: AbortSignal,
  nowMs: number,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal, redirect: 'manual' });
  } catch (error) {
    if (signal.aborted)
      throw new NotifierError(`${channel}: no answer before the timeout`, {
        retryable: true,
        kind: 'timeout',
        cause: error,
      });
    throw new NotifierError(`${channel}: ${(error as Error).message}`, {
      retryable: true,
      kind: 'network',
      cause: error,
    });
  }
  const body = await response.text().catch(() => '');
  // 3xx counts as failure (Standard Webhooks): a moved endpoint must be fixed, not followed.
  if (response.status < 200 || response.status > 299) throw httpStatusError(channel, response, body, nowMs);
}
