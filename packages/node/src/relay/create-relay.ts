import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock, ShoptelClient } from '@shoptel/core';
import { addRequestFields } from '../behavior/create-behavior-tracker.js';
import type { ErrorReporter } from '../errors/node-error.js';
import { clientIp } from '../request/client-ip.js';
import type { DeviceInfo } from '../request/create-device-parser.js';
import { type AnyRequest, headerOf } from '../request/request-headers.js';
import { createRateLimiter } from './create-rate-limiter.js';
import { createRecentIds } from './create-recent-ids.js';
import { parseRelayBody, type Rejection } from './parse-relay-body.js';
import { type BodyText, readFetchBody, readNodeBody } from './read-body.js';
import { isOriginAllowed, type RelayOptions, resolveRelayOptions } from './relay-options.js';
import { validateBehaviorEvent } from './validate-behavior-event.js';

/** The storefront's first-party endpoint: a `(req, res)` handler with `.fetch(request)`. */
export interface Relay {
  (req: IncomingMessage, res: ServerResponse): void;
  fetch(request: Request): Promise<Response>;
}

export interface RelayDeps {
  client: ShoptelClient;
  stream: string;
  trustedProxies: number;
  parseDevice: (userAgent: string | undefined) => DeviceInfo | undefined;
  clock: Clock;
  report: ErrorReporter;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Creates the relay. Per request: method and `Origin` checked (403), the client's rate (429 with
 * `Retry-After`), the size (413, before reading when `Content-Length` says so); then each event is
 * validated against `user_behavior`, dropped when its `event_id` was seen recently (a browser
 * resend), enriched with `ip` and the parsed device, and sent through the core client. Answers 202 `{accepted, rejected: [{index, reason}]}`, or 400 for an
 * unreadable body. Never throws into the host.
 */
export function createRelay(deps: RelayDeps, options?: RelayOptions): Relay {
  const o = resolveRelayOptions(options);
  const limiter =
    o.rateLimit === false
      ? undefined
      : createRateLimiter(o.rateLimit.requestsPerSecond, o.rateLimit.burst, o.maxTrackedClients);
  const recentIds = o.dedupeEventIds === false ? undefined : createRecentIds(o.dedupeEventIds);

  const json = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => ({
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

  async function handle(
    request: AnyRequest,
    method: string,
    readBody: (max: number) => Promise<BodyText>,
  ): Promise<Answer> {
    const origin = headerOf(request, 'origin');
    const cors: Record<string, string> =
      origin === undefined ? {} : { 'access-control-allow-origin': origin, vary: 'Origin' };
    if (!isOriginAllowed(o.allowedOrigins, origin, headerOf(request, 'host'))) {
      return json(403, { error: `origin ${origin} is not allowed` }, { vary: 'Origin' });
    }
    if (method === 'OPTIONS') {
      return {
        status: 204,
        headers: {
          ...cors,
          'access-control-allow-methods': 'POST',
          'access-control-allow-headers': 'content-type',
          'access-control-max-age': '86400',
        },
        body: '',
      };
    }
    if (method !== 'POST') return json(405, { error: 'use POST' }, { ...cors, allow: 'POST, OPTIONS' });
    const ip = o.clientIp?.(request) ?? clientIp(request, deps.trustedProxies);
    const wait = limiter?.take(ip ?? 'unknown', deps.clock.now()) ?? 0;
    if (wait > 0) return json(429, { error: 'too many requests' }, { ...cors, 'retry-after': String(wait) });
    const encoding = headerOf(request, 'content-encoding');
    if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
      return json(415, { error: `content-encoding ${encoding} is not accepted; send plain text` }, cors);
    }
    const declared = Number(headerOf(request, 'content-length'));
    if (declared > o.maxBodyBytes)
      return json(
        413,
        { error: `body larger than ${o.maxBodyBytes} bytes` },
        { ...cors, connection: 'close' },
      );
    const text = await readBody(o.maxBodyBytes);
    if (text === 'too-large')
      return json(
        413,
        { error: `body larger than ${o.maxBodyBytes} bytes` },
        { ...cors, connection: 'close' },
      );
    const parsed = parseRelayBody(text);
    if (!parsed.ok) return json(400, { error: parsed.reason }, cors);
    if (parsed.events.length > o.maxEventsPerBatch) {
      return json(413, { error: `more than ${o.maxEventsPerBatch} events in one request` }, cors);
    }

    const rejected: Rejection[] = [...parsed.rejected];
    const unreadable = new Set(parsed.rejected.map((r) => r.index));
    const nowMs = deps.clock.now();
    const requestAgent = headerOf(request, 'user-agent');
    let accepted = 0;
    parsed.events.forEach((event, index) => {
      if (unreadable.has(index)) return;
      const result = validateBehaviorEvent(event, nowMs);
      if (!result.ok) {
        rejected.push({ index, reason: result.reason });
        return;
      }
      const record = result.record;
      // A repeat of a stored event (resent after an unconfirmed page-exit request) counts as
      // accepted: it is stored, once.
      if (typeof record.event_id === 'string' && recentIds?.seen(record.event_id)) {
        accepted++;
        return;
      }
      addRequestFields(record, request, deps, { userAgent: record.user_agent ?? requestAgent, ip });
      deps.client.send(deps.stream, record);
      accepted++;
    });
    rejected.sort((a, b) => a.index - b.index);
    return json(202, { accepted, rejected }, cors);
  }

  const failed = (error: unknown): Answer => {
    deps.report({ reason: 'internal', message: `relay failed: ${String(error)}`, count: 0 });
    return json(500, { error: 'relay failed' });
  };

  const relay = ((req: IncomingMessage, res: ServerResponse) => {
    handle(req, req.method ?? 'GET', (max) => readNodeBody(req, max))
      .catch(failed)
      .then((answer) => {
        if (res.headersSent) return;
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
