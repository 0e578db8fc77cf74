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
 * seed merged them into `businessContext`); everything else stays under `metadata`, which core's
 * serializer flattens to `metadata_<key>` columns (on its fast path for plain values) after
 * judging every key as written — so a secret name or a card number used as a key is masked there,
 * in one place.
 */
export function absorbMetadata(record: Record<string, unknown>, metadata: Record<string, unknown>): void {
  if (metadata instanceof Error) {
    // `logSystemEvent('db_down', 'ERROR', error)`: its message and stack are not enumerable, so
    // walking its keys kept only a `code`; it goes in whole as `metadata_error_*` instead.
    record.metadata = { error: metadata };
    return;
  }
  let nested: Record<string, unknown> | undefined;
  for (const key in metadata) {
    const value = metadata[key];
    if (value === undefined || value === null) continue;
    const column = BUSINESS_COLUMNS.get(key);
    if (column !== undefined) {
      record[column] = value;
      continue;
    }
    nested ??= {};
    nested[key] = value;
  }
  if (nested !== undefined) record.metadata = nested;
}
