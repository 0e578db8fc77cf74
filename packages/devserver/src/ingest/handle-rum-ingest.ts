import { HttpError } from '../http/http-error.js';
import { sendJson } from '../http/send-response.js';
import type { RequestInfo, ServerContext } from '../server/server-context.js';
import { encodeRecords } from './encode-records.js';
import type { ColumnList } from './encoded-batch.js';
import { ingestionResponse, streamStatus } from './ingestion-response.js';
import { parseJsonBody, parseNdjsonBody } from './parse-ingest-body.js';
import { readBodyText } from './read-json-request.js';
import { createIngestWindow } from './resolve-record-timestamp.js';
import { RUM_API_KEY_NAMES, rumExtraFields } from './rum-extra-fields.js';

const RUM_STREAMS: Record<string, string> = { rum: '_rumdata', logs: '_rumlog' };

/**
 * `POST /rum/v1/{org}/rum|logs`: the browser intake. Needs a RUM key in the query or a header
 * (query wins); answers 202 with the ingestion body. Every record gets `rumExtraFields`.
 */
export async function handleRumIngest(
  context: ServerContext,
  info: RequestInfo,
  org: string,
  kind: string,
): Promise<void> {
  const stream = RUM_STREAMS[kind];
  if (!stream) throw new HttpError(404, `RUM track type ${kind} is not supported by shoptel-devserver`);
  const key =
    RUM_API_KEY_NAMES.map((n) => info.url.searchParams.get(n)).find((v) => v) ??
    RUM_API_KEY_NAMES.map((n) => info.request.headers[n]).find(
      (v): v is string => typeof v === 'string' && v !== '',
    );
  if (!key) throw new HttpError(401, 'Unauthorized Access');
  const expected = context.options.rumToken;
  if (expected !== undefined && key !== expected)
    throw new HttpError(403, 'User associated with this token not found');

  const text = await readBodyText(context, info);
  const records = text.trimStart().startsWith('[') ? parseJsonBody(text) : parseNdjsonBody(text);
  const extra = rumExtraFields(info.url, info.request, records[0]);
  const enriched = records.map((r) =>
    r !== null && typeof r === 'object' && !Array.isArray(r) ? { ...(r as object), ...extra } : r,
  );
  const { options } = context;
  const window = createIngestWindow(Date.now(), options.allowedPastMs, options.allowedFutureMs);
  const encodeOptions = { flattenLevel: options.flattenLevel, window, fieldName: context.fieldName, stream };
  const encode = (columns: ColumnList) => encodeRecords(enriched, encodeOptions, columns);
  const batch = encode(context.store.columnsOf(org, 'logs', stream));
  const written = batch.rowCount > 0 ? await context.store.write(org, 'logs', stream, batch, encode) : batch;
  sendJson(
    info.response,
    202,
    ingestionResponse([streamStatus(stream, written.successful, written.failed, written.lastError)]),
  );
}
