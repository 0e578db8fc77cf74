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

/** The running tracing of the page, shared by every copy of this code (script tag and npm). */
const RUNNING = Symbol.for('shoptel.tracing');
/**
 * Spans per export request: within the trace relay's 500 (`maxEventsPerBatch`; OpenTelemetry's
 * default of 512 was refused whole, 413) and, at about 0.5 KB a span, one page-exit keepalive
 * request (the browser carries at most 64 KB of them).
 */
const MAX_SPANS_PER_EXPORT = 100;

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
  checkOptions(options);
  if (onServer()) {
    // A proxy provider with no delegate hands out OpenTelemetry's no-op tracer.
    return { tracer: new ProxyTracerProvider().getTracer('@shoptel/browser'), flush: settled, stop: settled };
  }
  let exportHref: string;
  try {
    exportHref = new URL(exportUrl, document.baseURI).href;
  } catch {
    throw new TypeError(`shoptel tracing: exportUrl is not a valid URL: ${exportUrl}`);
  }
  const host = window as unknown as Record<typeof RUNNING, StorefrontTracing | undefined>;
  const running = host[RUNNING];
  if (running) {
    // Two wrappers would each start a span per request, in two traces, and set traceparent twice.
    console.warn('shoptel tracing: already started (a second copy of the tag?); this call changes nothing');
    return running;
  }
  const provider = new WebTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName ?? 'storefront' }),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: exportUrl, headers: options.headers ?? {} }), {
        maxExportBatchSize: MAX_SPANS_PER_EXPORT,
      }),
    ],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  const tracer = provider.getTracer('@shoptel/browser');
  const allowed = options.propagateTo ?? [];
  // The export requests are never traced, also when the page wraps fetch again after this (an
  // error tracker does): the exporter then sends through that wrapper and this one.
  const traced = (url: string) => url !== exportHref && shouldPropagate(url, allowed);
  const unwrap = [instrumentFetch(tracer, traced), instrumentXhr(tracer, traced)];
  const tracing: StorefrontTracing = {
    tracer,
    flush: () => provider.forceFlush(),
    async stop() {
      for (const undo of unwrap) undo();
      // At once: a `startTracing` while this one exports its rest starts anew.
      if (host[RUNNING] === tracing) host[RUNNING] = undefined;
      await provider.shutdown();
      // Not the global provider a tracing started meanwhile has registered.
      if (!host[RUNNING]) trace.disable();
    },
  };
  host[RUNNING] = tracing;
  return tracing;
}

/**
 * Refuses, at start, options of the wrong type that would otherwise fail later inside the fetch
 * wrapper, on every request of the page (a `propagateTo` string instead of an array threw from
 * each fetch to another origin, third parties' included).
 */
function checkOptions(options: TracingOptions): void {
  const { propagateTo, serviceName, headers } = options;
  if (
    propagateTo !== undefined &&
    !(
      Array.isArray(propagateTo) &&
      propagateTo.every((rule) => typeof rule === 'string' || rule instanceof RegExp)
    )
  )
    throw new TypeError('shoptel tracing: propagateTo must be an array of URL prefixes (strings) or RegExps');
  if (serviceName !== undefined && (typeof serviceName !== 'string' || serviceName === ''))
    throw new TypeError('shoptel tracing: serviceName must be a non-empty string');
  if (
    headers !== undefined &&
    (typeof headers !== 'object' ||
      headers === null ||
      Object.values(headers).some((value) => typeof value !== 'string'))
  )
    throw new TypeError('shoptel tracing: headers must be an object of header names to string values');
}
