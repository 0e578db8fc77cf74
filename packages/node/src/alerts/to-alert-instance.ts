import type { AlertInstanceRecord } from './alert-instance-record.js';
import type { AlertInstance, AlertRule } from './alert-types.js';

/** The seed's `AlertInstance` view of a stored instance. */
export function toAlertInstance(
  rule: AlertRule,
  record: AlertInstanceRecord,
  extra: {
    silenced: boolean;
    acknowledgedAt?: number;
    notificationsSent: number;
    lastNotificationSent?: number;
  },
): AlertInstance {
  const instance: AlertInstance = {
    id: `${rule.id}:${record.fingerprint}`,
    ruleId: rule.id,
    ruleName: rule.name,
    status: extra.silenced && record.state === 'firing' ? 'suppressed' : record.state,
    severity: record.escalated ? 'critical' : rule.severity,
    message: `${rule.name}: ${rule.description} (Current: ${record.value ?? 'no data'}, Threshold: ${rule.threshold})`,
    details: {
      currentValue: record.value,
      threshold: rule.threshold,
      operator: rule.operator,
      kind: record.kind,
      reason: record.reason,
      recovering: record.recovering,
    },
    labels: record.labels,
    startsAt: new Date(record.firedAt ?? record.activeAt).toISOString(),
    notificationsSent: extra.notificationsSent,
  };
  if (record.resolvedAt !== undefined) instance.endsAt = new Date(record.resolvedAt).toISOString();
  if (extra.acknowledgedAt !== undefined)
    instance.acknowledgedAt = new Date(extra.acknowledgedAt).toISOString();
  if (extra.lastNotificationSent !== undefined)
    instance.lastNotificationSent = new Date(extra.lastNotificationSent).toISOString();
  if (rule.tags) instance.tags = rule.tags;
  return instance;
}
