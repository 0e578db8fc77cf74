import {
  type Attributes,
  INVALID_SPAN_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import {
  ATTR_CACHE_KEY,
  ATTR_DB_COLLECTION_NAME,
  ATTR_DB_OPERATION_NAME,
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_MESSAGING_DESTINATION_NAME,
  ATTR_MESSAGING_OPERATION_NAME,
  ATTR_MESSAGING_OPERATION_TYPE,
  ATTR_OPERATION_TYPE,
  ATTR_URL_FULL,
} from './span-attributes.js';
import { toSpanAttributes } from './to-span-attributes.js';

type Attrs = Record<string, unknown>;

/** The seed's `DistributedTracingService`, with current semantic-convention attribute names. */
export interface Tracing {
  /** Is tracing on? When off every call is a no-op returning a shared non-recording span. */
  readonly enabled: boolean;
  /** `shoptel.operation.type: business`; `orderId`/`paymentId`/`productId` become `order.id`, … */
  startBusinessSpan(operationName: string, attributes?: Attrs): Span;
  /** Client span with `db.collection.name` and `db.operation.name`. */
  startDatabaseSpan(operationName: string, table: string, operation: string, attributes?: Attrs): Span;
  /** Client span `GET` with `http.request.method` and `url.full`. */
  startHttpSpan(method: string, url: string, attributes?: Attrs): Span;
  /** Client span with `db.operation.name` and `shoptel.cache.key`. */
  startCacheSpan(operationName: string, key: string, operation: string, attributes?: Attrs): Span;
  /** Producer (publish/send) or consumer span with `messaging.destination.name` and `messaging.operation.*`. */
  startMessageSpan(operationName: string, topic: string, operation: string, attributes?: Attrs): Span;
  /** Records `error` on `span` and sets its status to ERROR. */
  recordException(span: Span | undefined, error: unknown, attributes?: Attrs): void;
  addEvent(span: Span | undefined, eventName: string, attributes?: Attrs): void;
  setAttributes(span: Span | undefined, attributes: Attrs): void;
  /**
   * Runs `fn` inside a new active span (logs written in it carry its ids), ends the span when `fn`
   * returns or its promise settles, and records a thrown error or rejection before passing it on.
   * @example const order = await tracing.withSpan('place_order', { orderId }, () => placeOrder(cart));
   */
  withSpan<T>(name: string, attributes: Attrs | undefined, fn: (span: Span) => T): T;
}

let noopSpan: Span | undefined;
/** One shared non-recording span: what every helper returns when tracing is off. */
export function getNoopSpan(): Span {
  noopSpan ??= trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
  return noopSpan;
}

const SEND_OPERATIONS = new Set(['publish', 'send', 'create']);
const OPERATION_ATTRIBUTES: Readonly<Record<string, Attributes>> = Object.freeze({
  business: Object.freeze({ [ATTR_OPERATION_TYPE]: 'business' }),
});

/** Creates the helpers over `tracer`, or the no-op set when `tracer` is undefined. */
export function createTracing(tracer: Tracer | undefined): Tracing {
  const enabled = tracer !== undefined;
  const start = (name: string, attributes: Attributes, kind: SpanKind = SpanKind.INTERNAL): Span => {
    if (tracer === undefined) return getNoopSpan();
    try {
      return tracer.startSpan(String(name), { kind, attributes });
    } catch {
      return getNoopSpan();
    }
  };
  const typed = (type: string, attributes: Attrs | undefined, base?: Attributes): Attributes => {
    // Without extra attributes the common case shares one object (OTel copies attributes).
    if (attributes === undefined && base === undefined)
      return OPERATION_ATTRIBUTES[type] ?? { [ATTR_OPERATION_TYPE]: type };
    const into = base ?? {};
    into[ATTR_OPERATION_TYPE] = type;
    return toSpanAttributes(attributes, into);
  };

  function recordException(span: Span | undefined, error: unknown, attributes?: Attrs) {
    if (!enabled || span === undefined || !span.isRecording()) return;
    const err = error instanceof Error ? error : new Error(String(error));
    span.recordException(err);
    span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
    span.setAttributes(toSpanAttributes(attributes, { [ATTR_ERROR_TYPE]: err.name }));
  }

  return {
    enabled,
    startBusinessSpan: (operationName, attributes) =>
      enabled ? start(operationName, typed('business', attributes)) : getNoopSpan(),
    startDatabaseSpan: (operationName, table, operation, attributes) =>
      enabled
        ? start(
            operationName,
            typed('database', attributes, {
              [ATTR_DB_COLLECTION_NAME]: String(table),
              [ATTR_DB_OPERATION_NAME]: String(operation),
            }),
            SpanKind.CLIENT,
          )
        : getNoopSpan(),
    startHttpSpan: (method, url, attributes) => {
      if (!enabled) return getNoopSpan();
      const verb = String(method).toUpperCase();
      return start(
        verb,
        typed('http', attributes, { [ATTR_HTTP_REQUEST_METHOD]: verb, [ATTR_URL_FULL]: String(url) }),
        SpanKind.CLIENT,
      );
    },
    startCacheSpan: (operationName, key, operation, attributes) =>
      enabled
        ? start(
            operationName,
            typed('cache', attributes, {
              [ATTR_CACHE_KEY]: String(key),
              [ATTR_DB_OPERATION_NAME]: String(operation),
            }),
            SpanKind.CLIENT,
          )
        : getNoopSpan(),
    startMessageSpan: (operationName, topic, operation, attributes) => {
      if (!enabled) return getNoopSpan();
      const op = String(operation).toLowerCase();
      const send = SEND_OPERATIONS.has(op);
      const base: Attributes = {
        [ATTR_MESSAGING_DESTINATION_NAME]: String(topic),
        [ATTR_MESSAGING_OPERATION_NAME]: op,
        [ATTR_MESSAGING_OPERATION_TYPE]: send ? 'send' : op === 'receive' ? 'receive' : 'process',
      };
      return start(
        operationName,
        typed('messaging', attributes, base),
        send ? SpanKind.PRODUCER : SpanKind.CONSUMER,
      );
    },
    recordException,
    addEvent(span, eventName, attributes) {
      if (enabled && span?.isRecording()) span.addEvent(String(eventName), toSpanAttributes(attributes));
    },
    setAttributes(span, attributes) {
      if (enabled && span?.isRecording()) span.setAttributes(toSpanAttributes(attributes));
    },
    withSpan(name, attributes, fn) {
      if (tracer === undefined) return fn(getNoopSpan());
      return tracer.startActiveSpan(String(name), { attributes: typed('business', attributes) }, (span) => {
        let result: ReturnType<typeof fn>;
        try {
          result = fn(span);
        } catch (error) {
          recordException(span, error);
          span.end();
          throw error;
        }
        if (result instanceof Promise) {
          return result.then(
            (value) => {
              span.end();
              return value;
            },
            (error: unknown) => {
              recordException(span, error);
              span.end();
              throw error;
            },
          ) as typeof result;
        }
        span.end();
        return result;
      });
    },
  };
}
