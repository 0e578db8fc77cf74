import type { Attributes, AttributeValue } from '@opentelemetry/api';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import {
  isSensitiveFieldName,
  maskCardData,
  maskCardNumberValue,
  normalizeFieldName,
  REDACTED,
} from '@shoptel/core';

/** `name=value` pairs of a query string (or a form body) inside any text. */
const QUERY_PAIR = /([?&;])([^=&#\s?;]+)=([^&#\s;]*)/g;
/** The password of a URL's user info: `https://user:password@host`. */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:)[^/\s@]+@/gi;

/** Attribute keys judged and remembered; past this the memo starts afresh (generated keys). */
const MAX_JUDGED_KEYS = 1024;
const judgedKeys = new Map<string, boolean>();

/**
 * Does this attribute key name a secret (`password`, `apiKey`, `http.request.header.authorization`)?
 * Remembered per key: every span is masked on export, and its few keys repeat on every span
 * (judged afresh, `startBusinessSpan().end()` cost 5.2 µs of CPU against OTel's 3.7; remembered,
 * 3.9 against 3.4 in an A/B of 4 alternating processes each).
 */
export function isSensitiveAttributeKey(key: string): boolean {
  let sensitive = judgedKeys.get(key);
  if (sensitive === undefined) {
    sensitive = isSensitiveFieldName(normalizeFieldName(key), key);
    if (judgedKeys.size >= MAX_JUDGED_KEYS) judgedKeys.clear();
    judgedKeys.set(key, sensitive);
  }
  return sensitive;
}

/**
 * Card numbers and security codes, URL passwords and secret query parameters (`access_token=…`) in one text, and
 * a lone UTF-16 surrogate replaced. A span
 * attribute is not a record: its text never passes core's serializer, so it is masked here.
 */
export function maskSpanText(text: string): string {
  let masked = maskCardData(text);
  if (masked.includes('=')) {
    masked = masked.replace(QUERY_PAIR, (pair, lead: string, key: string) => {
      let name = key;
      try {
        name = decodeURIComponent(key);
      } catch {
        // a malformed escape: judge the key as written
      }
      return isSensitiveAttributeKey(name) ? `${lead}${key}=${REDACTED}` : pair;
    });
  }
  if (masked.includes('@')) masked = masked.replace(URL_PASSWORD, `$1${REDACTED}@`);
  // Half an emoji (a name cut inside one) becomes U+FFFD: OpenObserve's reader refuses the escape
  // JSON.stringify writes for it, and with it every span of the export.
  return masked.toWellFormed();
}

function maskValue(value: AttributeValue | undefined): AttributeValue | undefined {
  if (typeof value === 'string') return maskSpanText(value);
  if (typeof value === 'number')
    return value >= 1e12 || value <= -1e12 ? (maskCardNumberValue(value) ?? value) : value;
  if (Array.isArray(value)) {
    const items = value.map((item) => maskValue(item as AttributeValue) as never);
    return items.some((item, i) => item !== value[i]) ? (items as AttributeValue) : value;
  }
  return value;
}

/** Attributes with secret names hidden and card numbers masked; the same object when clean. */
export function maskAttributes(attributes: Attributes): Attributes {
  let copy: Attributes | undefined;
  for (const key of Object.keys(attributes)) {
    const value = attributes[key];
    const masked = value !== undefined && isSensitiveAttributeKey(key) ? REDACTED : maskValue(value);
    if (masked === value) continue;
    copy ??= { ...attributes };
    copy[key] = masked;
  }
  return copy ?? attributes;
}

/**
 * The span as it may leave the process. A view over the finished span (its prototype), so the
 * exporter still reads every field it knows; only the name, attributes, events and status message
 * are replaced, and only when something had to be masked.
 */
export function maskSpan(span: ReadableSpan): ReadableSpan {
  const name = maskSpanText(span.name);
  const attributes = maskAttributes(span.attributes);
  let eventsChanged = false;
  const events =
    span.events.length === 0
      ? span.events
      : span.events.map((event) => {
          const eventName = maskSpanText(event.name);
          const eventAttributes =
            event.attributes === undefined ? undefined : maskAttributes(event.attributes);
          if (eventName === event.name && eventAttributes === event.attributes) return event;
          eventsChanged = true;
          return { ...event, name: eventName, attributes: eventAttributes };
        });
  const message = span.status.message === undefined ? undefined : maskSpanText(span.status.message);
  if (
    name === span.name &&
    attributes === span.attributes &&
    !eventsChanged &&
    message === span.status.message
  )
    return span;
  return Object.create(span, {
    name: { value: name, enumerable: true },
    attributes: { value: attributes, enumerable: true },
    events: { value: eventsChanged ? events : span.events, enumerable: true },
    status: { value: { ...span.status, message }, enumerable: true },
  }) as ReadableSpan;
}

/** Wraps an exporter so that every span it sees is masked first (`maskSpan`). */
export function maskingExporter(inner: SpanExporter): SpanExporter {
  return {
    export: (spans, done) => inner.export(spans.map(maskSpan), done),
    shutdown: () => inner.shutdown(),
    forceFlush: () => inner.forceFlush?.() ?? Promise.resolve(),
  };
}
