import { normalizeStreamName } from '@shoptel/core';
import { HttpError } from '../http/http-error.js';
import { readRequestBody } from '../http/read-request-body.js';
import { sendJson } from '../http/send-response.js';
import type { RequestInfo, ServerContext } from '../server/server-context.js';
import type { ColumnList } from './encoded-batch.js';
import { ingestionResponse, streamStatus } from './ingestion-response.js';

/** `POST /api/{org}/{stream}/_json` and `/_multi`. */
export async function handleLogIngest(
  context: ServerContext,
  info: RequestInfo,
  org: string,
  rawStream: string,
  format: 'json' | 'ndjson',
): Promise<void> {
  const stream = normalizeStreamName(rawStream);
  if (stream === '' || stream === '_') throw new HttpError(400, `Invalid stream name: ${rawStream}`);
  const { options } = context;
  let body: Uint8Array = await readRequestBody(info.request, options.payloadLimitBytes);
  const job = {
    stream,
    contentEncoding: info.request.headers['content-encoding'],
    format,
    payloadLimitBytes: options.payloadLimitBytes,
    flattenLevel: options.flattenLevel,
    nowMs: Date.now(),
    allowedPastMs: options.allowedPastMs,
    allowedFutureMs: options.allowedFutureMs,
    loadDirectory: context.store.loadDirectory,
  };
  const encode = async (columns: ColumnList) => {
    const prepared = await context.prepare.prepare({ ...job, body, columns });
    body = prepared.body;
    const { outcome } = prepared;
    if (!outcome.ok) {
      throw new HttpError(outcome.status, outcome.message, {
        plain: outcome.plain,
        ...(outcome.headers ? { headers: outcome.headers } : {}),
      });
    }
    return outcome.batch;
  };
  const batch = await encode(context.store.columnsOf(org, 'logs', stream));
  const written = batch.rowCount > 0 ? await context.store.write(org, 'logs', stream, batch, encode) : batch;
  sendJson(
    info.response,
    200,
    ingestionResponse([streamStatus(stream, written.successful, written.failed, written.lastError)]),
  );
}
