import { utf8Length } from '@shoptel/core/utf8';
import { postBatch } from '../delivery/post-batch.js';
import type { Transport } from '../delivery/transport.js';
import type { QueuedEvent } from '../queue/create-event-queue.js';
import type { Reporter } from '../report/report.js';
import type { ResolvedTarget } from './direct-options.js';
import { sendKeepalives } from './send-keepalives.js';
import { toDirectRecord } from './to-direct-record.js';

interface IngestionStatus {
  successful?: number;
  error?: string;
}

/**
 * OpenObserve's transport: a JSON array to `_json` with the `Authorization` header, so every
 * request is preflighted, and no `sendBeacon` (it cannot carry the header): page exit hands
 * keepalive requests to the browser instead (`send-keepalives.ts`). OpenObserve answers 200 even when records failed: its counts are read, and
 * failed or unconfirmed records are reported as `rejected_by_openobserve`.
 */
export function createDirectTransport(target: ResolvedTarget, report: Reporter): Transport {
  const headers = { authorization: target.authorization, 'content-type': 'application/json' };
  const toBody = (events: QueuedEvent[]) => {
    const now = Date.now();
    return `[${events.map((event) => toDirectRecord(event.line, now, target.service, navigator.userAgent)).join(',')}]`;
  };
  return {
    beacon(events, maxBytes, verdict) {
      // Not `sendRequest`: a chunk handed over counts as sent, so it must not time out while the
      // page lives on (a tab switched away from).
      const send = (body: string) =>
        fetch(target.endpoint, { method: 'POST', body, headers, keepalive: true }).catch(() => {});
      sendKeepalives(events, maxBytes, toBody, send, verdict);
      return true;
    },
    async post(events, _bytes, urgent) {
      const body = toBody(events);
      const answer = await postBatch(target.endpoint, body, utf8Length(body), urgent, headers);
      if (answer.status >= 200 && answer.status < 300) {
        const statuses = (answer.body as { status?: IngestionStatus[] } | undefined)?.status ?? [];
        let confirmed = 0;
        for (const status of statuses) confirmed += status.successful ?? 0;
        // Failed records, and those OpenObserve did not count (it can drop a batch after answering
        // 200: a failed write is only logged), in one report.
        if (confirmed < events.length)
          report(
            'rejected_by_openobserve',
            events.length - confirmed,
            __SHOPTEL_DEBUG__ ? statuses.map((status) => status.error).join('; ') || 'not confirmed' : '',
          );
      }
      return answer;
    },
  };
}
