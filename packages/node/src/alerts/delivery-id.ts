import { createHash } from 'node:crypto';

/**
 * The id of one delivery, derived from its unique key so a retry (or a second engine writing the
 * same delivery) gets the same id; sent as `webhook-id` for the receiver to dedupe on.
 */
export function deliveryId(ruleId: string, channelKey: string, groupKey: string, flushSeq: string): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([ruleId, channelKey, groupKey, flushSeq]))
    .digest('hex');
  return `msg_${hash.slice(0, 32)}`;
}
