import type { QueuedEvent } from '../queue/create-event-queue.js';
import type { PostAnswer } from './post-batch.js';
import type { BeaconVerdict } from './send-beacons.js';

/**
 * Where batches go: the relay (the base bundle) or OpenObserve itself (`@shoptel/browser/direct`).
 * Delivery keeps the batching, retries and persistence; a transport only turns events into
 * requests and answers.
 */
export interface Transport {
  /** Sends one batch; `urgent` asks for a request that outlives the page. */
  post(events: QueuedEvent[], bytes: number, urgent: boolean): Promise<PostAnswer>;
  /**
   * Hands events to the browser at page exit (a beacon, or a keepalive request) and gives each
   * chunk's verdict at once: a handed-over chunk counts as sent, a refused one stays stored for
   * the next page. Returns false, touching nothing, when it cannot run here (no `sendBeacon`);
   * delivery then posts urgently.
   */
  beacon(events: QueuedEvent[], maxBytes: number, verdict: BeaconVerdict): boolean;
}
