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

/**
 * Puts a log call's metadata into its record: business keys become the record's own columns (the
 * seed merged them into `businessContext`), the rest goes under `metadata` (the serializer writes
 * it as `metadata_*`). Metadata without business keys is passed by reference, not copied.
 */
export function absorbMetadata(record: Record<string, unknown>, metadata: Record<string, unknown>): void {
  let rest: Record<string, unknown> | undefined;
  let restIsCopy = false;
  for (const key in metadata) {
    const column = BUSINESS_COLUMNS.get(key);
    if (column === undefined) continue;
    if (!restIsCopy) {
      rest = { ...metadata };
      restIsCopy = true;
    }
    delete rest![key];
    const value = metadata[key];
    if (value !== undefined && value !== null) record[column] = value;
  }
  if (!restIsCopy) rest = metadata;
  for (const _ in rest) {
    record.metadata = rest;
    return;
  }
}
