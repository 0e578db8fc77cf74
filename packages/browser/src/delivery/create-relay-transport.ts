import type { Reporter } from '../report/report.js';
import { postBatch } from './post-batch.js';
import { postFromWorker } from './post-from-worker.js';
import { sendBeacons } from './send-beacons.js';
import type { Transport } from './transport.js';

/** The relay's answer to a delivered batch: the lines it refused, with why. */
interface RelayAnswer {
  rejected?: { index: number; reason: string }[];
}

/**
 * The relay's transport: NDJSON `text/plain` posts (batches from a worker) and page-exit beacons
 * to `endpoint`. The lines the relay refused (`{accepted, rejected}`) are reported in one report.
 */
export function createRelayTransport(endpoint: string, report: Reporter): Transport {
  const ndjson = (events: { line: string }[]) => events.map((event) => event.line).join('\n');
  return {
    async post(events, bytes, urgent) {
      const answer = await postBatch(endpoint, ndjson(events), bytes, urgent, undefined, postFromWorker);
      const rejected = (answer.body as RelayAnswer | undefined)?.rejected;
      if (Array.isArray(rejected) && rejected.length > 0)
        report(
          'rejected_by_relay',
          rejected.length,
          __SHOPTEL_DEBUG__ ? rejected.map((line) => line.reason).join('; ') : '',
        );
      return answer;
    },
    beacon(events, maxBytes, verdict) {
      if (typeof navigator.sendBeacon !== 'function') return false;
      sendBeacons(endpoint, events, maxBytes, verdict);
      return true;
    },
  };
}
