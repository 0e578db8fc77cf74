import {
  type Context,
  context,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  type TextMapGetter,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { type AnyRequest, headerOf } from '../request/request-headers.js';
import {
  ATTR_CLIENT_ADDRESS,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_URL_PATH,
  ATTR_USER_AGENT_ORIGINAL,
} from './span-attributes.js';

const getter: TextMapGetter<AnyRequest> = {
  keys: () => ['traceparent', 'tracestate'],
  get: (request, key) => headerOf(request, key),
};
let propagator: W3CTraceContextPropagator | undefined;

/** A server span and the context to run the request's handler in. */
export interface ServerSpan {
  span: Span;
  context: Context;
  /** Sets the status, route and final name, then ends the span. */
  end(status: number, route: string | undefined): void;
}

/**
 * Starts the SERVER span of one incoming request, as a child of the W3C `traceparent` it carries
 * (so a storefront's click and this request share a trace). Named by method, and by route once
 * the router knows it (never by raw path: one name per URL would flood the span names).
 */
export function startServerSpan(
  tracer: Tracer,
  request: AnyRequest,
  method: string,
  path: string,
  clientAddress: string | undefined,
): ServerSpan {
  propagator ??= new W3CTraceContextPropagator();
  const parent = propagator.extract(ROOT_CONTEXT, request, getter);
  const attributes: Record<string, string> = { [ATTR_HTTP_REQUEST_METHOD]: method, [ATTR_URL_PATH]: path };
  const userAgent = headerOf(request, 'user-agent');
  if (userAgent !== undefined) attributes[ATTR_USER_AGENT_ORIGINAL] = userAgent;
  if (clientAddress !== undefined) attributes[ATTR_CLIENT_ADDRESS] = clientAddress;
  const span = tracer.startSpan(method, { kind: SpanKind.SERVER, attributes }, parent);
  return {
    span,
    context: trace.setSpan(parent, span),
    end(status, route) {
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
      if (route !== undefined) {
        span.setAttribute(ATTR_HTTP_ROUTE, route);
        span.updateName(`${method} ${route}`);
      }
      if (status >= 500) span.setStatus({ code: 2 });
      span.end();
    },
  };
}

/** Runs `fn` in `ctx` (a no-op wrapper when tracing is off). */
export function runInContext<T>(ctx: Context | undefined, fn: () => T): T {
  return ctx === undefined ? fn() : context.with(ctx, fn);
}
