import { normalizeStreamName } from '@shoptel/core';
import { checkOrg } from '../http/check-org.js';
import { HttpError } from '../http/http-error.js';
import { sendJson } from '../http/send-response.js';
import type { RequestInfo, ServerContext } from '../server/server-context.js';
import { encodeRecords } from './encode-records.js';
import type { ColumnList } from './encoded-batch.js';
import { otlpSpansToRecords } from './otlp-spans-to-records.js';
import { parseJsonLikeSerde } from './parse-ingest-body.js';
import { readBodyText } from './read-json-request.js';
import { createIngestWindow } from './resolve-record-timestamp.js';

/**
 * `POST /api/{org}/v1/traces` (OTLP/HTTP JSON). The `stream-name` header picks the stream
 * (default `default`) and `organization` overrides the org, as in OpenObserve. Spans outside the
 * time window are rejected with a 206 partial success.
 */
export async function handleTracesIngest(
  context: ServerContext,
  info: RequestInfo,
  pathOrg: string,
): Promise<void> {
  const contentType = (info.request.headers['content-type'] ?? 'application/json').toLowerCase();
  if (contentType.startsWith('application/x-protobuf') || contentType.startsWith('application/protobuf')) {
    throw new HttpError(
      415,
      'OTLP protobuf is not supported by shoptel-devserver: send OTLP/HTTP JSON (Content-Type: application/json)',
    );
  }
  if (!contentType.startsWith('application/json')) throw new HttpError(400, 'Bad Request');
  const orgHeader = info.request.headers.organization;
  const org = typeof orgHeader === 'string' && orgHeader !== '' ? checkOrg(orgHeader) : pathOrg;
  const streamHeader = info.request.headers['stream-name'];
  const stream = normalizeStreamName(
    typeof streamHeader === 'string' && streamHeader !== '' ? streamHeader : 'default',
  );

  let records: Record<string, unknown>[];
  let rejected: number;
  try {
    const request = parseJsonLikeSerde(await readBodyText(context, info));
    ({ records, rejected } = otlpSpansToRecords(request, { stream, fieldName: context.fieldName }));
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, `Invalid json: ${(error as Error).message}`);
  }
  const { options } = context;
  const window = createIngestWindow(Date.now(), options.allowedPastMs, options.allowedFutureMs);
  const encodeOptions = { flattenLevel: options.flattenLevel, window, fieldName: context.fieldName, stream };
  const encode = (columns: ColumnList) => encodeRecords(records, encodeOptions, columns);
  const batch = encode(context.store.columnsOf(org, 'traces', stream));
  const written =
    batch.rowCount > 0 ? await context.store.write(org, 'traces', stream, batch, encode) : batch;
  if (written.failed + rejected > 0) {
    const errorMessage = written.lastError ?? 'spans with an invalid trace id or span id';
    const rejectedSpans = written.failed + rejected;
    sendJson(info.response, 206, { partialSuccess: { rejectedSpans, errorMessage } });
    return;
  }
  sendJson(info.response, 200, { partialSuccess: null });
}
