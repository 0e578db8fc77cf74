import { utf8Length } from '@shoptel/core/utf8';
import type { BeaconVerdict } from '../delivery/send-beacons.js';
import type { QueuedEvent } from '../queue/create-event-queue.js';

/**
 * Chromium shares 64 KiB of keepalive bodies among a page's scripts and fails requests beyond
 * it; this leaves room for others.
 */
const KEEPALIVE_BUDGET_BYTES = 48 * 1024;

/**
 * The bytes handed over and not yet finished, for the whole page: a navigation fires `pagehide`
 * and `visibilitychange` both, and a second exit must not count on the budget the first used.
 */
let inFlightBytes = 0;

/**
 * The direct mode's page-exit send: `sendBeacon` cannot carry the `Authorization` header, so
 * keepalive requests in chunks of at most `maxBytes` take its place, within the keepalive budget.
 * As with a beacon, a chunk handed to the browser counts as sent (the page will not live to read
 * the answer, and OpenObserve keeps a resent copy twice); chunks beyond the budget stay stored.
 */
export function sendKeepalives(
  events: QueuedEvent[],
  maxBytes: number,
  toBody: (events: QueuedEvent[]) => string,
  send: (body: string) => Promise<unknown>,
  verdict: BeaconVerdict,
): void {
  let chunk: QueuedEvent[] = [];
  let size = 0;
  const flush = () => {
    if (chunk.length === 0) return;
    const body = toBody(chunk);
    const bytes = utf8Length(body);
    if (inFlightBytes + bytes <= KEEPALIVE_BUDGET_BYTES) {
      inFlightBytes += bytes;
      send(body).finally(() => {
        inFlightBytes -= bytes;
      });
      verdict(chunk, true);
    } else verdict(chunk, false);
    chunk = [];
    size = 0;
  };
  for (const event of events) {
    // A direct record is the queued line plus about 200 bytes (_timestamp, service, user agent).
    const bytes = event.bytes + 256;
    if (size + bytes > maxBytes) flush();
    chunk.push(event);
    size += bytes;
  }
  flush();
}
