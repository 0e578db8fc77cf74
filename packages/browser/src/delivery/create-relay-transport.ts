import { postBatch } from './post-batch.js';
import { postFromWorker } from './post-from-worker.js';
import { sendBeacons } from './send-beacons.js';
import type { Transport } from './transport.js';

/**
 * The relay's transport: NDJSON `text/plain` posts (batches from a worker) and page-exit beacons
 * to `endpoint`.
 */
export function createRelayTransport(endpoint: string): Transport {
  const ndjson = (events: { line: string }[]) => events.map((event) => event.line).join('\n');
  return {
    post: (events, bytes, urgent) =>
      postBatch(endpoint, ndjson(events), bytes, urgent, undefined, postFromWorker),
    beacon(events, maxBytes, verdict) {
      if (typeof navigator.sendBeacon !== 'function') return false;
      sendBeacons(endpoint, events, maxBytes, verdict);
      return true;
    },
  };
}
