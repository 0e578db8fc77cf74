import { TransportError, type TransportResponse } from '../transport/transport.js';
import { type DeliveryError, DeliveryErrorReason } from './delivery-error.js';
import { describeValue } from './describe-value.js';
import { type IngestAccounting, readServerMessage } from './ingest-response.js';
import { eventIdsOf, type RecordBatch, recordCount } from './record-batch.js';

/** The `onError` reports of batch delivery, one sentence a person can act on each. */
export const reportFor = {
  /** A 2xx answer that did not store every record: partial failure and silent shortfall. */
  accounting(batch: RecordBatch, status: number, accounting: IngestAccounting): DeliveryError[] {
    const count = recordCount(batch);
    const reports: DeliveryError[] = [];
    if (accounting.failed > 0) {
      reports.push({
        reason: DeliveryErrorReason.partialFailure,
        message: `server stored ${accounting.successful} of ${count} records in '${batch.stream}'; ${accounting.failed} failed: ${accounting.error ?? 'no reason given'}`,
        stream: batch.stream,
        count: accounting.failed,
        status,
        ...(accounting.error === undefined ? {} : { serverMessage: accounting.error }),
      });
    }
    if (accounting.missing > 0) {
      reports.push({
        reason: DeliveryErrorReason.silentDrop,
        message: `server answered ${status} but accounted for ${count - accounting.missing} of ${count} records in '${batch.stream}'`,
        stream: batch.stream,
        count: accounting.missing,
        status,
      });
    }
    return reports;
  },

  /** A 4xx retrying cannot fix (or a 413 for a single record). */
  refused(batch: RecordBatch, response: TransportResponse, tooLarge: boolean): DeliveryError {
    const count = recordCount(batch);
    const serverMessage = readServerMessage(response.body);
    return {
      reason: tooLarge ? DeliveryErrorReason.recordTooLarge : DeliveryErrorReason.rejectedByServer,
      message: `server refused ${count} record(s) for '${batch.stream}' with HTTP ${response.status}${serverMessage ? `: ${serverMessage}` : ''}${hintFor(response.status)}`,
      stream: batch.stream,
      count,
      status: response.status,
      eventIds: eventIdsOf(batch),
      ...(serverMessage === undefined ? {} : { serverMessage }),
    };
  },

  /** `maxRetries` failures while the server answered other requests. */
  exhausted(batch: RecordBatch, why: string, response: TransportResponse | undefined): DeliveryError {
    const count = recordCount(batch);
    const serverMessage = response === undefined ? undefined : readServerMessage(response.body);
    return {
      reason: DeliveryErrorReason.retriesExhausted,
      message: `gave up on ${count} record(s) for '${batch.stream}' after ${batch.failures} failed attempt(s), ${batch.retries} of them while the server answered other requests; last: ${why}`,
      stream: batch.stream,
      count,
      eventIds: eventIdsOf(batch),
      ...(response === undefined ? {} : { status: response.status }),
      ...(serverMessage === undefined ? {} : { serverMessage }),
    };
  },

  /** A request that came back after shutdown gave up. */
  abandoned(batch: RecordBatch): DeliveryError {
    const count = recordCount(batch);
    return {
      reason: DeliveryErrorReason.shutdownTimeout,
      message: `shutdown timed out with ${count} record(s) in flight to '${batch.stream}'; the request was abandoned (the server may or may not have stored them)`,
      stream: batch.stream,
      count,
      eventIds: eventIdsOf(batch),
    };
  },
};

export function describeTransportFailure(error: unknown): string {
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
