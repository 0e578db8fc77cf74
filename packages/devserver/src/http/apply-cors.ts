import type { IncomingMessage, ServerResponse } from 'node:http';
import { ANY_ORIGIN, isOriginListed } from './resolve-cors-origins.js';

/** OpenObserve's `cors_layer` request headers, plus what browser SDKs send. */
export const CORS_ALLOWED_HEADERS =
  'authorization, accept, content-type, content-encoding, stream-name, organization, traceparent, tracestate, x-requested-with, o2-api-key, oo-api-key';
const CORS_ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS, HEAD';

/**
 * Adds CORS headers for an allowed origin (see `resolveCorsOrigins`): the origin is echoed with
 * `Access-Control-Allow-Credentials`, as OpenObserve's `cors_layer` does for its allowed origins.
 * Under `*` (asked for by name) every origin is answered `*` without credentials, so a page
 * cannot use the Basic credentials a browser cached for the devserver's own page. Any other
 * origin gets no grant, and its preflight no allowed methods or headers. Returns true when the
 * request was a preflight and has been answered.
 */
export function applyCors(
  request: IncomingMessage,
  response: ServerResponse,
  allowedOrigins: readonly string[],
): boolean {
  const origin = request.headers.origin;
  let granted = false;
  if (origin) {
    response.setHeader('vary', 'Origin');
    if (isOriginListed(origin, allowedOrigins)) {
      response.setHeader('access-control-allow-origin', origin);
      response.setHeader('access-control-allow-credentials', 'true');
      granted = true;
    } else if (allowedOrigins.includes(ANY_ORIGIN)) {
      response.setHeader('access-control-allow-origin', '*');
      granted = true;
    }
    if (granted) response.setHeader('access-control-expose-headers', 'x-error-message, content-length');
  }
  if (request.method !== 'OPTIONS') return false;
  const grant: Record<string, string> = granted
    ? {
        'access-control-allow-methods': CORS_ALLOWED_METHODS,
        'access-control-allow-headers': CORS_ALLOWED_HEADERS,
        'access-control-max-age': '3600',
      }
    : {};
  response.writeHead(204, { ...grant, 'content-length': '0' });
  response.end();
  return true;
}
