import { REDACTED } from '@shoptel/core';
import { isSensitiveAttributeKey, maskSpanText } from '../tracing/mask-span.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/**
 * Masks the spans of an OTLP/JSON body in place, as `maskSpan` does for the server's own spans:
 * card numbers and secret query parameters in span and event names, string attributes and status
 * messages; attributes with a secret's name hidden. The browser's spans are the page's data: the
 * relay is the last place this side of OpenObserve to catch a card number a page let through.
 */
export function maskOtlpJson(body: unknown): void {
  if (!isObject(body) || !Array.isArray(body.resourceSpans)) return;
  for (const resource of body.resourceSpans) {
    if (!isObject(resource) || !Array.isArray(resource.scopeSpans)) continue;
    for (const scope of resource.scopeSpans) {
      if (!isObject(scope) || !Array.isArray(scope.spans)) continue;
      for (const span of scope.spans) if (isObject(span)) maskOtlpSpan(span);
    }
  }
}

function maskOtlpSpan(span: Json): void {
  if (typeof span.name === 'string') span.name = maskSpanText(span.name);
  maskKeyValues(span.attributes);
  if (isObject(span.status) && typeof span.status.message === 'string')
    span.status.message = maskSpanText(span.status.message);
  for (const list of [span.events, span.links]) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (!isObject(item)) continue;
      if (typeof item.name === 'string') item.name = maskSpanText(item.name);
      maskKeyValues(item.attributes);
    }
  }
}

/** `[{ key, value: AnyValue }]`: a secret key hides its value, any other value is masked. */
function maskKeyValues(list: unknown): void {
  if (!Array.isArray(list)) return;
  for (const entry of list) {
    if (!isObject(entry)) continue;
    if (typeof entry.key === 'string' && isSensitiveAttributeKey(entry.key))
      entry.value = { stringValue: REDACTED };
    else maskAnyValue(entry.value);
  }
}

function maskAnyValue(value: unknown): void {
  if (!isObject(value)) return;
  if (typeof value.stringValue === 'string') value.stringValue = maskSpanText(value.stringValue);
  if (isObject(value.arrayValue) && Array.isArray(value.arrayValue.values))
    for (const item of value.arrayValue.values) maskAnyValue(item);
  if (isObject(value.kvlistValue)) maskKeyValues(value.kvlistValue.values);
}
