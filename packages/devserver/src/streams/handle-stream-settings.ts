import { normalizeStreamName } from '@shoptel/core';
import { HttpError } from '../http/http-error.js';
import { sendJson } from '../http/send-response.js';
import { readBodyText } from '../ingest/read-json-request.js';
import type { RequestInfo, ServerContext } from '../server/server-context.js';
import { enforceRetention } from './enforce-retention.js';
import { applyStreamSettings } from './stream-settings.js';
import { isStreamType } from './stream-type.js';

/**
 * `POST` (create) and `PUT` (update) `/api/{org}/streams/{stream}/settings[?type=logs]`, as
 * OpenObserve's stream-settings API: the stream is created if it has no data yet (it is then
 * listed with 0 records), the settings are stored, and a `data_retention` is applied at once.
 */
export async function handleStreamSettings(
  context: ServerContext,
  info: RequestInfo,
  org: string,
  rawStream: string,
  mode: 'create' | 'update',
): Promise<void> {
  const type = info.url.searchParams.get('type') || 'logs';
  if (!isStreamType(type)) throw new HttpError(400, `Invalid stream type: ${type}`);
  const stream = normalizeStreamName(rawStream);
  if (stream === '' || stream === '_') throw new HttpError(400, `Invalid stream name: ${rawStream}`);
  const text = await readBodyText(context, info);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, `SerdeJsonError# ${(error as Error).message}`);
  }
  const table = await context.store.ensure(org, type, stream);
  table.settings = applyStreamSettings(table.settings, body, mode);
  await enforceRetention(context.store, table);
  sendJson(info.response, 200, { code: 200 });
}
