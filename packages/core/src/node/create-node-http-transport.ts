import tls from 'node:tls';
import { type Transport, TransportError } from '../transport/transport.js';
import { createHttp1ConnectionPool } from './create-http1-connection-pool.js';
import { formatHttp1RequestHead } from './format-http1-request-head.js';
import { type Http1Connection, type Http1Exchange, openHttp1Connection } from './open-http1-connection.js';
import { type Http1Target, resolveHttp1Target } from './resolve-http1-target.js';

/** Options of {@link createNodeHttpTransport}. */
export interface NodeHttpTransportOptions {
  /** Sockets open at once per origin (a whole number ≥ 1); further requests wait their turn. @default 8 */
  maxSockets?: number;
  /**
   * TLS settings for `https:` URLs, e.g. `{ ca }` for an OpenObserve behind a private CA (it then
   * replaces Node's trusted roots, as in `tls.connect`), `cert`/`key` for client certificates.
   * @example { ca: readFileSync('/etc/ssl/internal-ca.pem') }
   */
  tls?: Pick<tls.ConnectionOptions, 'ca' | 'cert' | 'key' | 'rejectUnauthorized'>;
}

const DEFAULT_MAX_SOCKETS = 8;
/** Below the 5 s keep-alive of Node's and many servers, so a reused socket rarely meets their close. */
const IDLE_SOCKET_MS = 4000;
/** The client posts to a handful of URLs (one per stream): each is parsed once, not per request. */
const MAX_CACHED_TARGETS = 256;

/**
 * A keep-alive HTTP/1.1 transport written directly on `node:net`/`node:tls` sockets, for high-volume
 * Node senders. At 100 records a request the request, not the record, dominates delivery cost: a
 * 34 KB POST costs about half the client CPU it does through `node:http` (`bench/transport-cost.mjs`).
 * Sockets are pooled per origin, closed after 4 s idle and never keep the process alive while idle;
 * a reused socket that fails before any byte of its answer is retried once on a new one.
 * @example createClient({ url, auth, transport: createNodeHttpTransport() })
 */
export function createNodeHttpTransport(
  options: NodeHttpTransportOptions = {},
): Transport & { close(): void } {
  const maxSockets = options.maxSockets ?? DEFAULT_MAX_SOCKETS;
  if (!Number.isInteger(maxSockets) || maxSockets < 1)
    throw new RangeError(`maxSockets must be a whole number of at least 1, not ${maxSockets}`);
  const { ca, cert, key, rejectUnauthorized } = options.tls ?? {};
  let secureContext: tls.SecureContext | undefined;
  const sessions = new Map<string, Buffer>();
  const pool = createHttp1ConnectionPool({
    maxSockets,
    idleMs: IDLE_SOCKET_MS,
    open(origin, onIdleLost) {
      if (!origin.isHttps) return openHttp1Connection(origin, undefined, onIdleLost);
      const tlsSettings = {
        secureContext: secureContext!,
        ...(rejectUnauthorized === undefined ? {} : { rejectUnauthorized }),
        ...(sessions.has(origin.key) ? { session: sessions.get(origin.key) } : {}),
        onSession: (session: Buffer) => sessions.set(origin.key, session),
      };
      return openHttp1Connection(origin, tlsSettings, onIdleLost);
    },
  });

  const targets = new Map<string, Http1Target>();
  const targetOf = (url: string) => {
    let target = targets.get(url);
    if (target === undefined) {
      target = resolveHttp1Target(url);
      // Built here, where a bad `ca` or `key` can fail one request, rather than inside the pool.
      if (target.origin.isHttps) secureContext ??= tls.createSecureContext({ ca, cert, key });
      if (targets.size >= MAX_CACHED_TARGETS) targets.clear();
      targets.set(url, target);
    }
    return target;
  };

  return {
    send(request) {
      return new Promise((resolve, reject) => {
        const body = typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
        let target: Http1Target;
        let head: string;
        try {
          target = targetOf(request.url);
          head = formatHttp1RequestHead(target, request.method, request.headers, body?.byteLength);
        } catch (error) {
          reject(asTransportError(error));
          return;
        }
        const { origin } = target;
        let connection: Http1Connection | undefined;
        let retried = false;
        let settled = false;
        let stopWaiting = () => {};

        const settle = () => {
          settled = true;
          clearTimeout(timer);
          stopWaiting();
          request.signal?.removeEventListener('abort', onAbort);
        };
        const giveUp = (error: TransportError) => {
          if (settled) return;
          settle();
          if (connection !== undefined) pool.discard(origin, connection);
          connection = undefined;
          reject(error);
        };
        const exchange: Http1Exchange = {
          onResponse({ status, headers, body: text }) {
            const used = connection!;
            connection = undefined;
            settle();
            pool.release(origin, used);
            resolve({ status, headers, body: text });
          },
          onFailure(error, retryable) {
            if (!retryable || retried || settled) return giveUp(asTransportError(error));
            retried = true;
            connection = pool.replace(origin, connection!);
            connection.exchange(head, body, exchange);
          },
        };

        // A timer for the whole exchange (waiting for a socket, connecting, the answer's body).
        const timer = setTimeout(
          () => giveUp(new TransportError('timeout', `no answer within ${request.timeoutMs} ms`)),
          request.timeoutMs,
        );
        const onAbort = () => giveUp(new TransportError('network', 'request aborted'));
        if (request.signal?.aborted) return onAbort();
        request.signal?.addEventListener('abort', onAbort, { once: true });
        stopWaiting = pool.acquire(origin, (granted) => {
          if (granted === undefined) return giveUp(new TransportError('network', 'the transport was closed'));
          if (settled) return pool.release(origin, granted);
          connection = granted;
          granted.exchange(head, body, exchange);
        });
      });
    },
    close() {
      pool.close();
    },
  };
}

function asTransportError(error: unknown): TransportError {
  if (error instanceof TransportError) return error;
  const { message, code } = error as NodeJS.ErrnoException;
  return new TransportError('network', code ? `${message} (${code})` : message, { cause: error });
}
