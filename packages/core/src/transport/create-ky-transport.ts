import ky, { TimeoutError } from 'ky';
import { type Transport, TransportError, type TransportResponse } from './transport.js';

/**
 * The portable default transport: ky over the platform's `fetch` (Node 18+, browsers, edge
 * runtimes). ky's own retry is off because the client's retry policy owns retries, and HTTP
 * errors resolve so the client can read OpenObserve's error body.
 */
export function createKyTransport(): Transport {
  return {
    async send(request) {
      let response: Awaited<ReturnType<typeof ky>>;
      try {
        response = await ky(request.url, {
          method: request.method,
          headers: request.headers,
          // Core has no DOM types; a string or Uint8Array is a valid fetch body everywhere.
          body: request.body as never,
          timeout: request.timeoutMs,
          signal: request.signal as never,
          retry: 0,
          throwHttpErrors: false,
        });
      } catch (error) {
        if (error instanceof TimeoutError) {
          throw new TransportError('timeout', `no answer within ${request.timeoutMs} ms`, { cause: error });
        }
        throw new TransportError('network', describeNetworkError(error), { cause: error });
      }
      const headers: Record<string, string> = {};
      response.headers.forEach((value: string, key: string) => {
        headers[key.toLowerCase()] = value;
      });
      let body = '';
      try {
        body = await response.text();
      } catch {
        // The status arrived; a body cut off mid-way is read as empty rather than re-sent.
        body = '';
      }
      const result: TransportResponse = { status: response.status, headers, body };
      return result;
    },
  };
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ? `${error.message} (${cause.code})` : error.message;
}
