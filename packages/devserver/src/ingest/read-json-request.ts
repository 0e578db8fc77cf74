import { decodeBody } from '../http/decode-body.js';
import { readRequestBody } from '../http/read-request-body.js';
import type { RequestInfo, ServerContext } from '../server/server-context.js';

/** Reads, decompresses and decodes a request body as UTF-8 text (for the low-volume routes). */
export async function readBodyText(context: ServerContext, info: RequestInfo): Promise<string> {
  const limit = context.options.payloadLimitBytes;
  const raw = await readRequestBody(info.request, limit);
  return decodeBody(raw, info.request.headers['content-encoding'], limit).toString('utf8');
}
