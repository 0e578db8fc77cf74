import type { AlertInstanceRecord } from './alert-instance-record.js';
import type { AlertRule, AlertSeverity } from './alert-types.js';
import type { NotificationMessage, NotificationReason, NotifiedAlert } from './notification-message.js';

/** The message one channel receives for a group's alerts at one flush. */
export function buildNotificationMessage(input: {
  rule: AlertRule;
  groupKey: string;
  channelKey: string;
  reason: NotificationReason;
  alerts: readonly AlertInstanceRecord[];
  severity?: AlertSeverity;
}): NotificationMessage {
  const { rule, alerts } = input;
  const notified = alerts.map((a) => toNotifiedAlert(rule, a));
  const anyFiring = notified.some((a) => a.status === 'firing');
  const commonLabels = intersectLabels(notified.map((a) => a.labels));
  return {
    version: '4',
    groupKey: input.groupKey,
    status: anyFiring ? 'firing' : 'resolved',
    receiver: input.channelKey,
    ruleId: rule.id,
    ruleName: rule.name,
    severity: input.severity ?? (alerts.some((a) => a.escalated) ? 'critical' : rule.severity),
    groupLabels: { alertname: commonLabels.alertname ?? rule.name },
    commonLabels,
    commonAnnotations: { description: rule.description },
    notificationReason: input.reason,
    alerts: notified,
  };
}

function toNotifiedAlert(rule: AlertRule, alert: AlertInstanceRecord): NotifiedAlert {
  const status = alert.state === 'resolved' ? 'resolved' : 'firing';
  const summary =
    alert.kind === 'health' && alert.labels.channel !== undefined
      ? `Notifications of rule ${rule.name} to ${alert.labels.channel} fail permanently`
      : alert.kind === 'health'
        ? `Rule ${rule.name} cannot be evaluated: its query keeps failing`
        : `${rule.name}: ${rule.description} (Current: ${alert.value ?? 'no data'}, Threshold: ${rule.operator} ${rule.threshold})`;
  return {
    status,
    labels: alert.labels,
    annotations: { summary, reason: alert.reason },
    startsAt: new Date(alert.firedAt ?? alert.activeAt).toISOString(),
    endsAt: alert.resolvedAt === undefined ? '' : new Date(alert.resolvedAt).toISOString(),
    fingerprint: alert.fingerprint,
    value: alert.value,
  };
}

function intersectLabels(sets: readonly Record<string, string>[]): Record<string, string> {
  const [first, ...rest] = sets;
  if (!first) return {};
  return Object.fromEntries(Object.entries(first).filter(([k, v]) => rest.every((s) => s[k] === v)));
}
