import { createFieldNameCache } from '@shoptel/core';

/** Business keys a log call's metadata may carry, by the name it is written with → its column. */
const BUSINESS_COLUMNS: ReadonlyMap<string, string> = new Map([
  ['orderId', 'order_id'],
  ['order_id', 'order_id'],
  ['productId', 'product_id'],
  ['product_id', 'product_id'],
  ['cartId', 'cart_id'],
  ['cart_id', 'cart_id'],
  ['paymentId', 'payment_id'],
  ['payment_id', 'payment_id'],
  ['amount', 'amount'],
  ['currency', 'currency'],
  ['status', 'status'],
  ['quantity', 'quantity'],
  ['userId', 'user_id'],
  ['user_id', 'user_id'],
  ['sessionId', 'session_id'],
  ['session_id', 'session_id'],
  ['tags', 'tags'],
]);

const fieldName = createFieldNameCache(2048);
/** Per metadata key: its flat column (`metadata_<name>`), or '' to keep it nested. Bounded. */
const flatColumns = new Map<string, string>();
const MAX_FLAT_COLUMNS = 2048;
/**
 * Keys that might name a secret stay nested, so core's masking judges them by the key as written
 * (`pin`, `apiToken` are secrets there, `metadata_pin` on its own would not be). A superset of
 * core's words: a false match only costs speed.
 */
const MAYBE_SECRET = /pass|pwd|secret|cvv|cvc|key|card|token|auth|cookie|jwt|pan|pin|cid|secur|sess|priv/i;

/**
 * Puts a log call's metadata into its record: business keys become the record's own columns (the
 * seed merged them into `businessContext`), plain values become `metadata_<key>` columns (with
 * core's field-name rule), and objects and arrays stay under `metadata` for the serializer to
 * flatten. The wire shape is what the serializer would write for `{ metadata }`; a flat record of
 * plain values is serialized about twice as fast (core's fast path).
 */
export function absorbMetadata(record: Record<string, unknown>, metadata: Record<string, unknown>): void {
  let nested: Record<string, unknown> | undefined;
  for (const key in metadata) {
    const value = metadata[key];
    if (value === undefined || value === null) continue;
    const column = BUSINESS_COLUMNS.get(key);
    if (column !== undefined) {
      record[column] = value;
      continue;
    }
    const type = typeof value;
    if (type === 'string' || type === 'number' || type === 'boolean') {
      const flat = flatColumnOf(key);
      if (flat !== '' && !(flat in record)) {
        record[flat] = value;
        continue;
      }
    }
    nested ??= {};
    nested[key] = value;
  }
  if (nested !== undefined) record.metadata = nested;
}

function flatColumnOf(key: string): string {
  let column = flatColumns.get(key);
  if (column === undefined) {
    // A key the field-name rule empties, or one that may name a secret, stays nested.
    const name = MAYBE_SECRET.test(key) ? '' : fieldName(key);
    column = name === '' ? '' : `metadata_${name}`;
    if (flatColumns.size >= MAX_FLAT_COLUMNS) flatColumns.clear();
    flatColumns.set(key, column);
  }
  return column;
}
