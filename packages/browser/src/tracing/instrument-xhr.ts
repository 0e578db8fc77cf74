import {
  context,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';

const REQUEST = Symbol('shoptel.xhr');
type Tracked = XMLHttpRequest & { [REQUEST]?: { method: string; url: string } };

/**
 * Wraps `XMLHttpRequest.prototype.open`/`send`: like fetch, a CLIENT span and `traceparent` for
 * requests that may carry it, ended on `loadend`.
 */
export function instrumentXhr(tracer: Tracer, traced: (url: string) => boolean): () => void {
  const proto = XMLHttpRequest.prototype;
  const { open, send } = proto;
  proto.open = function (this: Tracked, method: string, url: string | URL, ...rest: unknown[]) {
    this[REQUEST] = { method: method.toUpperCase(), url: String(url) };
    return (open as (...args: unknown[]) => void).call(this, method, url, ...rest);
  } as typeof proto.open;
  proto.send = function (this: Tracked, body?: Document | XMLHttpRequestBodyInit | null) {
    const request = this[REQUEST];
    if (request && traced(request.url)) {
      const span: Span = tracer.startSpan(request.method, {
        kind: SpanKind.CLIENT,
        attributes: {
          'http.request.method': request.method,
          'url.full': new URL(request.url, location.href).href,
        },
      });
      propagation.inject(trace.setSpan(context.active(), span), this, {
        set: (xhr, key, value) => xhr.setRequestHeader(key, value),
      });
      this.addEventListener('loadend', () => {
        span.setAttribute('http.response.status_code', this.status);
        if (this.status === 0 || this.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      });
    }
    return send.call(this, body);
  };
  return () => {
    proto.open = open;
    proto.send = send;
  };
}
