import { context, type Tracer, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { ExportResultCode } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  type SpanExporter,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import { authorizationHeader, type ShoptelConfig } from '@shoptel/core';
import { type ErrorReporter, NodeErrorReason } from '../errors/node-error.js';
import { SDK_VERSION } from '../version.js';
import { maskingExporter } from './mask-span.js';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from './span-attributes.js';

export interface TracerProviderOptions {
  config: ShoptelConfig;
  serviceName: string;
  serviceVersion: string | undefined;
  samplingRate: number;
  exporter: SpanExporter | undefined;
  maxQueueSize: number;
  report: ErrorReporter;
}

/** A running provider: its tracer, and flush/shutdown of the spans it holds. */
export interface RunningTracerProvider {
  tracer: Tracer;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Starts an OpenTelemetry tracer provider (sdk-trace-base): parent-based ratio sampling, a
 * BatchSpanProcessor, OTLP/HTTP JSON to `/api/{org}/v1/traces` with the config's auth and the
 * `stream-name` header, card numbers and secrets masked (`mask-span.ts`). Registers an AsyncLocalStorage context manager and the provider globally
 * when none is registered yet (so spans nest across awaits and other instrumentation finds them);
 * shutdown unregisters only what it registered.
 */
export function startTracerProvider(options: TracerProviderOptions): RunningTracerProvider {
  const { config, report } = options;
  const headers: Record<string, string> = { 'stream-name': config.streams.traces };
  const authorization = authorizationHeader(config.auth);
  if (authorization !== undefined) headers.authorization = authorization;
  const inner =
    options.exporter ??
    new OTLPTraceExporter({
      url: `${config.url}/api/${encodeURIComponent(config.organization)}/v1/traces`,
      headers,
      timeoutMillis: config.timeoutMs,
    });
  // Spans bypass core's serializer: card numbers and secrets are masked on the way out here.
  const exporter = reportingExporter(maskingExporter(inner), report);

  const resource = resourceFromAttributes({
    [ATTR_SERVICE_NAME]: options.serviceName,
    ...(options.serviceVersion === undefined ? {} : { [ATTR_SERVICE_VERSION]: options.serviceVersion }),
    'telemetry.sdk.name': 'shoptel-node',
    'telemetry.sdk.version': SDK_VERSION,
  });
  const provider = new BasicTracerProvider({
    resource,
    sampler: new ParentBasedSampler({ root: rootSampler(options.samplingRate) }),
    spanProcessors: [
      new BatchSpanProcessor(exporter, {
        maxQueueSize: options.maxQueueSize,
        maxExportBatchSize: Math.min(512, options.maxQueueSize),
        scheduledDelayMillis: config.flushIntervalMs,
        exportTimeoutMillis: config.timeoutMs,
      }),
    ],
  });

  const contextManager = new AsyncLocalStorageContextManager();
  const ownsContext = context.setGlobalContextManager(contextManager.enable());
  if (!ownsContext) contextManager.disable();
  const ownsProvider = trace.setGlobalTracerProvider(provider);

  return {
    tracer: provider.getTracer('shoptel-node', SDK_VERSION),
    forceFlush: () => provider.forceFlush(),
    async shutdown() {
      await provider.shutdown();
      if (ownsProvider) trace.disable();
      if (ownsContext) context.disable();
    },
  };
}

/** The ratio sampler, or the constant ones at the ends (no hashing of trace ids per span). */
function rootSampler(rate: number) {
  if (rate >= 1) return new AlwaysOnSampler();
  if (rate <= 0) return new AlwaysOffSampler();
  return new TraceIdRatioBasedSampler(rate);
}

/** Passes spans through and reports a failed export through `onError`. */
function reportingExporter(inner: SpanExporter, report: ErrorReporter): SpanExporter {
  return {
    export(spans, done) {
      inner.export(spans, (result) => {
        if (result.code !== ExportResultCode.SUCCESS) {
          report({
            reason: NodeErrorReason.traceExportFailed,
            message: `trace export failed: ${result.error?.message ?? 'unknown error'}`,
            count: spans.length,
          });
        }
        done(result);
      });
    },
    shutdown: () => inner.shutdown(),
    forceFlush: () => inner.forceFlush?.() ?? Promise.resolve(),
  };
}
