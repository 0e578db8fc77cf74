import { MAX_ITEMS } from '../behavior/apply-track-metadata.js';
import { BehaviorEventType } from '../behavior/behavior-types.js';

const EVENT_TYPES: ReadonlySet<string> = new Set(Object.values(BehaviorEventType));
/** `user_behavior` text fields a browser may send, with their longest accepted length. */
const TEXT_FIELDS: ReadonlyMap<string, number> = new Map([
  ['event_id', 128],
  ['session_id', 128],
  ['anonymous_id', 128],
  ['user_id', 128],
  ['page', 2048],
  ['url', 4096],
  ['title', 512],
  ['referrer', 4096],
  ['product_id', 128],
  ['product_name', 512],
  ['category_id', 128],
  ['search_query', 512],
  ['cart_id', 128],
  ['order_id', 128],
  ['user_agent', 1024],
  ['screen_resolution', 32],
  ['language', 35],
  ['timezone', 64],
  ['platform', 64],
  ['utm_source', 256],
  ['utm_medium', 256],
  ['utm_campaign', 256],
  ['utm_term', 256],
  ['utm_content', 256],
]);
const NUMBER_FIELDS: ReadonlySet<string> = new Set(['price', 'quantity', 'total_amount']);
/** What a browser may claim as its source; `server` is the backend's own. */
const SOURCES: ReadonlySet<string> = new Set(['auto', 'api', 'datalayer']);
const CURRENCY = /^[A-Z]{3}$/;
/**
 * The browser SDK's stamp (`shoptel-browser/0.1.0`). Without one the record keeps the relay's own
 * `sdk` (`shoptel-node/…`); another name is refused, so a page cannot pass for a server SDK.
 */
const BROWSER_SDK = /^shoptel-browser\/[0-9A-Za-z.+-]{1,32}$/;
/** A client clock this far ahead is not believed. */
const MAX_CLIENT_AHEAD_MS = 60_000;

export type Validated = { ok: true; record: Record<string, unknown> } | { ok: false; reason: string };

/**
 * Checks one browser event against the `user_behavior` schema (`wire-format.md`) and builds the
 * record to store: known fields only (server-side fields such as `ip`, `browser`, `_timestamp`
 * are the relay's to set and are ignored when sent), `sdk` kept when it is the browser SDK's (it
 * is written after the client's common fields, so it replaces the relay's own stamp), `_timestamp` from the client's `event_time`
 * unless that is unreadable or in the future. The first problem found is the reason.
 */
export function validateBehaviorEvent(event: unknown, nowMs: number): Validated {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    return {
      ok: false,
      reason: `expected an event object; got ${Array.isArray(event) ? 'an array' : event === null ? 'null' : typeof event}`,
    };
  }
  const source = event as Record<string, unknown>;
  const type = source.event_type;
  if (typeof type !== 'string' || !EVENT_TYPES.has(type)) {
    return {
      ok: false,
      reason: `event_type must be one of ${[...EVENT_TYPES].join(', ')}; got ${JSON.stringify(type) ?? 'nothing'}`,
    };
  }
  if (typeof source.session_id !== 'string' || source.session_id === '') {
    return { ok: false, reason: 'session_id is required (a non-empty string)' };
  }
  const record: Record<string, unknown> = { event_type: type };
  for (const key in source) {
    const value = source[key];
    if (value === undefined || value === null) continue;
    const maxLength = TEXT_FIELDS.get(key);
    if (maxLength !== undefined) {
      if (typeof value !== 'string') return { ok: false, reason: `${key} must be a string` };
      if (value.length > maxLength)
        return { ok: false, reason: `${key} is longer than ${maxLength} characters` };
      record[key] = value;
    } else if (NUMBER_FIELDS.has(key)) {
      if (typeof value !== 'number' || !Number.isFinite(value))
        return { ok: false, reason: `${key} must be a finite number` };
      record[key] = value;
    } else if (key === 'currency') {
      if (typeof value !== 'string' || !CURRENCY.test(value))
        return { ok: false, reason: 'currency must be an ISO 4217 code like EUR' };
      record.currency = value;
    } else if (key === 'source') {
      if (typeof value !== 'string' || !SOURCES.has(value))
        return { ok: false, reason: 'source must be auto, api or datalayer' };
      record.source = value;
    } else if (key === 'sdk') {
      if (typeof value !== 'string' || !BROWSER_SDK.test(value))
        return { ok: false, reason: 'sdk must be shoptel-browser/<version>' };
      record.sdk = value;
    } else if (key === 'items') {
      const items = checkItems(value);
      if (typeof items === 'string') return { ok: false, reason: items };
      record.items = items;
    }
  }
  record.source ??= 'auto';
  const clientTime = typeof source.event_time === 'string' ? Date.parse(source.event_time) : Number.NaN;
  if (Number.isFinite(clientTime) && clientTime <= nowMs + MAX_CLIENT_AHEAD_MS) {
    record._timestamp = clientTime * 1000;
    record.event_time = new Date(clientTime).toISOString();
  }
  return { ok: true, record };
}

function checkItems(
  value: unknown,
): { product_id: string; name?: string; price?: number; quantity?: number }[] | string {
  if (!Array.isArray(value)) return 'items must be an array';
  if (value.length > MAX_ITEMS) return `items holds more than ${MAX_ITEMS} lines`;
  const items = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null) return 'items must hold objects';
    const { product_id, name, price, quantity } = item as Record<string, unknown>;
    if (typeof product_id !== 'string' || product_id.length > 128)
      return 'each item needs a product_id string';
    if (name !== undefined && (typeof name !== 'string' || name.length > 512))
      return 'item name must be a string';
    for (const n of [price, quantity]) {
      if (n !== undefined && (typeof n !== 'number' || !Number.isFinite(n)))
        return 'item price and quantity must be finite numbers';
    }
    items.push({
      product_id,
      name: name as string | undefined,
      price: price as number | undefined,
      quantity: quantity as number | undefined,
    });
  }
  return items;
}
