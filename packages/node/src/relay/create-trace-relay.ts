import { authorizationHeader, type Clock, type ShoptelConfig } from '@shoptel/core';
import { type ErrorReporter, NodeErrorReason } from '../errors/node-error.js';
import type { AnyRequest } from '../request/request-headers.js';
import { maskOtlpJson } from './mask-otlp-json.js';
import type { BodyText } from './read-body.js';
import { type Answer, createRelayFront, jsonAnswer, type Relay, serveRelay } from './relay-front.js';
import { resolveRelayOptions, type TraceRelayOptions } from './relay-options.js';

export interface TraceRelayDeps {
  config: ShoptelConfig;
  trustedProxies: number;
  clock: Clock;
  report: ErrorReporter;
}

/** Counts the spans of an OTLP/JSON `ExportTraceServiceRequest`, or says why it is not one. */
function countSpans(body: unknown): number | string {
  const resourceSpans = (body as { resourceSpans?: unknown } | null)?.resourceSpans;
  if (!Array.isArray(resourceSpans)) return 'expected an OTLP/JSON body with resourceSpans';
  let spans = 0;
  for (const resource of resourceSpans) {
    const scopeSpans = (resource as { scopeSpans?: unknown } | null)?.scopeSpans ?? [];
    if (!Array.isArray(scopeSpans)) return 'scopeSpans must be an array';
    for (const scope of scopeSpans) {
      const list = (scope as { spans?: unknown } | null)?.spans ?? [];
      if (!Array.isArray(list)) return 'spans must be an array';
      spans += list.length;
    }
  }
  return spans;
}

/**
 * Creates the trace relay: the storefront's spans (`@shoptel/browser/tracing`, OTLP/HTTP JSON)
 * through the same first-party front as the event relay (origin, rate, size), forwarded with card
 * numbers and secrets masked (`mask-otlp-json.ts`) to OpenObserve's `/api/{org}/v1/traces` with the server's credentials and the traces
 * stream. OpenObserve's 429/5xx and network failures answer 503 with `Retry-After`, which the
 * OpenTelemetry exporter retries; its other refusals are reported and answered 400.
 */
export function createTraceRelay(deps: TraceRelayDeps, options?: TraceRelayOptions): Relay {
  const o = resolveRelayOptions(options);
  const admit = createRelayFront(o, deps, 'content-type');
  const { config } = deps;
  const target = `${config.url}/api/${encodeURIComponent(config.organization)}/v1/traces`;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'stream-name': config.streams.traces,
  };
  const authorization = authorizationHeader(config.auth);
  if (authorization !== undefined) headers.authorization = authorization;

  async function handle(
    request: AnyRequest,
    method: string,
    readBody: (max: number) => Promise<BodyText>,
  ): Promise<Answer> {
    const admitted = await admit(request, method, readBody);
    if (!('text' in admitted)) return admitted;
    const { text, cors } = admitted;
    let body: unknown;
    try {
      // Half an emoji (a page title cut inside one) becomes U+FFFD: OpenObserve's reader refuses
      // the escape JSON.stringify writes for it, and with it every span of the request.
      body = JSON.parse(text, (_key, value) => (typeof value === 'string' ? value.toWellFormed() : value));
    } catch {
      return jsonAnswer(400, { error: 'body is not valid JSON (send OTLP/HTTP JSON)' }, cors);
    }
    const spans = countSpans(body);
    if (typeof spans === 'string') return jsonAnswer(400, { error: spans }, cors);
    if (spans > o.maxEventsPerBatch)
      return jsonAnswer(413, { error: `more than ${o.maxEventsPerBatch} spans in one request` }, cors);
    if (spans === 0) return jsonAnswer(200, {}, cors);
    maskOtlpJson(body);
    const failed = (message: string, status: number, retry: boolean): Answer => {
      deps.report({ reason: NodeErrorReason.traceExportFailed, message, count: spans });
      return retry
        ? jsonAnswer(503, { error: 'OpenObserve is unavailable' }, { ...cors, 'retry-after': '5' })
        : jsonAnswer(status, { error: 'OpenObserve refused the spans' }, cors);
    };
    let response: Response;
    try {
      response = await fetch(target, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(config.timeoutMs),
      });
    } catch (error) {
      return failed(`trace relay could not reach OpenObserve: ${String(error)}`, 503, true);
    }
    const answer = await response.text().catch(() => '');
    if (response.ok) return jsonAnswer(200, {}, cors);
    const retry = response.status === 429 || response.status >= 500;
    return failed(
      `OpenObserve answered ${response.status} to relayed spans: ${answer.slice(0, 200)}`,
      400,
      retry,
    );
  }

  return serveRelay(handle, (error) => {
    deps.report({ reason: 'internal', message: `trace relay failed: ${String(error)}`, count: 0 });
    return jsonAnswer(500, { error: 'trace relay failed' });
  });
}
