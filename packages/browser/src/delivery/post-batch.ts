import type { postFromWorker, WorkerAnswer } from './post-from-worker.js';

/**
 * Keepalive bodies share a 64 KiB budget per page, released late: Chromium fails keepalive
 * requests beyond it ("Failed to fetch"), so only urgent sends (checkout, purchase, page exit
 * without `sendBeacon`) use it, and only for a body that fits.
 */
const KEEPALIVE_MAX_BYTES = 16 * 1024;

/** What the relay said about one request; status 0 is a network failure. */
export interface PostAnswer {
  status: number;
  retryAfter?: string;
  /** The relay's refusals by line: `{index, reason}`. */
  rejected: { index: number; reason: string }[];
  /** The answer's JSON body, for a transport that reads another shape (OpenObserve's). */
  body?: unknown;
}

/**
 * Posts a body: to the relay NDJSON as a plain string (`text/plain` is CORS-simple, so no
 * preflight). With `offThread` (the relay's transport passes `postFromWorker`) a batch goes from a
 * worker, off the main thread; an urgent one always from the page with `keepalive`, so it
 * finishes when the page goes away mid-flight (a worker's requests end with the page). The
 * answer's `rejected` is read from a relay-shaped body (`{accepted, rejected}`) when there is one.
 */
export async function postBatch(
  endpoint: string,
  body: string,
  bytes: number,
  urgent: boolean,
  headers?: Record<string, string>,
  offThread?: typeof postFromWorker,
): Promise<PostAnswer> {
  let answer: WorkerAnswer | undefined;
  if (offThread && !urgent) answer = await offThread(endpoint, body, headers);
  if (!answer) {
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        body,
        headers,
        keepalive: urgent && bytes <= KEEPALIVE_MAX_BYTES,
      });
      answer = [
        0,
        response.status,
        response.headers.get('retry-after'),
        response.ok ? await response.text() : '',
      ];
    } catch {
      answer = [0, 0];
    }
  }
  const [, status, retryAfter, text] = answer;
  const result: PostAnswer = { status, retryAfter: retryAfter ?? undefined, rejected: [] };
  if (status >= 200 && status < 300) {
    try {
      const parsed = JSON.parse(text ?? '') as PostAnswer | undefined;
      result.body = parsed;
      if (Array.isArray(parsed?.rejected)) result.rejected = parsed.rejected;
    } catch {
      // Not JSON (an empty 204, a proxy's page): delivered, nothing refused.
    }
  }
  return result;
}
