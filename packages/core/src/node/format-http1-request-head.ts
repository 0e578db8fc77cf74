import { TransportError } from '../transport/transport.js';
import type { Http1Target } from './resolve-http1-target.js';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** What Node's own http client refuses in a header value: controls other than tab, and above U+00FF. */
const BAD_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

/**
 * The request line and headers, ending in the blank line: `Host` first (the caller's own `Host`
 * wins), the caller's headers, `Authorization` from the URL unless the caller set one, and
 * `Content-Length` when there is a body (or for a bodiless POST/PUT). The transport alone frames
 * the body, so a caller's `Content-Length` or `Transfer-Encoding` is left out. A header name or
 * value HTTP does not allow throws a {@link TransportError} naming the header, never its value.
 */
export function formatHttp1RequestHead(
  target: Http1Target,
  method: string,
  headers: Record<string, string>,
  contentLength: number | undefined,
): string {
  let host = target.host;
  let lines = '';
  let hasAuthorization = false;
  for (const name of Object.keys(headers)) {
    const value = String(headers[name]);
    if (!TOKEN.test(name)) throw new TransportError('network', 'a request header name is not a valid token');
    if (BAD_VALUE.test(value))
      throw new TransportError(
        'network',
        `the value of request header ${name} holds a character HTTP forbids`,
      );
    const key = name.toLowerCase();
    if (key === 'host') host = value;
    else if (key !== 'content-length' && key !== 'transfer-encoding') {
      if (key === 'authorization') hasAuthorization = true;
      lines += `${name}: ${value}\r\n`;
    }
  }
  if (target.authorization !== undefined && !hasAuthorization)
    lines += `Authorization: ${target.authorization}\r\n`;
  if (contentLength !== undefined) lines += `Content-Length: ${contentLength}\r\n`;
  else if (method === 'POST' || method === 'PUT') lines += 'Content-Length: 0\r\n';
  return `${method} ${target.path} HTTP/1.1\r\nHost: ${host}\r\n${lines}\r\n`;
}
