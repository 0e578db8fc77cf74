import { randomBytes } from 'node:crypto';

export interface TestSpan {
  traceId: string;
  spanId: string;
  name: string;
  /** Start of the span, in ms since the epoch. */
  startMs: number;
  durationMs: number;
}

export function createTestSpan(name: string, startMs = Date.now() - 1000, durationMs = 25): TestSpan {
  return {
    traceId: randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
    name,
    startMs,
    durationMs,
  };
}

const msToNanosText = (ms: number) => (BigInt(Math.round(ms)) * 1_000_000n).toString();

/**
 * OTLP/HTTP JSON `ExportTraceServiceRequest`: hex ids and 64-bit nanosecond times as strings, as the
 * OTLP JSON mapping (and opentelemetry-js) writes them.
 */
export function otlpTraceRequest(serviceName: string, spans: TestSpan[]) {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: serviceName } }] },
        scopeSpans: [
          {
            scope: { name: 'shoptel-contract' },
            spans: spans.map((span) => ({
              traceId: span.traceId,
              spanId: span.spanId,
              name: span.name,
              kind: 2,
              startTimeUnixNano: msToNanosText(span.startMs),
              endTimeUnixNano: msToNanosText(span.startMs + span.durationMs),
              attributes: [{ key: 'http.method', value: { stringValue: 'POST' } }],
              status: {},
            })),
          },
        ],
      },
    ],
  };
}
