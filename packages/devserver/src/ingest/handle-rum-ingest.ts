import { HttpError } from '../http/http-error.js';
import { sendJson } from '../http/send-response.js';
import type { RequestInfo, ServerContext } from '../server/server-context.js';
import { encodeRecords } from './encode-records.js';
import type { ColumnList } from './encoded-batch.js';
import { ingestionResponse, streamStatus } from './ingestion-response.js';
import { parseJsonBody, parseNdjsonBody } from './parse-ingest-body.js';
import { readBodyText } from './read-json-request.js';
import { createIngestWindow } from './resolve-record-timestamp.js';

const RUM_STREAMS: Record<string, string> = { rum: '_rumdata', logs: '_rumlog' };
const API_KEY_NAMES = ['o2-api-key', 'oo-api-key'];

/**
 * `POST /rum/v1/{org}/rum|logs`: the browser intake. Needs a RUM key in the query or a header
 * (query wins); answers 202 with the ingestion body. Query parameters starting with `oo`, `o2` or
 * `batch_time` and `ootags`/`o2tags` (`k:v,k2:v2`) become fields of every record, plus `ip`.
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
    API_KEY_NAMES.map((n) => info.url.searchParams.get(n)).find((v) => v) ??
    API_KEY_NAMES.map((n) => info.request.headers[n]).find(
      (v): v is string => typeof v === 'string' && v !== '',
    );
  if (!key) throw new HttpError(401, 'Unauthorized Access');
  const expected = context.options.rumToken;
  if (expected !== undefined && key !== expected)
    throw new HttpError(403, 'User associated with this token not found');

  const text = await readBodyText(context, info);
  const records = text.trimStart().startsWith('[') ? parseJsonBody(text) : parseNdjsonBody(text);
  const extra = extraFields(info);
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

function extraFields(info: RequestInfo): Record<string, string> {
  const extra: Record<string, string> = {};
  for (const [name, value] of info.url.searchParams) {
    if (API_KEY_NAMES.includes(name)) continue;
    if (name === 'ootags' || name === 'o2tags') {
      for (const pair of value.split(',')) {
        const colon = pair.indexOf(':');
        if (colon > 0) extra[pair.slice(0, colon).trim()] = pair.slice(colon + 1).trim();
      }
    } else if (name.startsWith('oo') || name.startsWith('o2') || name.startsWith('batch_time')) {
      extra[name] = value;
    }
  }
  const ip = info.request.socket.remoteAddress;
  if (ip) extra.ip = ip;
  return extra;
}
