import type { postFromWorker } from './post-from-worker.js';
import { sendRequest } from './send-request.js';

/**
 * Keepalive bodies share a 64 KiB budget per page, released late: Chromium fails keepalive
 * requests beyond it ("Failed to fetch"), so only urgent sends (checkout, purchase, page exit
 * without `sendBeacon`) use it, and only for a body that fits.
 */
const KEEPALIVE_MAX_BYTES = 16 * 1024;

/**
 * What the server (the relay, or OpenObserve) said about one request; status 0 is a network
 * failure or a timeout.
 */
export interface PostAnswer {
  status: number;
  retryAfter?: string;
  /** A 2xx answer's JSON body, which each transport reads in its server's shape. */
  body?: unknown;
}

/**
 * Posts a body: to the relay NDJSON as a plain string (`text/plain` is CORS-simple, so no
 * preflight). With `offThread` (the relay's transport passes `postFromWorker`) a batch goes from a
 * worker, off the main thread; an urgent one always from the page with `keepalive`, so it
 * finishes when the page goes away mid-flight (a worker's requests end with the page).
 */
export async function postBatch(
  endpoint: string,
  body: string,
  bytes: number,
  urgent: boolean,
  headers?: Record<string, string>,
  offThread?: typeof postFromWorker,
): Promise<PostAnswer> {
  const answer =
    (offThread && !urgent && (await offThread(endpoint, body, headers))) ||
    (await sendRequest(endpoint, body, headers, urgent && bytes <= KEEPALIVE_MAX_BYTES));
  const [status, retryAfter, text] = answer;
  const result: PostAnswer = { status, retryAfter: retryAfter ?? undefined };
  if (status >= 200 && status < 300) {
    try {
      result.body = JSON.parse(text ?? '');
    } catch {
      // Not JSON (an empty 204, a proxy's page): delivered, nothing refused.
    }
  }
  return result;
}
