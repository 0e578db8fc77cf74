import { propagation, type Span, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import { requestParent } from './request-parent.js';
import { spanUrl } from './span-url.js';

/** What `open` said, and the span of the request `send` started, per XHR object. */
interface XhrState {
  method: string;
  url: string;
  /** The app's own `traceparent` (`setRequestHeader`), kept as it is. */
  appTraceparent?: string;
  sent?: boolean;
  span?: Span;
}
const STATE = Symbol('shoptel.xhr');
type Tracked = XMLHttpRequest & { [STATE]?: XhrState; [LISTENING]?: true };
const LISTENING = Symbol('shoptel.xhr.listening');

function endSpan(state: XhrState | undefined, status: number): void {
  const span = state?.span;
  if (!span) return;
  state.span = undefined;
  span.setAttribute('http.response.status_code', status);
  if (status === 0 || status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

/**
 * Wraps `XMLHttpRequest.prototype.open`/`setRequestHeader`/`send`: like fetch, a CLIENT span and
 * `traceparent` for requests that may carry it, ended when the request is done.
 */
export function instrumentXhr(tracer: Tracer, traced: (url: string) => boolean): () => void {
  const proto = XMLHttpRequest.prototype;
  const { open, send, setRequestHeader } = proto;
  let stopped = false;
  // Read in the capture phase, before the app's own handlers, which may reuse the object (call
  // `open` again, resetting `status`) as soon as the request is done.
  function onReadyStateChange(this: Tracked) {
    if (this.readyState === XMLHttpRequest.DONE) endSpan(this[STATE], this.status);
  }
  proto.open = function (this: Tracked, method: string, url: string | URL, ...rest: unknown[]) {
    // Native first: arguments it refuses throw its own error, and leave the last request's state.
    const result = (open as (...args: unknown[]) => void).call(this, method, url, ...rest);
    // `open` on a request in flight cancels it without any event: its span ends here.
    endSpan(this[STATE], 0);
    let href = '';
    try {
      href = new URL(String(url), document.baseURI).href;
    } catch {}
    this[STATE] = { method: String(method).toUpperCase(), url: href };
    return result;
  } as typeof proto.open;
  proto.setRequestHeader = function (this: Tracked, name: string, value: string) {
    setRequestHeader.call(this, name, value);
    const state = this[STATE];
    if (state && String(name).toLowerCase() === 'traceparent') state.appTraceparent = String(value);
  };
  proto.send = function (this: Tracked, body?: Document | XMLHttpRequestBodyInit | null) {
    const state = this[STATE];
    // A second `send` for one `open` gets the browser's own error from the native call.
    if (stopped || !state || state.sent || this.readyState !== XMLHttpRequest.OPENED || !traced(state.url))
      return send.call(this, body);
    state.sent = true;
    // A traceparent the app set itself is kept: this span joins that trace as its child.
    const parent = requestParent(state.appTraceparent);
    const span = tracer.startSpan(
      state.method,
      {
        kind: SpanKind.CLIENT,
        attributes: { 'http.request.method': state.method, 'url.full': spanUrl(state.url) },
      },
      parent,
    );
    state.span = span;
    if (state.appTraceparent === undefined)
      propagation.inject(trace.setSpan(parent, span), this, {
        set: (xhr, key, value) => setRequestHeader.call(xhr, key, value),
      });
    if (!this[LISTENING]) {
      this[LISTENING] = true;
      this.addEventListener('readystatechange', onReadyStateChange, true);
    }
    try {
      return send.call(this, body);
    } catch (error) {
      endSpan(state, 0);
      throw error;
    }
  };
  return () => {
    // A library that wrapped these after this one still calls them: they pass requests through.
    stopped = true;
    proto.open = open;
    proto.send = send;
    proto.setRequestHeader = setRequestHeader;
  };
}
