import type { SqlFragment } from '@shoptel/core';

/** Severities, lowest first (the seed's). */
export const AlertSeverity = { low: 'low', medium: 'medium', high: 'high', critical: 'critical' } as const;
export type AlertSeverity = (typeof AlertSeverity)[keyof typeof AlertSeverity];

/** Comparison of the query's `value` with the rule's `threshold`. */
export const AlertOperator = ['>', '<', '>=', '<=', '==', '!='] as const;
export type AlertOperator = (typeof AlertOperator)[number];

/** Notification channel kinds (the seed's `NotificationConfig.type`). */
export const ChannelType = { email: 'email', webhook: 'webhook', slack: 'slack', sms: 'sms' } as const;
export type ChannelType = (typeof ChannelType)[keyof typeof ChannelType];

/** What to do when the query succeeds with no rows (or only null values). */
export const NoDataPolicy = { ok: 'ok', alerting: 'alerting', keepLast: 'keep_last' } as const;
export type NoDataPolicy = (typeof NoDataPolicy)[keyof typeof NoDataPolicy];

/** The seed's retry policy of one channel. */
export interface RetryPolicy {
  /** Attempts after the first. @default 8 */
  maxRetries: number;
  /** First backoff, doubled per attempt (±50 % jitter, capped at 60 s). @default '1s' */
  retryInterval: string;
}

/** One channel a rule notifies (the seed's `NotificationConfig`). */
export interface NotificationConfig {
  type: ChannelType;
  enabled: boolean;
  /**
   * Channel settings: webhook `{ url, secret?, headers? }`, slack `{ url }`, email `{ to, from? }`,
   * sms `{ to, from? | messagingServiceSid? }`. Also `sendResolved` (boolean) and `timeoutMs`.
   */
  config: Record<string, unknown>;
  retryPolicy?: RetryPolicy;
}

/**
 * A mute window (the seed's `SuppressionRule`): while the wall clock in `timeZone` is inside
 * `timeWindow` (`'HH:MM-HH:MM'`, may cross midnight), alerts whose labels match `condition`
 * (label matchers such as `{severity="low"}`; empty = every alert of the rule) are not notified.
 * Notifications are deferred, not lost: the first flush after the window sends them.
 */
export interface SuppressionRule {
  id: string;
  name: string;
  condition: string;
  timeWindow: string;
  /** IANA time zone of `timeWindow`. @default 'UTC' */
  timeZone?: string;
  enabled: boolean;
}

/**
 * One escalation step (the seed's `EscalationRule`): when an alert group has been notified as
 * firing for `timeWindow` and is neither resolved nor acknowledged, its severity becomes
 * `critical` and `targetNotifications` are notified. `condition` (label matchers, empty = all)
 * picks the alerts it applies to. A silence pauses the clock; an acknowledgement cancels.
 */
export interface EscalationRule {
  id: string;
  name: string;
  condition: string;
  timeWindow: string;
  targetNotifications: NotificationConfig[];
  enabled: boolean;
}

/** The seed's `AlertRule`, plus the evaluation settings of `alerting-anchors.md` §7. */
export interface AlertRule {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  /**
   * A metric name (the average of its `value` over `timeWindow` is compared), or SQL from the
   * `sql` tag returning a numeric `value` column and optional group columns (one alert per group).
   */
  condition: string | SqlFragment;
  severity: AlertSeverity;
  threshold: number;
  operator: AlertOperator;
  /** The query looks back this far from the evaluation slot (`^\d+[smhd]$`). */
  timeWindow: string;
  /** How often the rule is evaluated (`^\d+[smhd]$`, at least 10s). */
  evaluationInterval: string;
  notifications: NotificationConfig[];
  suppressions?: SuppressionRule[];
  escalation?: EscalationRule[];
  /** Static labels added to every alert of the rule. */
  tags?: Record<string, string>;
  /** The condition must hold this long before the alert fires. @default '0s' */
  for?: string;
  /** A firing alert keeps firing this long after its last true evaluation. @default '0s' */
  keepFiringFor?: string;
  /** @default 'ok' (an empty result resolves, as in Prometheus) */
  onNoData?: NoDataPolicy;
  /** Evaluations a group may be missing from the result before it resolves. @default 2 */
  missingSeriesToResolve?: number;
  /** Query errors in a row before `RuleEvaluationFailing` fires. @default 3 */
  errorFor?: number;
  /** Shifts the query window back, for ingestion delay (`^\d+[smhd]$`). @default '0s' */
  queryOffset?: string;
  /** Stream type a SQL condition reads. @default 'metrics' for a metric name, else 'logs' */
  streamType?: 'logs' | 'metrics' | 'traces';
  createdAt: string;
  updatedAt: string;
}

/** What `createRule` takes. */
export type AlertRuleInput = Omit<AlertRule, 'id' | 'createdAt' | 'updatedAt' | 'evaluationInterval'> & {
  id?: string;
  /** @default the config's `alerts.evaluationIntervalSeconds` (`OPENOBSERVE_ALERTS_EVALUATION_INTERVAL`, 60) */
  evaluationInterval?: string;
};

/** Life cycle of one alert instance (`alerting-anchors.md` §7.2). */
export type InstanceState = 'pending' | 'firing' | 'resolved';

/** Why an instance is in its state (Grafana's `state_reason`). */
export type StateReason = 'condition' | 'nodata' | 'missing' | 'error';

/** The seed's `AlertInstance`, as `getActiveAlerts()` returns it. */
export interface AlertInstance {
  id: string;
  ruleId: string;
  ruleName: string;
  status: 'pending' | 'firing' | 'resolved' | 'suppressed';
  severity: AlertSeverity;
  message: string;
  details: Record<string, unknown>;
  labels: Record<string, string>;
  startsAt: string;
  endsAt?: string;
  acknowledgedAt?: string;
  notificationsSent: number;
  lastNotificationSent?: string;
  tags?: Record<string, string>;
}
