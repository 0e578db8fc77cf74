import type { Clock, ShoptelClient } from '@shoptel/core';
import { addRequestFields } from '../behavior/create-behavior-tracker.js';
import { maskUrlFields } from '../behavior/mask-url-fields.js';
import type { ErrorReporter } from '../errors/node-error.js';
import type { DeviceInfo } from '../request/create-device-parser.js';
import { type AnyRequest, headerOf } from '../request/request-headers.js';
import { createRecentIds } from './create-recent-ids.js';
import { parseRelayBody, type Rejection } from './parse-relay-body.js';
import type { BodyText } from './read-body.js';
import { type Answer, createRelayFront, jsonAnswer, type Relay, serveRelay } from './relay-front.js';
import { type RelayOptions, resolveRelayOptions } from './relay-options.js';
import { validateBehaviorEvent } from './validate-behavior-event.js';

export type { Relay } from './relay-front.js';

export interface RelayDeps {
  client: ShoptelClient;
  stream: string;
  trustedProxies: number;
  parseDevice: (userAgent: string | undefined) => DeviceInfo | undefined;
  clock: Clock;
  report: ErrorReporter;
  /** True once shoptel is shutting down: events could no longer be delivered. */
  isShutDown?: () => boolean;
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
  const admit = createRelayFront(o, deps, 'content-type');
  const recentIds = o.dedupeEventIds === false ? undefined : createRecentIds(o.dedupeEventIds);

  async function handle(
    request: AnyRequest,
    method: string,
    readBody: (max: number) => Promise<BodyText>,
  ): Promise<Answer> {
    const admitted = await admit(request, method, readBody);
    if (!('text' in admitted)) return admitted;
    const { text, cors, ip } = admitted;
    if (deps.isShutDown?.()) {
      // A rolling deploy: this process can no longer deliver, so the page is told to send again
      // later (to another instance) instead of a 202 for events that would be dropped.
      return jsonAnswer(503, { error: 'shutting down; send again later' }, { ...cors, 'retry-after': '5' });
    }
    const parsed = parseRelayBody(text);
    if (!parsed.ok) return jsonAnswer(400, { error: parsed.reason }, cors);
    if (parsed.events.length > o.maxEventsPerBatch) {
      return jsonAnswer(413, { error: `more than ${o.maxEventsPerBatch} events in one request` }, cors);
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
      maskUrlFields(record);
      deps.client.send(deps.stream, record);
      accepted++;
    });
    rejected.sort((a, b) => a.index - b.index);
    return jsonAnswer(202, { accepted, rejected }, cors);
  }

  return serveRelay(handle, (error) => {
    deps.report({ reason: 'internal', message: `relay failed: ${String(error)}`, count: 0 });
    return jsonAnswer(500, { error: 'relay failed' });
  });
}
