import net from 'node:net';
import tls from 'node:tls';
import { createHttp1ResponseParser, type Http1Response } from './parse-http1-response.js';

/** Where a connection goes; the pool keeps one set of sockets per origin. */
export interface Http1Origin {
  /** `http://host:port` with the port always written: the pool's key. */
  key: string;
  isHttps: boolean;
  /** Host name or IP address to connect to (an IPv6 literal without its brackets). */
  host: string;
  port: number;
  /** The TLS server name (SNI); absent for IP addresses, which SNI does not carry. */
  servername?: string;
}

/** TLS settings shared by every connection of a transport. */
export interface Http1TlsSettings {
  secureContext: tls.SecureContext;
  rejectUnauthorized?: boolean;
  /** A session from an earlier connection to the same origin, to resume instead of a full handshake. */
  session?: Buffer;
  onSession(session: Buffer): void;
}

/** Who hears how one request/answer exchange ended: exactly one of the two is called. */
export interface Http1Exchange {
  onResponse(response: Http1Response): void;
  /**
   * `retryable`: the socket had carried an earlier exchange and failed (reset, broken pipe, closed)
   * before any byte of this answer, as a keep-alive socket the server closed meanwhile does.
   */
  onFailure(error: Error, retryable: boolean): void;
}

/** One keep-alive socket carrying one exchange at a time. */
export interface Http1Connection {
  /** Writes a request, head and body corked into one write, and reads its answer. */
  exchange(head: string, body: Uint8Array | undefined, exchange: Http1Exchange): void;
  /** Whether the last answer left the socket open and ready for another request. */
  readonly reusable: boolean;
  /** Marks the socket unused: it no longer keeps the process alive. */
  park(): void;
  /** Closes the socket; `reason` fails the exchange in progress, without one it is dropped silently. */
  destroy(reason?: Error): void;
}

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE']);

/**
 * Opens a TCP (or TLS, ALPN `http/1.1`) socket to `origin`. Requests written before it connects
 * are sent once it does. `onIdleLost` is called when the socket closes while no exchange is on it.
 */
export function openHttp1Connection(
  origin: Http1Origin,
  tlsSettings: Http1TlsSettings | undefined,
  onIdleLost: () => void,
): Http1Connection {
  const socket =
    tlsSettings === undefined
      ? net.connect({ host: origin.host, port: origin.port })
      : tls.connect({
          host: origin.host,
          port: origin.port,
          ALPNProtocols: ['http/1.1'],
          secureContext: tlsSettings.secureContext,
          // Only when set: an explicit `undefined` would override Node's default of verifying.
          ...(tlsSettings.rejectUnauthorized === undefined
            ? {}
            : { rejectUnauthorized: tlsSettings.rejectUnauthorized }),
          ...(origin.servername === undefined ? {} : { servername: origin.servername }),
          ...(tlsSettings.session === undefined ? {} : { session: tlsSettings.session }),
        });
  socket.setNoDelay(true);
  if (tlsSettings !== undefined) socket.on('session', tlsSettings.onSession);
  const parser = createHttp1ResponseParser();
  let current: Http1Exchange | undefined;
  let completed = 0;
  let answerStarted = false;
  let keepAlive = false;

  const fail = (error: Error, resetLike: boolean) => {
    const exchange = current;
    if (exchange === undefined) return;
    current = undefined;
    keepAlive = false;
    socket.destroy();
    exchange.onFailure(error, resetLike && completed > 0 && !answerStarted);
  };

  const succeed = (response: Http1Response) => {
    const exchange = current!;
    current = undefined;
    completed++;
    // An answer that came before the whole request was written (a server refusing early) leaves
    // the rest of the request unread: the socket is not reused.
    keepAlive = response.keepAlive && socket.writableLength === 0;
    exchange.onResponse(response);
  };

  socket.on('data', (chunk: Buffer) => {
    // Bytes while no request is out are a server speaking out of turn: nothing can follow them safely.
    if (current === undefined) return void socket.destroy();
    answerStarted = true;
    let response: Http1Response | undefined;
    try {
      response = parser.push(chunk);
    } catch (error) {
      return fail(error as Error, false);
    }
    if (response !== undefined) succeed(response);
  });
  socket.on('end', () => {
    if (current === undefined) return void socket.destroy();
    const response = parser.end();
    if (response !== undefined) return succeed(response);
    fail(
      new Error(
        answerStarted
          ? 'the server closed the connection in the middle of its answer'
          : 'the server closed the connection without answering',
      ),
      true,
    );
  });
  socket.on('error', (error: NodeJS.ErrnoException) => fail(error, RESET_CODES.has(error.code ?? '')));
  socket.on('close', () => {
    if (current === undefined) onIdleLost();
    else fail(new Error('the connection closed before the answer was complete'), true);
  });

  return {
    exchange(head, body, exchange) {
      current = exchange;
      answerStarted = false;
      keepAlive = false;
      if (socket.destroyed) {
        fail(new Error('the connection closed before the request was sent'), true);
        return;
      }
      socket.ref();
      socket.cork();
      socket.write(head, 'latin1');
      if (body !== undefined && body.byteLength > 0) socket.write(body);
      socket.uncork();
    },
    get reusable() {
      return keepAlive && !socket.destroyed;
    },
    park() {
      socket.unref();
    },
    destroy(reason) {
      if (reason === undefined) current = undefined;
      else fail(reason, false);
      socket.destroy();
    },
  };
}
