/** The part of the platform's `AbortSignal` the SDK uses (core has no DOM types to name it). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** One HTTP request the client wants made. The body is already serialized (and maybe compressed). */
export interface TransportRequest {
  url: string;
  method: 'POST' | 'GET' | 'PUT' | 'DELETE';
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** Abort the request after this many ms; the transport reports a `timeout` failure. */
  timeoutMs: number;
  /** Cancels the request; the transport then rejects with a `network` failure. */
  signal?: AbortSignalLike;
}

/** What the server answered. Header names are lowercase. */
export interface TransportResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * The one seam every HTTP call of the SDK goes through: the ky default in core, a keep-alive
 * HTTP/1.1 one over `net`/`tls` sockets in `@shoptel/core/node`, beacon/keepalive fetch in the browser. A transport
 * resolves with any HTTP status; it rejects only when no answer arrived, with a
 * {@link TransportError} saying why, so the retry policy can tell a timeout from a reset.
 */
export interface Transport {
  send(request: TransportRequest): Promise<TransportResponse>;
}

/** Why no HTTP answer arrived. `timeout` may mean the server stored the data anyway. */
export type TransportFailureKind = 'timeout' | 'network';

/** Rejection value of {@link Transport.send} when no response was received. */
export class TransportError extends Error {
  readonly kind: TransportFailureKind;
  constructor(kind: TransportFailureKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransportError';
    this.kind = kind;
  }
}
