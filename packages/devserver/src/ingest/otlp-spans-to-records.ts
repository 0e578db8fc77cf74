/** OTLP/JSON `AnyValue`. */
interface AnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: AnyValue[] };
  kvlistValue?: { values?: KeyValue[] };
  bytesValue?: string;
}
interface KeyValue {
  key: string;
  value?: AnyValue;
}
interface OtlpSpan {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  name?: string;
  kind?: number | string;
  startTimeUnixNano?: string | number;
  endTimeUnixNano?: string | number;
  attributes?: KeyValue[];
  events?: Array<{ timeUnixNano?: string | number; name?: string; attributes?: KeyValue[] }>;
  links?: Array<{ traceId?: string; spanId?: string; attributes?: KeyValue[] }>;
  status?: { code?: number | string; message?: string };
}
interface ResourceSpans {
  resource?: { attributes?: KeyValue[] };
  scopeSpans?: Array<{ spans?: OtlpSpan[] }>;
  instrumentationLibrarySpans?: Array<{ spans?: OtlpSpan[] }>;
}

const SPAN_KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];
const STATUS = ['UNSET', 'OK', 'ERROR'];

/**
 * Flattens an OTLP/JSON `ExportTraceServiceRequest` into one record per span, with OpenObserve's
 * trace fields: `trace_id`, `span_id`, `reference_parent_span_id`, `operation_name`,
 * `service_name`, `span_kind`, `span_status`, `start_time`/`end_time` (ns), `duration` (µs),
 * resource attributes prefixed `service_`, span attributes as top-level fields, and events and
 * links as JSON text. `_timestamp` is the start time in µs.
 */
export function otlpSpansToRecords(request: unknown): Record<string, unknown>[] {
  const resourceSpans = (request as { resourceSpans?: ResourceSpans[] } | null)?.resourceSpans;
  if (!Array.isArray(resourceSpans)) throw new TypeError('missing field `resourceSpans`');
  const records: Record<string, unknown>[] = [];
  for (const rs of resourceSpans) {
    const resource = attributesToObject(rs.resource?.attributes);
    const serviceName = typeof resource['service.name'] === 'string' ? resource['service.name'] : 'unknown';
    for (const scope of [...(rs.scopeSpans ?? []), ...(rs.instrumentationLibrarySpans ?? [])]) {
      for (const span of scope.spans ?? []) records.push(spanToRecord(span, resource, serviceName));
    }
  }
  return records;
}

function spanToRecord(
  span: OtlpSpan,
  resource: Record<string, unknown>,
  serviceName: string,
): Record<string, unknown> {
  const start = toBigInt(span.startTimeUnixNano);
  const end = toBigInt(span.endTimeUnixNano);
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource)) record[`service_${key}`] = value;
  Object.assign(record, attributesToObject(span.attributes));
  const parent = span.parentSpanId ?? '';
  Object.assign(record, {
    trace_id: span.traceId ?? '',
    span_id: span.spanId ?? '',
    reference_parent_span_id: parent,
    reference_parent_trace_id: parent ? (span.traceId ?? '') : '',
    reference_ref_type: parent ? 'ChildOf' : '',
    operation_name: span.name ?? '',
    service_name: serviceName,
    span_kind: String(enumIndex(span.kind, SPAN_KINDS, 'SPAN_KIND_')),
    span_status: STATUS[enumIndex(span.status?.code, STATUS, 'STATUS_CODE_')] ?? 'UNSET',
    status_message: span.status?.message || undefined,
    start_time: start,
    end_time: end,
    duration: Number((end - start) / 1000n),
    flags: 1,
    events: JSON.stringify(
      (span.events ?? []).map((e) => ({
        name: e.name ?? '',
        _timestamp: Number(toBigInt(e.timeUnixNano) / 1000n),
        ...attributesToObject(e.attributes),
      })),
    ),
    links: JSON.stringify(
      (span.links ?? []).map((l) => ({
        trace_id: l.traceId,
        span_id: l.spanId,
        ...attributesToObject(l.attributes),
      })),
    ),
    _timestamp: Number(start / 1000n),
  });
  return record;
}

function enumIndex(value: number | string | undefined, names: string[], prefix: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const index = names.indexOf(value.replace(prefix, ''));
    return index === -1 ? 0 : index;
  }
  return 0;
}

function toBigInt(value: string | number | undefined): bigint {
  try {
    return value === undefined || value === '' ? 0n : BigInt(value);
  } catch {
    return 0n;
  }
}

function attributesToObject(attributes: KeyValue[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const attribute of attributes ?? []) {
    if (attribute && typeof attribute.key === 'string') out[attribute.key] = anyValue(attribute.value);
  }
  return out;
}

function anyValue(value: AnyValue | undefined): unknown {
  if (!value) return null;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return Number(value.doubleValue);
  if (value.bytesValue !== undefined) return value.bytesValue;
  if (value.arrayValue) return JSON.stringify((value.arrayValue.values ?? []).map(anyValue));
  if (value.kvlistValue) return JSON.stringify(attributesToObject(value.kvlistValue.values));
  return null;
}
