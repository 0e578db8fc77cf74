import type { Clock } from '../clock/clock.js';
import type { Compressor } from '../compress/compressor.js';
import { authorizationHeader } from '../config/authorization-header.js';
import type { ShoptelConfig } from '../config/config-types.js';
import { createCredentialRedactor } from '../config/create-credential-redactor.js';
import { createKyTransport } from '../transport/create-ky-transport.js';
import type { AbortSignalLike, Transport, TransportResponse } from '../transport/transport.js';
import type { DeliveryError } from './delivery-error.js';
import type { DeliveryGate } from './delivery-gate.js';
import { describeTransportFailure, reportFor } from './delivery-reports.js';
import { readIngestResponse } from './ingest-response.js';
import { batchBody, type RecordBatch, recordCount } from './record-batch.js';
import type { RecordQueue } from './record-queue.js';
import { type BackoffOptions, classifyStatus, parseRetryAfterMs, retryDelayMs } from './retry-policy.js';

/** One request for a batch. */
interface Attempt {
  batch: RecordBatch;
  startedAtMs: number;
  /** Started in outage mode. */
  probe: boolean;
}

export interface BatchDeliveryParts {
  queue: RecordQueue;
  gate: DeliveryGate;
  clock: Clock;
  config: ShoptelConfig;
  transport: Transport | undefined;
  compressor: Compressor | undefined;
  compressAboveBytes: number;
  ingestPath: (stream: string) => string;
  backoff: BackoffOptions;
  random: () => number;
  /** Aborts every request in flight (shutdown timeout). */
  signal: AbortSignalLike | undefined;
  /** Shutdown gave up: a batch that comes back is dropped, not retried. */
  isAbandoned: () => boolean;
  report: (error: DeliveryError) => void;
  guarded: (work: () => void) => void;
}

/**
 * Builds `attempt`: sends one batch and settles it (stored, partly stored, refused), splits it
 * (413), or puts it back with its own backoff. Failures in outage mode are not charged to the
 * batch's `maxRetries`: while the server is down, records wait in the bounded queue instead of
 * running out of retries. The gate enters outage mode no later than a batch's last retry, so a
 * lone batch against a dead server is held, not failed.
 */
export function createBatchDelivery(
  parts: BatchDeliveryParts,
): (batch: RecordBatch, probe: boolean) => Promise<boolean> {
  const { queue, gate, clock, config, compressor, signal, isAbandoned, report, guarded } = parts;
  const transport = parts.transport ?? createKyTransport();
  const authorization = authorizationHeader(config.auth);
  const redactCredentials = createCredentialRedactor(config.auth);
  const ingestBase = `${config.url}/api/${encodeURIComponent(config.organization)}/`;

  /** Resolves true when the server answered (whatever it said), false when no answer came. */
  async function attempt(batch: RecordBatch, probe: boolean): Promise<boolean> {
    const startedAtMs = clock.now();
    let response: TransportResponse | undefined;
    let failure: unknown;
    let wireBytes = batch.bytes;
    try {
      const body = batchBody(batch);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (authorization !== undefined) headers.authorization = authorization;
      let payload: string | Uint8Array = body;
      if (compressor !== undefined && batch.bytes >= parts.compressAboveBytes) {
        payload = await compressor.compress(body);
        headers['content-encoding'] = compressor.encoding;
        wireBytes = payload.byteLength;
      }
      response = await transport.send({
        url: ingestBase + parts.ingestPath(batch.stream),
        method: 'POST',
        headers,
        body: payload,
        timeoutMs: config.timeoutMs,
        ...(signal === undefined ? {} : { signal }),
      });
    } catch (error) {
      failure = error;
    }
    // Its message goes into reports: a proxy echoing our Authorization header must not leak it.
    if (response !== undefined && redactCredentials !== undefined) response = redactCredentials(response);
    guarded(() => {
      const tried = { batch, startedAtMs, probe };
      if (response === undefined) retryLater(tried, describeTransportFailure(failure));
      else handleResponse(tried, response, wireBytes);
    });
    return response !== undefined;
  }

  function handleResponse(tried: Attempt, response: TransportResponse, wireBytes: number) {
    const { batch } = tried;
    const count = recordCount(batch);
    const outcome = classifyStatus(response.status);
    if (outcome === 'retry') {
      const asked =
        response.status === 429 || response.status === 503
          ? parseRetryAfterMs(response.headers['retry-after'], clock.now())
          : undefined;
      retryLater(tried, `HTTP ${response.status}`, response, asked);
      return;
    }
    gate.onAnswer(clock.now(), outcome === 'delivered');
    if (outcome === 'delivered') {
      const accounting = readIngestResponse(response.body, count);
      queue.settle(
        batch,
        { sent: accounting.successful, failed: accounting.failed + accounting.missing, wireBytes },
        true,
      );
      for (const error of reportFor.accounting(batch, response.status, accounting)) report(error);
    } else if (outcome === 'split' && count > 1 && !isAbandoned()) {
      queue.split(batch);
    } else if (outcome === 'split' && count > 1) {
      dropAbandoned(batch);
    } else {
      report(reportFor.refused(batch, response, outcome === 'split'));
      queue.settle(batch, { sent: 0, failed: count }, true);
    }
  }

  function retryLater(tried: Attempt, why: string, response?: TransportResponse, retryAfterMs?: number) {
    const { batch } = tried;
    if (isAbandoned()) {
      dropAbandoned(batch);
      return;
    }
    const now = clock.now();
    gate.onTransientFailure({ nowMs: now, startedAtMs: tried.startedAtMs, retryAfterMs, probe: tried.probe });
    batch.failures++;
    // maxRetries 0 means no retry at all, not "hold through an outage".
    if (!gate.inOutage || config.maxRetries === 0) batch.retries++;
    if (batch.retries > config.maxRetries) {
      queue.settle(batch, { sent: 0, failed: recordCount(batch) });
      report(reportFor.exhausted(batch, why, response));
      return;
    }
    const dueAtMs = gate.inOutage
      ? now
      : now + retryDelayMs(batch.failures - 1, parts.backoff, parts.random, retryAfterMs);
    queue.requeue(batch, dueAtMs, true);
  }

  function dropAbandoned(batch: RecordBatch) {
    queue.settle(batch, { sent: 0, failed: 0, dropped: recordCount(batch) });
    report(reportFor.abandoned(batch));
  }

  return attempt;
}
