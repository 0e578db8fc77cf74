import { stringifyJson } from '../json/stringify-json.js';
import { inferPeerService } from './infer-peer-service.js';

/** OTLP/JSON `AnyValue`. */
interface AnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number | string;
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
  links?: Array<{
    traceId?: string;
    spanId?: string;
    traceState?: string;
    flags?: number;
    attributes?: KeyValue[];
    droppedAttributesCount?: number;
  }>;
  status?: { code?: number | string; message?: string };
}
interface ResourceSpans {
  resource?: { attributes?: KeyValue[] };
  scopeSpans?: Array<{ spans?: OtlpSpan[] }>;
}

export interface OtlpSpansOptions {
  /** The traces stream; a resource without `service.name` is named after it, as in OpenObserve. */
  stream: string;
  /** OpenObserve's field-name normalisation (`service.name` → `service_name`). */
  fieldName: (key: string) => string;
}

export interface OtlpSpanRecords {
  records: Record<string, unknown>[];
  /** Spans refused for a trace id that is not 16 bytes or a span id that is not 8. */
  rejected: number;
}

const SPAN_KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];
const STATUS_CODES = ['UNSET', 'OK', 'ERROR'];
/** OpenObserve's `RESERVED_SPAN_FIELDS`: an attribute that would land on one is renamed `attr_…`. */
const RESERVED_SPAN_FIELDS = new Set([
  'trace_id',
  'span_id',
  'flags',
  'span_status',
  'span_kind',
  'operation_name',
  'start_time',
  'end_time',
  'duration',
  'service_name',
  'infer_service_name',
  'infer_service_type',
  'infer_service_system',
  'events',
  'links',
  '_timestamp',
]);
const TRACE_ID = /^[0-9a-f]{32}$/i;
const SPAN_ID = /^[0-9a-f]{16}$/i;
const HEX = /^(?:[0-9a-f]{2})*$/i;

/**
 * One record per span of an OTLP/JSON `ExportTraceServiceRequest`, as OpenObserve's
 * `handle_otlp_request` (`src/core/src/traces/mod.rs`) builds its `Span` before flattening:
 * `trace_id`, `span_id`, `flags` 1, `span_status` (`UNSET` without a status), `span_kind` (the
 * number, as text), `operation_name`, `start_time`/`end_time` (ns), `duration` (µs),
 * `reference.parent_span_id`/`…parent_trace_id`/`…ref_type` only for a span with a parent,
 * `service_name`, span attributes (every scalar as text, as its `get_val` does) plus `status_code`
 * and `status_message` when the span has a status, resource attributes as `service_<key>`,
 * `infer_service_*` for CLIENT/PRODUCER spans, `events`/`links` as JSON text (event times in ns),
 * `_timestamp` = start in µs. Ids that are not hex answer 400 (serde refuses them there).
 */
export function otlpSpansToRecords(request: unknown, options: OtlpSpansOptions): OtlpSpanRecords {
  const resourceSpans = (request as { resourceSpans?: ResourceSpans[] } | null)?.resourceSpans;
  if (!Array.isArray(resourceSpans)) throw new TypeError('missing field `resourceSpans`');
  const records: Record<string, unknown>[] = [];
  let rejected = 0;
  // As in OpenObserve, the name carries over to a later resource without `service.name`.
  let serviceName = options.stream;
  for (const rs of resourceSpans) {
    const service: Record<string, unknown> = {};
    for (const { key, value } of rs.resource?.attributes ?? []) {
      if (key === 'service.name') {
        const name = anyValue(value);
        if (typeof name === 'string') serviceName = name;
        service[key] = name;
      } else {
        const prefixed = `service_${key}`;
        service[RESERVED_SPAN_FIELDS.has(options.fieldName(prefixed)) ? `service_attr_${key}` : prefixed] =
          anyValue(value);
      }
    }
    const serviceKeys = new Set(Object.keys(service).map(options.fieldName));
    for (const scope of rs.scopeSpans ?? []) {
      for (const span of scope.spans ?? []) {
        checkHex(span.traceId, span.spanId, span.parentSpanId);
        if (!TRACE_ID.test(span.traceId ?? '') || !SPAN_ID.test(span.spanId ?? '')) {
          rejected++;
          continue;
        }
        records.push(spanToRecord(span, service, serviceKeys, serviceName, options));
      }
    }
  }
  return { records, rejected };
}

function spanToRecord(
  span: OtlpSpan,
  service: Record<string, unknown>,
  serviceKeys: ReadonlySet<string>,
  serviceName: string,
  options: OtlpSpansOptions,
): Record<string, unknown> {
  const traceId = span.traceId!.toLowerCase();
  const start = toBigInt(span.startTimeUnixNano);
  const end = toBigInt(span.endTimeUnixNano);
  const kind = enumIndex(span.kind, SPAN_KINDS, 'SPAN_KIND_');
  const attributes: Record<string, unknown> = {};
  for (const { key, value } of span.attributes ?? []) {
    const normalized = options.fieldName(key);
    const taken = RESERVED_SPAN_FIELDS.has(normalized) || serviceKeys.has(normalized);
    attributes[taken ? `attr_${key}` : key] = anyValue(value);
  }
  // OpenObserve issue #4851: the status message is kept as an attribute.
  if (span.status) {
    attributes.status_code = enumIndex(span.status.code, STATUS_CODES, 'STATUS_CODE_');
    attributes.status_message = span.status.message ?? '';
  }
  const inferred = inferPeerService(kind, (key) => {
    const value = attributes[key];
    return typeof value === 'string' ? value : undefined;
  });
  if (inferred) {
    attributes.infer_service_name = inferred.name;
    attributes.infer_service_type = inferred.type;
    if (inferred.system !== undefined) attributes.infer_service_system = inferred.system;
  }
  const parent = span.parentSpanId ?? '';
  const reference = SPAN_ID.test(parent)
    ? {
        'reference.parent_trace_id': traceId,
        'reference.parent_span_id': parent.toLowerCase(),
        'reference.ref_type': 'ChildOf',
      }
    : {};
  return {
    trace_id: traceId,
    span_id: span.spanId!.toLowerCase(),
    flags: 1,
    span_status: span.status
      ? (STATUS_CODES[enumIndex(span.status.code, STATUS_CODES, 'STATUS_CODE_')] ?? 'UNSET')
      : 'UNSET',
    span_kind: String(kind),
    operation_name: span.name ?? '',
    start_time: start,
    end_time: end,
    duration: Number((end - start) / 1000n),
    ...reference,
    service_name: serviceName,
    ...attributes,
    ...service,
    // Event times in ns pass 2^53: written as exact JSON numbers, as serde writes a u64.
    events: stringifyJson(
      (span.events ?? []).map((event) => ({
        name: event.name ?? '',
        _timestamp: toBigInt(event.timeUnixNano),
        ...attributesToObject(event.attributes),
      })),
      true,
    ),
    links: JSON.stringify(linksOf(span)),
    _timestamp: Number(start / 1000n),
  };
}

function linksOf(span: OtlpSpan): unknown[] {
  return (span.links ?? [])
    .filter((link) => SPAN_ID.test(link.spanId ?? '') && TRACE_ID.test(link.traceId ?? ''))
    .map((link) => ({
      context: {
        traceId: link.traceId!.toLowerCase(),
        spanId: link.spanId!.toLowerCase(),
        traceFlags: link.flags ?? 0,
        traceState: link.traceState ?? '',
      },
      ...attributesToObject(link.attributes),
      droppedAttributesCount: link.droppedAttributesCount ?? 0,
    }));
}

function checkHex(...ids: Array<string | undefined>): void {
  for (const id of ids) {
    if (id !== undefined && !HEX.test(id)) throw new TypeError(`invalid hex id: ${JSON.stringify(id)}`);
  }
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

/**
 * OpenObserve's `get_val`: strings stay, booleans, integers and doubles become their text, arrays
 * and key-value lists stay structured (flattening then stores arrays as JSON text), bytes become
 * their UTF-8 text.
 */
function anyValue(value: AnyValue | undefined): unknown {
  if (!value) return null;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return String(value.boolValue);
  if (value.intValue !== undefined) return toBigInt(value.intValue).toString();
  if (value.doubleValue !== undefined) return String(Number(value.doubleValue));
  if (value.bytesValue !== undefined) return Buffer.from(value.bytesValue, 'base64').toString('utf8');
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(anyValue);
  if (value.kvlistValue) return attributesToObject(value.kvlistValue.values);
  return null;
}
