import type { IncomingMessage } from 'node:http';

/** A Node request or a Fetch `Request`: everything that takes a request takes both. */
export type AnyRequest = IncomingMessage | Request;

/** Is this a Fetch `Request` (or something shaped like one), rather than an `IncomingMessage`? */
export function isFetchRequest(request: AnyRequest): request is Request {
  return typeof (request.headers as { get?: unknown } | undefined)?.get === 'function';
}

/**
 * One header of either kind of request, or `undefined`; repeated headers joined with `, `. Safe on
 * a request without headers (a hand-made object, a test double).
 */
export function headerOf(request: AnyRequest | undefined, name: string): string | undefined {
  const headers = request?.headers as unknown;
  if (headers === undefined || headers === null || typeof headers !== 'object') return undefined;
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as Headers).get(name) ?? undefined;
  }
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  if (typeof value === 'string') return value;
  return Array.isArray(value) ? value.join(', ') : undefined;
}

/** Path and query of the request (`/p/42?utm_source=x`), or `undefined`. */
export function pathOf(request: AnyRequest | undefined): string | undefined {
  const url = (request as { url?: unknown } | undefined)?.url;
  if (typeof url !== 'string' || url === '') return undefined;
  if (url.startsWith('/')) return url;
  const at = url.indexOf('/', url.indexOf('//') + 2);
  return at === -1 ? '/' : url.slice(at);
}
