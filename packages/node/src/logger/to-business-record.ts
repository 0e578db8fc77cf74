import { LogLevel, toLogLevel } from './log-level.js';
import { type BusinessLogEntry, LogCategory } from './log-types.js';

const CATEGORIES: ReadonlySet<string> = new Set(Object.values(LogCategory));
const CONTEXT_COLUMNS = [
  ['orderId', 'order_id'],
  ['productId', 'product_id'],
  ['cartId', 'cart_id'],
  ['paymentId', 'payment_id'],
  ['amount', 'amount'],
  ['currency', 'currency'],
  ['status', 'status'],
  ['quantity', 'quantity'],
] as const;
const ID_COLUMNS = [
  ['userId', 'user_id'],
  ['sessionId', 'session_id'],
  ['requestId', 'request_id'],
  ['traceId', 'trace_id'],
  ['spanId', 'span_id'],
] as const;

/**
 * Maps the seed's camelCase `BusinessLogEntry` to its flat `business_events` record. An entry
 * without an action is refused; a bad level or category is repaired (INFO, SYSTEM) and reported.
 */
export function toBusinessRecord(
  entry: BusinessLogEntry,
  reject: (message: string) => void,
): Record<string, unknown> | undefined {
  if (typeof entry !== 'object' || entry === null) {
    reject(`log() needs an entry object; got ${entry === null ? 'null' : typeof entry}`);
    return undefined;
  }
  if (typeof entry.action !== 'string' || entry.action === '') {
    reject('log() needs an entry with an action (a non-empty string)');
    return undefined;
  }
  let level: LogLevel = LogLevel.INFO;
  const known = toLogLevel(entry.level);
  if (known !== undefined) level = known;
  else reject(`log(): level must be DEBUG, INFO, WARN or ERROR; got ${String(entry.level)} (INFO used)`);
  let category: string = LogCategory.SYSTEM;
  // In any case, as levels are: `category: 'order'` is ORDER, not repaired to SYSTEM.
  const named = typeof entry.category === 'string' ? entry.category.toUpperCase() : undefined;
  if (named !== undefined && CATEGORIES.has(named)) category = named;
  else
    reject(
      `log(): category must be one of ${[...CATEGORIES].join(', ')}; got ${String(entry.category)} (SYSTEM used)`,
    );

  const record: Record<string, unknown> = {
    level,
    category,
    action: entry.action,
    message: typeof entry.message === 'string' ? entry.message : `${category} event: ${entry.action}`,
  };
  for (const [from, to] of ID_COLUMNS) {
    const value = entry[from];
    if (typeof value === 'string' && value !== '') record[to] = value;
  }
  const context = entry.businessContext;
  if (typeof context === 'object' && context !== null) {
    for (const [from, to] of CONTEXT_COLUMNS) {
      const value = context[from];
      if (value !== undefined && value !== null) record[to] = value;
    }
  }
  if (entry.tags !== undefined) record.tags = entry.tags;
  if (entry.metadata !== undefined) record.metadata = entry.metadata;
  if (entry.timestamp !== undefined) {
    // Both: `_timestamp` places the record in time (clamped by the client), `event_time` keeps it.
    record._timestamp = entry.timestamp;
    record.event_time = entry.timestamp;
  }
  return record;
}
