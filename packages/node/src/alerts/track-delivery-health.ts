import { alertFingerprint } from './alert-fingerprint.js';
import type { AlertInstanceRecord } from './alert-instance-record.js';
import type { AlertRule } from './alert-types.js';
import type { DeliveryRecord } from './delivery-record.js';
import { firingHealthAlert } from './firing-health-alert.js';

/** The meta-alert a rule raises while one of its channels keeps failing permanently. */
export const NOTIFICATION_DELIVERY_FAILING = 'NotificationDeliveryFailing';

/**
 * Raises `NotificationDeliveryFailing{channel}` while a channel's latest finished delivery failed
 * for good (a permanent error or retries used up), and resolves it once a later delivery to that
 * channel succeeds. The alert is routed to the rule's other channels, never to the failing one.
 */
export function trackDeliveryHealth(
  instances: AlertInstanceRecord[],
  rule: AlertRule,
  deliveries: readonly DeliveryRecord[],
  nowMs: number,
): AlertInstanceRecord[] {
  const latest = new Map<string, DeliveryRecord>();
  for (const d of deliveries) {
    if (d.status === 'pending' || d.channelKey.startsWith('escalation')) continue;
    const seen = latest.get(d.channelKey);
    if (!seen || d.createdAt >= seen.createdAt) latest.set(d.channelKey, d);
  }
  let next = instances;
  for (const [channelKey, delivery] of latest) {
    const labels = {
      alertname: NOTIFICATION_DELIVERY_FAILING,
      rule: rule.name,
      rule_id: rule.id,
      channel: channelKey,
    };
    const fingerprint = alertFingerprint(labels);
    const current = next.find((i) => i.fingerprint === fingerprint);
    if (delivery.status === 'failed' && current?.state !== 'firing') {
      const meta = firingHealthAlert(fingerprint, labels, nowMs);
      next = [...next.filter((i) => i.fingerprint !== fingerprint), meta];
    } else if (delivery.status === 'sent' && current?.state === 'firing') {
      next = next.map((i) =>
        i.fingerprint === fingerprint
          ? { ...i, state: 'resolved', resolvedAt: nowMs, resolvedNotified: false }
          : i,
      );
    }
  }
  return next;
}
