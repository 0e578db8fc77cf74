import { authorizationHeader } from '../config/authorization-header.js';
import { createKyTransport } from '../transport/create-ky-transport.js';
import { TransportError, type TransportResponse } from '../transport/transport.js';
import type { ClientState } from './client-state.js';
import { DeliveryErrorReason } from './delivery-error.js';
import { describeValue } from './describe-value.js';
import { readIngestResponse, readServerMessage } from './ingest-response.js';
import { batchBody, eventIdsOf, type RecordBatch, splitBatch } from './record-batch.js';
import { classifyStatus, parseRetryAfterMs, retryDelayMs } from './retry-policy.js';
import { settleBatch } from './wait-for-batches.js';

/**
 * Builds `attempt`: sends one batch, reads the answer, and settles it (delivered, partly
 * delivered, refused), splits it (413) or puts it back for a retry after a pause. Calls `pump`
 * once the batch has left the in-flight set, so the next request can start.
 */
export function createBatchDelivery(s: ClientState, pump: () => void): (batch: RecordBatch) => Promise<void> {
  const { o, counters, ready, inFlight, abortInFlight, report, guarded } = s;
  const { config, clock } = o;
  const transport = o.transport ?? createKyTransport();
  const authorization = authorizationHeader(config.auth);
  const ingestBase = `${config.url}/api/${encodeURIComponent(config.organization)}/`;

  async function attempt(batch: RecordBatch) {
    let response: TransportResponse | undefined;
    let failure: unknown;
    let wireBytes = batch.bytes;
    try {
      const body = batchBody(batch);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (authorization !== undefined) headers.authorization = authorization;
      let payload: string | Uint8Array = body;
      if (o.compressor !== undefined && batch.bytes >= o.compressAboveBytes) {
        payload = await o.compressor.compress(body);
        headers['content-encoding'] = o.compressor.encoding;
        wireBytes = payload.byteLength;
      }
      response = await transport.send({
        url: ingestBase + o.ingestPath(batch.stream),
        method: 'POST',
        headers,
        body: payload,
        timeoutMs: config.timeoutMs,
        ...(abortInFlight === undefined ? {} : { signal: abortInFlight.signal }),
      });
    } catch (error) {
      failure = error;
    }
    inFlight.delete(batch);
    s.inFlightRecords -= batch.lines.length;
    s.heldBytes -= batch.bytes; // re-added below if the batch goes back to the queue
    guarded(() => {
      if (response === undefined) retryOrFail(batch, describeTransportFailure(failure));
      else handleResponse(batch, response, wireBytes);
    });
    guarded(pump);
  }

  function handleResponse(batch: RecordBatch, response: TransportResponse, wireBytes: number) {
    const count = batch.lines.length;
    const outcome = classifyStatus(response.status);
    if (outcome === 'delivered') {
      const accounting = readIngestResponse(response.body, count);
      counters.sent += accounting.successful;
      counters.failed += accounting.failed + accounting.missing;
      counters.bytes += wireBytes;
      if (accounting.failed > 0) {
        report({
          reason: DeliveryErrorReason.partialFailure,
          message: `server stored ${accounting.successful} of ${count} records in '${batch.stream}'; ${accounting.failed} failed: ${accounting.error ?? 'no reason given'}`,
          stream: batch.stream,
          count: accounting.failed,
          status: response.status,
          ...(accounting.error === undefined ? {} : { serverMessage: accounting.error }),
        });
      }
      if (accounting.missing > 0) {
        report({
          reason: DeliveryErrorReason.silentDrop,
          message: `server answered ${response.status} but accounted for ${count - accounting.missing} of ${count} records in '${batch.stream}'`,
          stream: batch.stream,
          count: accounting.missing,
          status: response.status,
        });
      }
      settleBatch(batch);
    } else if (outcome === 'split' && count > 1 && s.abandoned) {
      retryOrFail(batch, `HTTP ${response.status}`, response); // counts the records as dropped
    } else if (outcome === 'split' && count > 1) {
      const [first, second] = splitBatch(batch);
      ready.unshift(first, second);
      s.readyRecords += count;
      s.heldBytes += first.bytes + second.bytes;
    } else if (outcome === 'retry') {
      const retryAfterMs = parseRetryAfterMs(response.headers['retry-after'], clock.now());
      retryOrFail(batch, `HTTP ${response.status}`, response, retryAfterMs);
    } else {
      counters.failed += count;
      const serverMessage = readServerMessage(response.body);
      report({
        reason:
          outcome === 'split' ? DeliveryErrorReason.recordTooLarge : DeliveryErrorReason.rejectedByServer,
        message: `server refused ${count} record(s) for '${batch.stream}' with HTTP ${response.status}${serverMessage ? `: ${serverMessage}` : ''}${hintFor(response.status)}`,
        stream: batch.stream,
        count,
        status: response.status,
        eventIds: eventIdsOf(batch),
        ...(serverMessage === undefined ? {} : { serverMessage }),
      });
      settleBatch(batch);
    }
  }

  function retryOrFail(batch: RecordBatch, why: string, response?: TransportResponse, retryAfterMs?: number) {
    const count = batch.lines.length;
    if (s.abandoned) {
      counters.dropped += count;
      report({
        reason: DeliveryErrorReason.shutdownTimeout,
        message: `shutdown timed out with ${count} record(s) in flight to '${batch.stream}'; the request was abandoned (the server may or may not have stored them)`,
        stream: batch.stream,
        count,
        eventIds: eventIdsOf(batch),
      });
      settleBatch(batch);
      return;
    }
    if (batch.retries >= config.maxRetries) {
      counters.failed += count;
      const serverMessage = response === undefined ? undefined : readServerMessage(response.body);
      report({
        reason: DeliveryErrorReason.retriesExhausted,
        message: `gave up on ${count} record(s) for '${batch.stream}' after ${batch.retries + 1} attempt(s); last: ${why}`,
        stream: batch.stream,
        count,
        eventIds: eventIdsOf(batch),
        ...(response === undefined ? {} : { status: response.status }),
        ...(serverMessage === undefined ? {} : { serverMessage }),
      });
      settleBatch(batch);
      return;
    }
    const delay = retryDelayMs(batch.retries, o.backoff, o.random, retryAfterMs);
    batch.retries++;
    counters.retried += count;
    // One pause for the whole client: a failing server gets no other batch until it is due.
    s.pausedUntil = Math.max(s.pausedUntil, clock.now() + delay);
    ready.unshift(batch);
    s.readyRecords += count;
    s.heldBytes += batch.bytes;
  }

  return attempt;
}

function describeTransportFailure(error: unknown): string {
  if (error instanceof TransportError) return `${error.kind}: ${error.message}`;
  return `network: ${describeValue(error)}`;
}

function hintFor(status: number): string {
  if (status === 401)
    return ' (check OPENOBSERVE_TOKEN or OPENOBSERVE_USERNAME/OPENOBSERVE_PASSWORD; OpenObserve OSS accepts Basic auth only)';
  if (status === 403) return ' (the credentials lack permission for this organization or stream)';
  if (status === 404) return ' (check OPENOBSERVE_URL and OPENOBSERVE_ORGANIZATION)';
  return '';
}
