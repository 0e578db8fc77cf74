import net from 'node:net';
import { TransportError } from '../transport/transport.js';
import type { Http1Origin } from './open-http1-connection.js';

/** What a request URL says about where and how to send: resolved once per URL. */
export interface Http1Target {
  origin: Http1Origin;
  /** The request target: path and query, as the URL encoded them. */
  path: string;
  /** The Host header: the host, and the port when it is not the scheme's default. */
  host: string;
  /** `Basic …` from the URL's user and password, if it has them. */
  authorization?: string;
}

/**
 * Reads an `http:` or `https:` URL (the scheme in any case; an IPv6 literal host) into a target.
 * Throws a {@link TransportError} that never repeats the URL, which may hold a password.
 */
export function resolveHttp1Target(url: string): Http1Target {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TransportError('network', 'invalid URL');
  }
  const isHttps = parsed.protocol === 'https:';
  if (!isHttps && parsed.protocol !== 'http:')
    throw new TransportError('network', `unsupported protocol ${parsed.protocol}`);
  const host = parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname;
  const port = parsed.port === '' ? (isHttps ? 443 : 80) : Number(parsed.port);
  const target: Http1Target = {
    origin: {
      key: `${parsed.protocol}//${parsed.hostname}:${port}`,
      isHttps,
      host,
      port,
      ...(isHttps && net.isIP(host) === 0 ? { servername: host } : {}),
    },
    path: parsed.pathname + parsed.search,
    host: parsed.host,
  };
  if (parsed.username !== '' || parsed.password !== '') {
    let credentials: string;
    try {
      credentials = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
    } catch {
      throw new TransportError('network', 'invalid URL: bad percent-encoding in its credentials');
    }
    target.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
  }
  return target;
}
