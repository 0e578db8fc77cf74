import { propagation, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import { requestParent } from './request-parent.js';
import { spanUrl } from './span-url.js';

/** A `Request` of any frame (`instanceof` fails for one made by an iframe's `Request`). */
const isRequest = (input: unknown): input is Request =>
  Object.prototype.toString.call(input) === '[object Request]';

/**
 * The app's headers plus `added`, in the form the app gave them (a plain object stays one), so a
 * fetch wrapper the page installed earlier, which may spread `init.headers`, still sees them all.
 */
function withHeaders(given: HeadersInit | undefined, added: Record<string, string>): HeadersInit {
  if (given === undefined) return added;
  if (Object.prototype.toString.call(given) === '[object Headers]') {
    const headers = new Headers(given);
    for (const [key, value] of Object.entries(added)) headers.set(key, value);
    return headers;
  }
  if (typeof (given as Iterable<unknown>)[Symbol.iterator] === 'function')
    return [...(given as Iterable<[string, string]>), ...Object.entries(added)];
  return { ...(given as Record<string, string>), ...added };
}

/**
 * Wraps `window.fetch`: a CLIENT span per request that may carry `traceparent`, injected into the
 * request's headers, ended with the response status. Other requests pass through untouched.
 */
export function instrumentFetch(tracer: Tracer, traced: (url: string) => boolean): () => void {
  const original = window.fetch;
  let stopped = false;
  const wrapped: typeof fetch = (input, init) => {
    if (stopped) return original(input, init);
    let url: string;
    try {
      // Resolved as fetch resolves it: against the document's base URL (`<base href>`).
      url = isRequest(input) ? input.url : new URL(String(input), document.baseURI).href;
    } catch {
      return original(input, init);
    }
    if (!traced(url)) return original(input, init);
    let request: Request | undefined;
    let headers: Headers;
    let method: string;
    try {
      if (isRequest(input)) {
        // A copy of the app's Request (with init applied, as fetch would) takes traceparent.
        request = new Request(input, init);
        headers = request.headers;
        method = request.method;
      } else {
        headers = new Headers(init?.headers);
        method = String(init?.method ?? 'GET');
      }
    } catch {
      // Arguments fetch refuses (a header name with a space, a used body): fetch gives the app its
      // own rejection, as without tracing, instead of a throw from here.
      return original(input, init);
    }
    method = method.toUpperCase();
    // A traceparent the app set itself is kept: this span joins that trace as its child.
    const appTraceparent = headers.get('traceparent') ?? undefined;
    const own = appTraceparent !== undefined;
    const parent = requestParent(appTraceparent);
    const span = tracer.startSpan(
      method,
      {
        kind: SpanKind.CLIENT,
        attributes: { 'http.request.method': method, 'url.full': spanUrl(url) },
      },
      parent,
    );
    const added: Record<string, string> = {};
    if (!own) propagation.inject(trace.setSpan(parent, span), added);
    let sent: Promise<Response>;
    if (request) {
      for (const [key, value] of Object.entries(added)) request.headers.set(key, value);
      sent = original(request);
    } else {
      sent = own
        ? original(input, init)
        : original(input, { ...init, headers: withHeaders(init?.headers, added) });
    }
    return sent.then(
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
    // A wrapper the page put on top after this one still calls it: it passes requests through.
    stopped = true;
    if (window.fetch === wrapped) window.fetch = original;
  };
}
