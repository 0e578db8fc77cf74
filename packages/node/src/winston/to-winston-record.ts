import { getRequestContext } from '../context/request-context.js';
import { addActiveSpanIds } from '../logger/active-span-ids.js';
import { LogLevel } from '../logger/log-level.js';
import { winstonLevelToLogLevel } from './winston-level.js';

// winston keeps the uncoloured level here when a format (such as `colorize`) rewrote `level`.
const RAW_LEVEL = Symbol.for('level');

// The seed's camelCase entry fields, written as the columns the business logger writes.
const SEED_COLUMNS: Readonly<Record<string, string>> = {
  timestamp: '_timestamp',
  userId: 'user_id',
  sessionId: 'session_id',
  requestId: 'request_id',
  traceId: 'trace_id',
  spanId: 'span_id',
};
const CONTEXT_COLUMNS: Readonly<Record<string, string>> = {
  orderId: 'order_id',
  productId: 'product_id',
  cartId: 'cart_id',
  paymentId: 'payment_id',
  amount: 'amount',
  currency: 'currency',
  status: 'status',
  quantity: 'quantity',
};

/**
 * Turns a winston `info` (or the seed's `BusinessLogEntry`) into a record: `level` → level text
 * (a custom level is kept as `winston_level` and stored as INFO), `message` as it is, `timestamp`
 * (from `format.timestamp()` or the seed) → `_timestamp` (core keeps it as `event_time`), the
 * seed's `userId`/`traceId`/… → `user_id`/`trace_id`/…, `businessContext` fields → their own
 * columns as the business logger writes them; every other field kept. Then the request context
 * and the active span's ids, where the entry has none.
 */
export function toWinstonRecord(info: Record<string | symbol, unknown>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const key in info) {
    const value = info[key];
    if (value === undefined) continue;
    if (key === 'businessContext' && typeof value === 'object' && value !== null) {
      for (const [name, field] of Object.entries(value)) {
        if (field !== undefined && field !== null) record[CONTEXT_COLUMNS[name] ?? name] = field;
      }
      continue;
    }
    record[SEED_COLUMNS[key] ?? key] = value;
  }
  const raw = info[RAW_LEVEL] ?? info.level;
  if (typeof raw === 'string') {
    const level = winstonLevelToLogLevel(raw);
    record.level = level ?? LogLevel.INFO;
    if (level === undefined) record.winston_level = raw;
  }
  if (record.trace_id === undefined) addActiveSpanIds(record);
  const context = getRequestContext();
  if (context !== undefined) {
    record.request_id ??= context.requestId;
    if (context.userId !== undefined) record.user_id ??= context.userId;
    if (context.sessionId !== undefined) record.session_id ??= context.sessionId;
  }
  return record;
}
