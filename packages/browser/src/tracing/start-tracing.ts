import { ProxyTracerProvider, type Tracer, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import { onServer } from '../client/on-server.js';
import { instrumentFetch } from './instrument-fetch.js';
import { instrumentXhr } from './instrument-xhr.js';
import { shouldPropagate } from './should-propagate.js';
import { DEFAULT_TRACES_ENDPOINT, type TracingOptions } from './tracing-options.js';

const settled = () => Promise.resolve();

/**
 * Where the running tracing is kept: on the window, so that a second `startTracing` — start-up
 * code run twice, a second bundled copy — finds it instead of wrapping `fetch` again (each request
 * would get two CLIENT spans).
 */
const RUNNING = Symbol.for('shoptel.tracing');

/** What `startTracing` returns. */
export interface StorefrontTracing {
  /** The tracer, for spans of your own around a click or a render. */
  tracer: Tracer;
  /** Exports what is buffered now. */
  flush(): Promise<void>;
  /** Unwraps fetch/XHR, exports the rest and stops. */
  stop(): Promise<void>;
}

/**
 * Browser tracing with OpenTelemetry's web SDK: fetch and XHR requests to the same origin (and to
 * `propagateTo`) get a CLIENT span and a W3C `traceparent` header, so the backend's span joins the
 * storefront's trace; spans are batched to `exportUrl` as OTLP/HTTP JSON (by default the relay's
 * `/shoptel/traces`). Throws only for invalid options, naming the field. A page has one tracing: a
 * second call returns the running one, options unchanged (`stop()` it first to start anew). In a server render (no
 * `window`) it starts nothing: the tracer's spans go nowhere, and the server's `fetch` and global
 * tracer provider are left as they were.
 */
export function startTracing(options: TracingOptions = {}): StorefrontTracing {
  const exportUrl = options.exportUrl ?? DEFAULT_TRACES_ENDPOINT;
  if (typeof exportUrl !== 'string' || exportUrl === '')
    throw new TypeError('shoptel tracing: exportUrl must be a URL (an OTLP/HTTP traces endpoint)');
  if (onServer()) {
    // A proxy provider with no delegate hands out OpenTelemetry's no-op tracer.
    return { tracer: new ProxyTracerProvider().getTracer('@shoptel/browser'), flush: settled, stop: settled };
  }
  const host = window as unknown as { [RUNNING]?: StorefrontTracing };
  const running = host[RUNNING];
  if (running) return running;
  const provider = new WebTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName ?? 'storefront' }),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: exportUrl, headers: options.headers ?? {} })),
    ],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  const tracer = provider.getTracer('@shoptel/browser');
  const allowed = options.propagateTo ?? [];
  const traced = (url: string) => shouldPropagate(url, allowed);
  const unwrap = [instrumentFetch(tracer, traced), instrumentXhr(tracer, traced)];
  const tracing: StorefrontTracing = {
    tracer,
    flush: () => provider.forceFlush(),
    async stop() {
      for (const undo of unwrap) undo();
      // At once: a `startTracing` while this one exports its rest starts anew.
      if (host[RUNNING] === tracing) delete host[RUNNING];
      await provider.shutdown();
      // Not the global provider a tracing started meanwhile has registered.
      if (!host[RUNNING]) trace.disable();
    },
  };
  host[RUNNING] = tracing;
  return tracing;
}
