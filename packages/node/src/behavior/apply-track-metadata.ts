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
export function applyTrackMetadata(
  record: Record<string, unknown>,
  metadata: TrackMetadata,
  problem: (message: string) => void = () => {},
): void {
  let rest: Record<string, unknown> | undefined;
  for (const key in metadata) {
    const value = metadata[key];
    if (value === undefined || value === null) continue;
    const column = COLUMNS.get(key);
    if (column !== undefined) {
      const checked = checkColumn(column, value);
      if (checked instanceof ColumnProblem)
        problem(`metadata.${key} ${checked.problem}; got ${String(value)} (left out)`);
      else record[column] = checked;
    } else if (!CONSUMED.has(key)) {
      rest ??= {};
      rest[key] = value;
    }
  }
  if (Array.isArray(metadata.items)) {
    if (metadata.items.length > MAX_ITEMS)
      problem(`metadata.items holds ${metadata.items.length} lines; the first ${MAX_ITEMS} are kept`);
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

const NUMBER_COLUMNS = new Set(['price', 'quantity', 'total_amount']);
const CURRENCY = /^[A-Za-z]{3}$/;

/**
 * A column value as `user_behavior` types it (the relay refuses the same values): amounts are
 * finite numbers, a currency an ISO 4217 code (upper-cased: `eur` would be a revenue row of its
 * own beside `EUR`). Anything else is returned as it is.
 */
function checkColumn(column: string, value: unknown): unknown {
  if (NUMBER_COLUMNS.has(column))
    return typeof value === 'number' && Number.isFinite(value)
      ? value
      : new ColumnProblem('must be a finite number');
  if (column === 'currency')
    return typeof value === 'string' && CURRENCY.test(value)
      ? value.toUpperCase()
      : new ColumnProblem('must be an ISO 4217 code like EUR');
  return value;
}

/** Why a metadata value was left out of its column. */
class ColumnProblem {
  readonly problem: string;
  constructor(problem: string) {
    this.problem = problem;
  }
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
