import type { AlertSeverity } from './alert-types.js';

/** One alert inside a notification (Alertmanager webhook v4 `alerts[]`). */
export interface NotifiedAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  /** The resolve time, or empty while firing. */
  endsAt: string;
  fingerprint: string;
  value: number | null;
}

/** Why a notification went out. */
export type NotificationReason = 'first' | 'new_alerts' | 'resolved' | 'repeat' | 'escalation';

/**
 * What every channel renders: Alertmanager's webhook v4 body plus the rule. Webhooks receive it
 * as JSON, as is; Slack, e-mail and SMS render text from it.
 */
export interface NotificationMessage {
  version: '4';
  groupKey: string;
  status: 'firing' | 'resolved';
  receiver: string;
  ruleId: string;
  ruleName: string;
  severity: AlertSeverity;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  notificationReason: NotificationReason;
  alerts: NotifiedAlert[];
}
