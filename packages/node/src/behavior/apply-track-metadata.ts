import type { TrackMetadata } from './behavior-types.js';

/** `TrackMetadata` keys written as their own `user_behavior` column. */
const COLUMNS: ReadonlyMap<string, string> = new Map([
  ['anonymousId', 'anonymous_id'],
  ['title', 'title'],
  ['referrer', 'referrer'],
  ['url', 'url'],
  ['productName', 'product_name'],
  ['categoryId', 'category_id'],
  ['cartId', 'cart_id'],
  ['orderId', 'order_id'],
  ['price', 'price'],
  ['quantity', 'quantity'],
  ['currency', 'currency'],
  ['totalAmount', 'total_amount'],
  ['screenResolution', 'screen_resolution'],
  ['timezone', 'timezone'],
  ['language', 'language'],
]);
/** Keys read elsewhere (the request, the device overrides), never stored as metadata. */
const CONSUMED = new Set(['req', 'ip', 'userAgent', 'items', 'utm']);
const UTM_KEYS = ['source', 'medium', 'campaign', 'term', 'content'] as const;
export const MAX_ITEMS = 200;

/**
 * Writes a track call's metadata into its record: known keys as columns, `items` as the wire's list
 * (the serializer stores it as JSON text), `utm` as `utm_*`, anything else under `metadata`.
 */
export function applyTrackMetadata(record: Record<string, unknown>, metadata: TrackMetadata): void {
  let rest: Record<string, unknown> | undefined;
  for (const key in metadata) {
    const value = metadata[key];
    if (value === undefined || value === null) continue;
    const column = COLUMNS.get(key);
    if (column !== undefined) record[column] = value;
    else if (!CONSUMED.has(key)) {
      rest ??= {};
      rest[key] = value;
    }
  }
  if (Array.isArray(metadata.items)) {
    record.items = metadata.items.slice(0, MAX_ITEMS).map((item) => ({
      product_id: item?.productId ?? (item as { product_id?: unknown } | undefined)?.product_id,
      name: item?.name,
      price: item?.price,
      quantity: item?.quantity,
    }));
  }
  const utm = metadata.utm;
  if (typeof utm === 'object' && utm !== null) {
    for (const key of UTM_KEYS) if (typeof utm[key] === 'string') record[`utm_${key}`] = utm[key];
  }
  if (rest !== undefined) record.metadata = rest;
}

/** `utm_*` tags from a request path's query, for those the call did not set. */
export function applyUtmFromPath(record: Record<string, unknown>, path: string | undefined): void {
  if (path === undefined) return;
  const query = path.indexOf('?');
  if (query === -1 || !path.includes('utm_', query)) return;
  const params = new URLSearchParams(path.slice(query + 1));
  for (const key of UTM_KEYS) {
    const value = params.get(`utm_${key}`);
    if (value !== null && record[`utm_${key}`] === undefined) record[`utm_${key}`] = value;
  }
}
