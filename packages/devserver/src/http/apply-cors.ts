import type { IncomingMessage, ServerResponse } from 'node:http';

/** OpenObserve's `cors_layer` request headers, plus what browser SDKs send. */
export const CORS_ALLOWED_HEADERS =
  'authorization, accept, content-type, content-encoding, stream-name, organization, traceparent, tracestate, x-requested-with, o2-api-key, oo-api-key';
const CORS_ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS, HEAD';

/**
 * Adds CORS headers. With no configured origins every origin may call (OpenObserve's behaviour
 * with an empty `ZO_WEB_URL`) but without credentials; configured origins are echoed with
 * `Access-Control-Allow-Credentials`. Returns true when the request was a preflight and has been
 * answered.
 */
export function applyCors(
  request: IncomingMessage,
  response: ServerResponse,
  allowedOrigins: readonly string[],
): boolean {
  const origin = request.headers.origin;
  if (origin) {
    if (allowedOrigins.length === 0) {
      response.setHeader('access-control-allow-origin', '*');
    } else if (allowedOrigins.includes(origin) || allowedOrigins.includes('*')) {
      response.setHeader('access-control-allow-origin', origin);
      response.setHeader('access-control-allow-credentials', 'true');
      response.setHeader('vary', 'Origin');
    }
    response.setHeader('access-control-expose-headers', 'x-error-message, content-length');
  }
  if (request.method !== 'OPTIONS') return false;
  response.writeHead(204, {
    'access-control-allow-methods': CORS_ALLOWED_METHODS,
    'access-control-allow-headers': CORS_ALLOWED_HEADERS,
    'access-control-max-age': '3600',
    'content-length': '0',
  });
  response.end();
  return true;
}
