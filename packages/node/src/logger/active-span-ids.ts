import { isSpanContextValid, trace } from '@opentelemetry/api';

/**
 * Writes `trace_id`/`span_id` of the active OpenTelemetry span into `record`. Without a context
 * manager or an active span this is a lookup in the root context: a few nanoseconds.
 */
export function addActiveSpanIds(record: Record<string, unknown>): void {
  const span = trace.getActiveSpan();
  if (span === undefined) return;
  const context = span.spanContext();
  if (!isSpanContextValid(context)) return;
  record.trace_id = context.traceId;
  record.span_id = context.spanId;
}
