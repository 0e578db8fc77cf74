import type { NotificationMessage } from '../notification-message.js';

/** One line: `[FIRING:2] HighErrorRate (high)` or `[RESOLVED] …`, with `[ESCALATED]` for escalations. */
export function renderNotificationTitle(message: NotificationMessage): string {
  const firing = message.alerts.filter((a) => a.status === 'firing').length;
  const state = message.status === 'firing' ? `FIRING:${firing}` : 'RESOLVED';
  const escalated = message.notificationReason === 'escalation' ? ' [ESCALATED]' : '';
  return `[${state}] ${message.ruleName} (${message.severity})${escalated}`;
}

/** One line per alert: status, its own labels (beyond the common ones), value and times. */
export function renderAlertLines(message: NotificationMessage): string[] {
  return message.alerts.map((alert) => {
    const own = Object.entries(alert.labels)
      .filter(([key, value]) => message.commonLabels[key] !== value)
      .map(([key, value]) => `${key}=${value}`)
      .join(', ');
    const since = alert.status === 'firing' ? `since ${alert.startsAt}` : `resolved ${alert.endsAt}`;
    return `${alert.status === 'firing' ? '🔥' : '✅'} ${alert.annotations.summary ?? message.ruleName}${own ? ` {${own}}` : ''} — ${since}`;
  });
}

/** Plain text for e-mail and SMS. */
export function renderNotificationText(message: NotificationMessage): string {
  return [renderNotificationTitle(message), ...renderAlertLines(message)].join('\n');
}
