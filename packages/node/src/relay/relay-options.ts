import type { AnyRequest } from '../request/request-headers.js';

/** A batch of 30 browser events is about 15 KiB; 1 MiB leaves room and refuses abuse. */
export const DEFAULT_RELAY_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_RELAY_MAX_EVENTS = 500;
/** Per client IP: a storefront tab sends a batch every few seconds. */
export const DEFAULT_RELAY_REQUESTS_PER_SECOND = 10;
export const DEFAULT_RELAY_BURST = 30;
export const DEFAULT_RELAY_MAX_CLIENTS = 10_000;
/** About 40 bytes an id: 100k recent ids cost a few MiB and cover minutes of a busy shop. */
export const DEFAULT_RELAY_DEDUPE_EVENT_IDS = 100_000;

/**
 * Options of `relay()`.
 *
 * @example app.post('/t', shoptel.relay({ allowedOrigins: ['https://shop.example'] }));
 */
export interface RelayOptions {
  /**
   * Origins whose pages may post (`https://shop.example`), or `'*'`. Requests without `Origin`
   * (server to server, same-origin GET-less beacons in old browsers) are accepted.
   * @default same origin only: `Origin` must match the request's `Host`
   */
  allowedOrigins?: readonly string[] | '*';
  /** Bodies above this answer 413. @default 1 MiB */
  maxBodyBytes?: number;
  /** Events per request; more answer 413. @default 500 */
  maxEventsPerBatch?: number;
  /** Requests per client IP; `false` turns the limit off. @default { requestsPerSecond: 10, burst: 30 } */
  rateLimit?: { requestsPerSecond: number; burst: number } | false;
  /** Client buckets kept for the rate limit. @default 10000 */
  maxTrackedClients?: number;
  /**
   * Recent `event_id`s remembered to drop browser resends (at-least-once page-exit delivery);
   * `false` stores every copy. One relay process remembers its own ids only. @default 100000
   */
  dedupeEventIds?: number | false;
  /**
   * The client's IP when the request alone cannot say (a Fetch `Request` behind no trusted proxy):
   * e.g. Bun's `server.requestIP(req)?.address`. @default the socket address or trusted `X-Forwarded-For`
   */
  clientIp?: (request: AnyRequest) => string | undefined;
}

/**
 * Options of `traceRelay()`: the event relay's front (origins, size, rate), with
 * `maxEventsPerBatch` counting spans.
 *
 * @example app.post('/shoptel/traces', shoptel.traceRelay({ allowedOrigins: ['https://shop.example'] }));
 */
export type TraceRelayOptions = Omit<RelayOptions, 'dedupeEventIds'>;

export interface ResolvedRelayOptions {
  allowedOrigins: ReadonlySet<string> | '*' | 'same-origin';
  maxBodyBytes: number;
  maxEventsPerBatch: number;
  rateLimit: { requestsPerSecond: number; burst: number } | false;
  maxTrackedClients: number;
  dedupeEventIds: number | false;
  clientIp: ((request: AnyRequest) => string | undefined) | undefined;
}

/** Fills defaults; throws a `TypeError` naming a bad option (at start-up, when the route is built). */
export function resolveRelayOptions(options: RelayOptions = {}): ResolvedRelayOptions {
  const positive = (name: string, value: number | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
      throw new TypeError(`relay option ${name} must be a positive number; got ${String(value)}`);
    }
    return value;
  };
  const origins = options.allowedOrigins;
  if (origins !== undefined && origins !== '*' && !Array.isArray(origins)) {
    throw new TypeError(`relay option allowedOrigins must be an array of origins or '*'`);
  }
  const rate = options.rateLimit ?? {
    requestsPerSecond: DEFAULT_RELAY_REQUESTS_PER_SECOND,
    burst: DEFAULT_RELAY_BURST,
  };
  return {
    allowedOrigins:
      origins === undefined
        ? 'same-origin'
        : origins === '*'
          ? '*'
          : new Set(origins.map((o) => o.replace(/\/+$/, '').toLowerCase())),
    maxBodyBytes: positive('maxBodyBytes', options.maxBodyBytes, DEFAULT_RELAY_MAX_BODY_BYTES),
    maxEventsPerBatch: positive('maxEventsPerBatch', options.maxEventsPerBatch, DEFAULT_RELAY_MAX_EVENTS),
    rateLimit:
      rate === false
        ? false
        : {
            requestsPerSecond: positive(
              'rateLimit.requestsPerSecond',
              rate.requestsPerSecond,
              DEFAULT_RELAY_REQUESTS_PER_SECOND,
            ),
            burst: positive('rateLimit.burst', rate.burst, DEFAULT_RELAY_BURST),
          },
    maxTrackedClients: positive('maxTrackedClients', options.maxTrackedClients, DEFAULT_RELAY_MAX_CLIENTS),
    dedupeEventIds:
      options.dedupeEventIds === false
        ? false
        : positive('dedupeEventIds', options.dedupeEventIds, DEFAULT_RELAY_DEDUPE_EVENT_IDS),
    clientIp: options.clientIp,
  };
}

/**
 * Is a request from `origin` (its `Origin` header) allowed, given the hosts the page was served
 * under: the request's `Host`, and behind a trusted proxy the `X-Forwarded-Host` it set?
 */
export function isOriginAllowed(
  allowed: ResolvedRelayOptions['allowedOrigins'],
  origin: string | undefined,
  hosts: readonly (string | undefined)[],
): boolean {
  if (origin === undefined || allowed === '*') return true;
  const normalized = origin.toLowerCase();
  if (allowed === 'same-origin') {
    return hosts.some((host) => {
      if (host === undefined) return false;
      const name = host.toLowerCase();
      return normalized === `http://${name}` || normalized === `https://${name}`;
    });
  }
  return allowed.has(normalized);
}
