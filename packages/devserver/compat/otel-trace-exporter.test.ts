/**
 * The OpenTelemetry JS SDK (`sdk-trace-base` 2.12 with `exporter-trace-otlp-http` 0.223, OTLP/HTTP
 * JSON) against the devserver's `/api/{org}/v1/traces`, as shoptel's node tracing will ship spans.
 */
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DevServer } from '../src/index.js';
import { AUTH, startTestServer } from '../test/helpers.js';
import { rowsWhenArrived } from './eventually-rows.js';

let server: DevServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

it('stores the spans the OTLP/HTTP JSON exporter sends, as OpenObserve writes trace rows', async () => {
  const exporter = new OTLPTraceExporter({
    url: `${server.url}/api/default/v1/traces`,
    headers: { Authorization: AUTH, 'stream-name': 'shop_traces' },
  });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'checkout', 'deployment.environment': 'dev' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('shoptel-compat');
  const root = tracer.startSpan('POST /checkout', {
    kind: SpanKind.SERVER,
    attributes: { 'http.request.method': 'POST', 'order.items': 3 },
  });
  const child = tracer.startSpan(
    'SELECT orders',
    { kind: SpanKind.CLIENT, attributes: { 'db.system': 'postgresql', 'db.name': 'shop' } },
    trace.setSpan(context.active(), root),
  );
  child.addEvent('rows fetched', { rows: 2 });
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'timeout' });
  child.end();
  root.end();
  await provider.forceFlush();
  await provider.shutdown();

  const roots = await rowsWhenArrived(
    server,
    'SELECT * FROM "shop_traces" WHERE reference_parent_span_id IS NULL',
    1,
    '?type=traces',
  );
  // sdk-trace-base keeps the start as an HrTime on its Span objects.
  const rootStartNs = hrTimeToNanos((root as unknown as Timed).startTime);
  expect(roots.json.hits[0]).toMatchObject({
    trace_id: root.spanContext().traceId,
    span_id: root.spanContext().spanId,
    service_name: 'checkout',
    service_deployment_environment: 'dev',
    operation_name: 'POST /checkout',
    span_kind: '2',
    span_status: 'UNSET',
    status_code: 0,
    status_message: '',
    http_request_method: 'POST',
    order_items: '3',
  });
  expect(Object.keys(roots.json.hits[0])).not.toContain('service_service_name');
  // Nanosecond start times pass 2^53: they come back as exact JSON numbers.
  expect(roots.text).toContain(`"start_time":${rootStartNs},`);

  const children = await rowsWhenArrived(
    server,
    'SELECT * FROM "shop_traces" WHERE reference_parent_span_id IS NOT NULL',
    1,
    '?type=traces',
  );
  const stored = children.json.hits[0];
  expect(stored).toMatchObject({
    reference_parent_span_id: root.spanContext().spanId,
    reference_parent_trace_id: root.spanContext().traceId,
    reference_ref_type: 'ChildOf',
    span_kind: '3',
    span_status: 'ERROR',
    status_code: 2,
    status_message: 'timeout',
    infer_service_name: 'shop',
    infer_service_type: 'database',
    infer_service_system: 'postgresql',
  });
  const [event] = JSON.parse(stored.events);
  expect(event).toMatchObject({ name: 'rows fetched', rows: '2' });
  expect(String(event._timestamp)).toMatch(/^\d{19}$/);
});

interface Timed {
  startTime: [number, number];
}

function hrTimeToNanos([seconds, nanos]: [number, number]): bigint {
  return BigInt(seconds) * 1_000_000_000n + BigInt(nanos);
}
