import type { QueuedEvent } from '../queue/create-event-queue.js';

/** The beacon's verdict on one chunk of events. */
export type BeaconVerdict = (events: QueuedEvent[], accepted: boolean) => void;

/**
 * Sends events at page exit with `navigator.sendBeacon` in chunks of at most `maxBytes`. A chunk
 * the browser refuses (its keepalive budget is shared with other scripts) is split in halves
 * until it fits or is one event, which then stays queued for the next page load.
 */
export function sendBeacons(
  endpoint: string,
  events: QueuedEvent[],
  maxBytes: number,
  verdict: BeaconVerdict,
): void {
  const send = (chunk: QueuedEvent[]) => {
    let accepted = false;
    try {
      accepted = navigator.sendBeacon(endpoint, chunk.map((event) => event.line).join('\n'));
    } catch {
      // Some browsers throw instead of returning false (body too large, unsupported URL).
    }
    if (accepted || chunk.length === 1) verdict(chunk, accepted);
    else {
      const half = chunk.length >> 1;
      send(chunk.slice(0, half));
      send(chunk.slice(half));
    }
  };
  let chunk: QueuedEvent[] = [];
  let size = 0;
  for (const event of events) {
    if (chunk.length > 0 && size + event.bytes + 1 > maxBytes) {
      send(chunk);
      chunk = [];
      size = 0;
    }
    chunk.push(event);
    size += event.bytes + 1;
  }
  if (chunk.length > 0) send(chunk);
}
