import ky, { TimeoutError } from 'ky';
import { type Transport, TransportError, type TransportRequest } from './transport.js';

declare const fetch: (input: unknown, init?: unknown) => Promise<unknown>;
// Core compiles without DOM or Node types; every platform ky runs on has these timers.
declare function setTimeout(callback: () => void, ms: number): unknown;
declare function clearTimeout(handle: unknown): void;

/** Options of {@link createKyTransport}. */
export interface KyTransportOptions {
  /** The `fetch` ky calls. @default the platform's global `fetch` */
  fetch?: (input: unknown, init?: unknown) => Promise<unknown>;
}

/**
 * The portable default transport: ky over the platform's `fetch` (Node 18+, browsers, edge
 * runtimes). ky's own retry is off because the client's retry policy owns retries, and HTTP
 * errors resolve so the client can read OpenObserve's error body.
 */
export function createKyTransport(options: KyTransportOptions = {}): Transport {
  return {
    async send(request) {
      const startedAt = Date.now();
      let response: Awaited<ReturnType<typeof ky>>;
      try {
        response = await new Promise((resolve, reject) => {
          // When fetch rejects before it has read the request body (Node's fetch does so for a
          // port on the fetch spec's "bad port" list, such as 6000 or 10080), ky 1.x then waits
          // for that unread body to be cancelled, which never happens: its promise never settles,
          // even after `timeout`. So a fetch rejection settles this request at once.
          const platformFetch = options.fetch ?? fetch;
          const watchedFetch = (input: unknown, init?: unknown) =>
            platformFetch(input, init).catch((error: unknown) => {
              reject(error);
              throw error;
            });
          ky(request.url, {
            method: request.method,
            headers: request.headers,
            // Core has no DOM types; a string or Uint8Array is a valid fetch body everywhere.
            body: request.body as never,
            timeout: request.timeoutMs,
            signal: request.signal as never,
            retry: 0,
            throwHttpErrors: false,
            fetch: watchedFetch as never,
          }).then(resolve, reject);
        });
      } catch (error) {
        throw toTransportError(error, request.timeoutMs, request.signal?.aborted === true);
      }
      const headers: Record<string, string> = {};
      response.headers.forEach((value: string, key: string) => {
        headers[key.toLowerCase()] = value;
      });
      // ky's timeout ends when the headers arrive; a body that then stalls would hold this request
      // (and its slot) forever. The deadline covers the whole exchange, as in the node:http one.
      const remainingMs = Math.max(0, request.timeoutMs - (Date.now() - startedAt));
      const body = await readBodyWithin(response, remainingMs, request);
      return { status: response.status, headers, body };
    },
  };
}

/**
 * The body as text, or a `timeout`/`network` failure when it does not arrive within `remainingMs`
 * or the caller aborts meanwhile; the body stream is cancelled then, which closes the connection.
 */
function readBodyWithin(
  response: Awaited<ReturnType<typeof ky>>,
  remainingMs: number,
  request: TransportRequest,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const stop = (error: TransportError) => {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      response.body?.cancel().catch(() => {});
      reject(error);
    };
    const onAbort = () => stop(new TransportError('network', 'request aborted'));
    const timer = setTimeout(
      () => stop(new TransportError('timeout', `no answer within ${request.timeoutMs} ms`)),
      remainingMs,
    );
    if (request.signal?.aborted) return onAbort();
    request.signal?.addEventListener('abort', onAbort);
    response.text().then(
      (text: string) => {
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', onAbort);
        resolve(text);
      },
      () => {
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', onAbort);
        // The status arrived; a body cut off mid-way is read as empty rather than re-sent.
        resolve('');
      },
    );
  });
}

function toTransportError(error: unknown, timeoutMs: number, abortedByCaller: boolean): TransportError {
  // ky's timeout aborts the fetch, and the fetch's AbortError can arrive before ky's TimeoutError.
  const isAbort = error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
  if (error instanceof TimeoutError || (isAbort && !abortedByCaller)) {
    return new TransportError('timeout', `no answer within ${timeoutMs} ms`, { cause: error });
  }
  if (abortedByCaller) return new TransportError('network', 'request aborted', { cause: error });
  return new TransportError('network', describeNetworkError(error), { cause: error });
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${error.message} (${cause.code})`;
  // Node's fetch gives the reason only in `cause`, e.g. "bad port" for a port fetch refuses.
  return cause?.message ? `${error.message} (${cause.message})` : error.message;
}
