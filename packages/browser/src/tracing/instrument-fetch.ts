import { context, propagation, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';

/**
 * Wraps `window.fetch`: a CLIENT span per request that may carry `traceparent`, injected into the
 * request's headers, ended with the response status. Other requests pass through untouched.
 */
export function instrumentFetch(tracer: Tracer, traced: (url: string) => boolean): () => void {
  const original = window.fetch;
  const wrapped: typeof fetch = (input, init) => {
    const request = input instanceof Request ? input : undefined;
    const url = request ? request.url : String(input);
    if (!traced(url)) return original(input, init);
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const span = tracer.startSpan(`${method}`, {
      kind: SpanKind.CLIENT,
      attributes: { 'http.request.method': method, 'url.full': new URL(url, location.href).href },
    });
    const headers = new Headers(init?.headers ?? request?.headers);
    propagation.inject(trace.setSpan(context.active(), span), headers, {
      set: (carrier, key, value) => carrier.set(key, value),
    });
    return original(request ? new Request(request, { headers }) : input, { ...init, headers }).then(
      (response) => {
        span.setAttribute('http.response.status_code', response.status);
        if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
        return response;
      },
      (error: unknown) => {
        span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
        span.end();
        throw error;
      },
    );
  };
  // OpenTelemetry's OTLP exporter sends with `fetch.__original` when there is one: without it,
  // each export would be traced (the page's context manager loses the exporter's suppression
  // across awaits) and exported next time, one span per export for ever.
  (wrapped as typeof fetch & { __original: typeof fetch }).__original = original;
  window.fetch = wrapped;
  return () => {
    if (window.fetch === wrapped) window.fetch = original;
  };
}
