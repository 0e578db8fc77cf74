import { isUtf8 } from 'node:buffer';
import { decodeBody } from '../http/decode-body.js';
import { HttpError } from '../http/http-error.js';
import { readRequestBody } from '../http/read-request-body.js';
import type { RequestInfo, ServerContext } from '../server/server-context.js';

/** Reads, decompresses and decodes a request body as UTF-8 text (for the low-volume routes). */
export async function readBodyText(context: ServerContext, info: RequestInfo): Promise<string> {
  const limit = context.options.payloadLimitBytes;
  const raw = await readRequestBody(info.request, limit);
  const body = decodeBody(raw, info.request.headers['content-encoding'], limit);
  // OpenObserve parses bytes with serde_json, which refuses invalid UTF-8 (no U+FFFD repair).
  if (!isUtf8(body)) throw new HttpError(400, 'SerdeJsonError# invalid unicode code point');
  return body.toString('utf8');
}
