import type { LogLevel } from './log-level.js';

/** Categories of `business_events`, as the seed's `BusinessLogEntry.category`. */
export const LogCategory = {
  USER: 'USER',
  ORDER: 'ORDER',
  PAYMENT: 'PAYMENT',
  INVENTORY: 'INVENTORY',
  SYSTEM: 'SYSTEM',
} as const;
export type LogCategory = (typeof LogCategory)[keyof typeof LogCategory];

/**
 * Free-form fields of a log call. Business keys (`orderId`, `productId`, `cartId`, `paymentId`,
 * `amount`, `currency`, `status`, `quantity`, also snake_case) become the record's own columns,
 * `tags` becomes `tags_*`, `userId`/`sessionId` set those columns, and everything else is stored
 * as `metadata_*`. Read when the batch is built (the next tick): do not mutate it after the call.
 */
export type LogMetadata = Record<string, unknown>;

/** Business ids and amounts of an entry, stored as their own columns (`order_id`, `amount`, …). */
export interface BusinessContext {
  orderId?: string;
  productId?: string;
  cartId?: string;
  paymentId?: string;
  amount?: number;
  /** @default the configured currency when `amount` is set */
  currency?: string;
  status?: string;
  quantity?: number;
}

/**
 * One `business_events` record as the seed's `BusinessLogEntry` describes it. `service` comes from
 * config; `requestId`, `userId`, `sessionId`, `traceId` and `spanId` default to the current request
 * and span.
 *
 * @example
 * logger.log({ level: 'WARN', category: 'ORDER', action: 'order_delayed', message: 'carrier late',
 *   businessContext: { orderId: 'o-1' }, tags: { carrier: 'dhl' } });
 */
export interface BusinessLogEntry {
  level: LogLevel;
  category: LogCategory;
  action: string;
  /** @default `${category} event: ${action}` */
  message?: string;
  userId?: string;
  sessionId?: string;
  requestId?: string;
  traceId?: string;
  spanId?: string;
  tags?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  businessContext?: BusinessContext;
  /** When it happened (`event_time`); now by default. */
  timestamp?: string | number | Date;
}
