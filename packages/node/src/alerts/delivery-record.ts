import type { NotificationConfig } from './alert-types.js';
import type { NotificationMessage } from './notification-message.js';

/**
 * One row of the delivery outbox: one message to one channel. Unique on
 * `(ruleId, channelKey, groupKey, flushSeq)`; `deliveryId` is derived from that key and sent as
 * `webhook-id`, so every retry of a delivery carries the same id. `ruleEpoch` is the rule's claim
 * epoch when the row was written: only the lease holder of that epoch could write it.
 */
export interface DeliveryRecord {
  deliveryId: string;
  ruleId: string;
  channelKey: string;
  groupKey: string;
  flushSeq: string;
  channel: NotificationConfig;
  message: NotificationMessage;
  ruleEpoch: number;
  createdAt: number;
  nextAttemptAt: number;
  attempts: number;
  status: 'pending' | 'sent' | 'failed';
  sentAt?: number;
  lastError?: string;
}

/** A delivery this engine holds a lease on; `epoch` fences its writes. */
export interface ClaimedDelivery {
  delivery: DeliveryRecord;
  epoch: number;
}

/** What one attempt came to. */
export type AttemptOutcome =
  | { kind: 'sent'; at: number }
  | { kind: 'retry'; at: number; nextAttemptAt: number; error: string }
  | { kind: 'failed'; at: number; error: string };
