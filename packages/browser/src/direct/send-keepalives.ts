import { utf8Length } from '@shoptel/core/utf8';
import type { BeaconVerdict } from '../delivery/send-beacons.js';
import type { QueuedEvent } from '../queue/create-event-queue.js';

/**
 * Chromium shares 64 KiB of keepalive bodies among a page's scripts and fails requests beyond
 * it; this leaves room for others.
 */
const KEEPALIVE_BUDGET_BYTES = 48 * 1024;

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
  send: (body: string) => void,
  verdict: BeaconVerdict,
): void {
  let budget = KEEPALIVE_BUDGET_BYTES;
  let chunk: QueuedEvent[] = [];
  let size = 0;
  const flush = () => {
    if (chunk.length === 0) return;
    const body = toBody(chunk);
    const bytes = utf8Length(body);
    if (bytes <= budget) {
      budget -= bytes;
      send(body);
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
