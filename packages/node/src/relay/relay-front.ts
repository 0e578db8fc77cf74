import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '@shoptel/core';
import { clientIp } from '../request/client-ip.js';
import { type AnyRequest, headerOf } from '../request/request-headers.js';
import { createRateLimiter } from './create-rate-limiter.js';
import { type BodyText, readFetchBody, readNodeBody } from './read-body.js';
import { isOriginAllowed, type ResolvedRelayOptions } from './relay-options.js';

/** What a relay answers: status, headers and a body. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A request that passed the front: its body text, CORS headers to answer with, client IP. */
export interface Admitted {
  text: string;
  cors: Record<string, string>;
  ip: string | undefined;
}

export const jsonAnswer = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/**
 * The checks every relay route makes before it reads a body: `Origin` (403), preflight (204),
 * method (405), the client's rate (429 with `Retry-After`), encoding (415) and size (413, before
 * reading when `Content-Length` says so). Answers, or admits the request with its body.
 */
export function createRelayFront(
  o: ResolvedRelayOptions,
  deps: { trustedProxies: number; clock: Clock },
  allowHeaders: string,
) {
  const limiter =
    o.rateLimit === false
      ? undefined
      : createRateLimiter(o.rateLimit.requestsPerSecond, o.rateLimit.burst, o.maxTrackedClients);

  return async function admit(
    request: AnyRequest,
    method: string,
    readBody: (max: number) => Promise<BodyText>,
  ): Promise<Answer | Admitted> {
    const origin = headerOf(request, 'origin');
    // `Retry-After` exposed: without it a page on another origin cannot read when to come back.
    const cors: Record<string, string> =
      origin === undefined
        ? {}
        : {
            'access-control-allow-origin': origin,
            'access-control-expose-headers': 'Retry-After',
            vary: 'Origin',
          };
    // Behind a proxy the operator trusts (trustProxy), the page's host is the one the proxy was
    // asked for: the first X-Forwarded-Host (a proxy that rewrites Host keeps the original there).
    const forwardedHost =
      deps.trustedProxies > 0 ? headerOf(request, 'x-forwarded-host')?.split(',')[0]?.trim() : undefined;
    if (!isOriginAllowed(o.allowedOrigins, origin, [headerOf(request, 'host'), forwardedHost || undefined])) {
      // Readable by the page (it holds nothing): the tag then reports its events as refused
      // (`dropped_by_status`) instead of taking an unreadable answer for a network failure and
      // retrying for ever. Nothing is stored; a preflight gets no allowed methods or headers.
      return jsonAnswer(403, { error: `origin ${origin} is not allowed` }, cors);
    }
    if (method === 'OPTIONS') {
      return {
        status: 204,
        headers: {
          ...cors,
          'access-control-allow-methods': 'POST',
          'access-control-allow-headers': allowHeaders,
          'access-control-max-age': '86400',
        },
        body: '',
      };
    }
    if (method !== 'POST') return jsonAnswer(405, { error: 'use POST' }, { ...cors, allow: 'POST, OPTIONS' });
    const ip = o.clientIp?.(request) ?? clientIp(request, deps.trustedProxies);
    const wait = limiter?.take(ip ?? 'unknown', deps.clock.now()) ?? 0;
    if (wait > 0)
      return jsonAnswer(429, { error: 'too many requests' }, { ...cors, 'retry-after': String(wait) });
    const encoding = headerOf(request, 'content-encoding');
    if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
      return jsonAnswer(
        415,
        { error: `content-encoding ${encoding} is not accepted; send plain text` },
        cors,
      );
    }
    const tooLarge = () =>
      jsonAnswer(
        413,
        { error: `body larger than ${o.maxBodyBytes} bytes` },
        { ...cors, connection: 'close' },
      );
    if (Number(headerOf(request, 'content-length')) > o.maxBodyBytes) return tooLarge();
    const text = await readBody(o.maxBodyBytes);
    if (text === 'too-large') return tooLarge();
    return { text, cors, ip };
  };
}

/** A relay route: a `(req, res)` handler with `.fetch(request)`. */
export interface Relay {
  (req: IncomingMessage, res: ServerResponse): void;
  fetch(request: Request): Promise<Response>;
}

type Handle = (
  request: AnyRequest,
  method: string,
  readBody: (max: number) => Promise<BodyText>,
) => Promise<Answer>;

/** Serves `handle` for Node and for Fetch; a failure of `handle` answers what `failed` says. */
export function serveRelay(handle: Handle, failed: (error: unknown) => Answer): Relay {
  const relay = ((req: IncomingMessage, res: ServerResponse) => {
    handle(req, req.method ?? 'GET', (max) => readNodeBody(req, max))
      // A page closed mid-upload (the body stream errors with `aborted`): nobody to answer and
      // nothing received, not a failure of the relay to report.
      .catch((error: unknown) => (req.destroyed && !req.complete ? undefined : failed(error)))
      .then((answer) => {
        if (answer === undefined || res.headersSent) return;
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
      })
      .catch(() => {});
  }) as Relay;
  relay.fetch = async (request) => {
    const answer = await handle(request, request.method, (max) => readFetchBody(request, max)).catch(failed);
    return new Response(answer.status === 204 ? null : answer.body, {
      status: answer.status,
      headers: answer.headers,
    });
  };
  return relay;
}
